import type { ErrorCode } from './errors.js';

/**
 * Every HTTP answer of the REST API has this shape. A failure also carries its stable `code`
 * (the CofferError code), which clients branch on instead of the HTTP status.
 */
export interface SuccessEnvelope<T> {
  error: false;
  message: string;
  data: T;
}

export interface ErrorEnvelope<T = unknown> {
  error: true;
  code: ErrorCode;
  message: string;
  data: T | null;
}

export type Envelope<T> = SuccessEnvelope<T> | ErrorEnvelope;

export function successEnvelope<T>(data: T, message = 'ok'): SuccessEnvelope<T> {
  return { error: false, message, data };
}

export function errorEnvelope<T>(code: ErrorCode, message: string, data: T | null = null): ErrorEnvelope<T> {
  return { error: true, code, message, data };
}
