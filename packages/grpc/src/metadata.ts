import { randomUUID } from 'node:crypto';
import { Metadata } from '@grpc/grpc-js';
import { CofferError } from '@coffer/contract';
import type { Principal__Output } from './generated/coffer/v1/Principal.js';

/** Who is calling, as established by the Auth service: the verified Principal message, every field present. */
export type Principal = Principal__Output;

/** What travels with every call besides the request itself, as the callee sees it once verified. */
export interface CallContext {
  requestId: string;
  principal?: Principal;
  /** The Coffer service that made the call, when its service assertion was required and verified. */
  service?: string;
  /** When the caller stops waiting (ms since the epoch; Infinity without a deadline): work past it is cancelled, nested calls get what remains. */
  deadline: number;
}

/** What a caller sends: the principal it acts for (its assertion travels) and, from a service, its own assertion. */
export interface OutgoingContext {
  requestId: string;
  principal?: Pick<Principal, 'assertion'>;
  serviceAssertion?: string;
}

/** The principal of a call that must have one. */
export function requirePrincipal(ctx: CallContext): Principal {
  if (!ctx.principal) throw new CofferError('UNAUTHENTICATED', 'call carries no principal');
  return ctx.principal;
}

export const REQUEST_ID_METADATA_KEY = 'x-request-id';
export const PRINCIPAL_METADATA_KEY = 'x-coffer-principal';
export const SERVICE_METADATA_KEY = 'x-coffer-service';

// Printable ASCII only, like every non-binary metadata value; long enough for a UUID or a trace id.
const REQUEST_ID_PATTERN = /^[\x21-\x7e]{1,128}$/;

export function writeCallContext(ctx: OutgoingContext, metadata: Metadata = new Metadata()): Metadata {
  metadata.set(REQUEST_ID_METADATA_KEY, ctx.requestId);
  // Only assertions travel: the callee believes signatures, never fields beside them.
  if (ctx.principal) metadata.set(PRINCIPAL_METADATA_KEY, ctx.principal.assertion);
  if (ctx.serviceAssertion) metadata.set(SERVICE_METADATA_KEY, ctx.serviceAssertion);
  return metadata;
}

/** The request id of an incoming call; a missing or unusable one is replaced, so every call can be correlated in logs. */
export function readRequestId(metadata: Metadata): string {
  const [requestId] = metadata.get(REQUEST_ID_METADATA_KEY);
  return typeof requestId === 'string' && REQUEST_ID_PATTERN.test(requestId) ? requestId : randomUUID();
}

/**
 * The one value of an assertion header, or undefined when absent.
 * @throws CofferError UNAUTHENTICATED when it is sent twice or as binary
 */
export function readAssertion(metadata: Metadata, key: typeof PRINCIPAL_METADATA_KEY | typeof SERVICE_METADATA_KEY): string | undefined {
  const values = metadata.get(key);
  if (values.length === 0) return undefined;
  const [value] = values;
  if (values.length !== 1 || typeof value !== 'string') throw new CofferError('UNAUTHENTICATED', `malformed ${key} metadata`);
  return value;
}
