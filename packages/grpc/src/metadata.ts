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
  /** The Idempotency-Key the write was sent with, and the fingerprint of the request it names. */
  idempotency?: Idempotency;
  /** Set by a handler that answered the stored reply of an earlier call with the same Idempotency-Key, instead of acting again. */
  replayed?: boolean;
}

/** An Idempotency-Key and the fingerprint of the request it was sent with (an HMAC the gateway makes: 64 hex digits). */
export interface Idempotency {
  key: string;
  fingerprint: string;
}

/** What a caller sends: the principal it acts for (its assertion travels) and, from a service, its own assertion. */
export interface OutgoingContext {
  requestId: string;
  principal?: Pick<Principal, 'assertion'>;
  serviceAssertion?: string;
  idempotency?: Idempotency;
}

/** The principal of a call that must have one. */
export function requirePrincipal(ctx: CallContext): Principal {
  if (!ctx.principal) throw new CofferError('UNAUTHENTICATED', 'call carries no principal');
  return ctx.principal;
}

export const REQUEST_ID_METADATA_KEY = 'x-request-id';
export const PRINCIPAL_METADATA_KEY = 'x-coffer-principal';
export const SERVICE_METADATA_KEY = 'x-coffer-service';
export const IDEMPOTENCY_KEY_METADATA_KEY = 'x-coffer-idempotency-key';
export const IDEMPOTENCY_FINGERPRINT_METADATA_KEY = 'x-coffer-idempotency-fingerprint';
/** Trailing metadata of an answer that is the stored reply of an earlier call with the same Idempotency-Key. */
export const IDEMPOTENT_REPLAY_METADATA_KEY = 'x-coffer-idempotent-replay';

/** What an Idempotency-Key may be, here and in the REST header. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{1,255}$/;
const FINGERPRINT_PATTERN = /^[0-9a-f]{64}$/;

// Printable ASCII only, like every non-binary metadata value; long enough for a UUID or a trace id.
const REQUEST_ID_PATTERN = /^[\x21-\x7e]{1,128}$/;

export function writeCallContext(ctx: OutgoingContext, metadata: Metadata = new Metadata()): Metadata {
  metadata.set(REQUEST_ID_METADATA_KEY, ctx.requestId);
  // Only assertions travel: the callee believes signatures, never fields beside them.
  if (ctx.principal) metadata.set(PRINCIPAL_METADATA_KEY, ctx.principal.assertion);
  if (ctx.serviceAssertion) metadata.set(SERVICE_METADATA_KEY, ctx.serviceAssertion);
  if (ctx.idempotency) {
    metadata.set(IDEMPOTENCY_KEY_METADATA_KEY, ctx.idempotency.key);
    metadata.set(IDEMPOTENCY_FINGERPRINT_METADATA_KEY, ctx.idempotency.fingerprint);
  }
  return metadata;
}

/**
 * The Idempotency-Key of an incoming call with its fingerprint, or undefined when it has none.
 * @throws CofferError INVALID_ARGUMENT when one comes without the other, twice, or malformed
 */
export function readIdempotency(metadata: Metadata): Idempotency | undefined {
  const keys = metadata.get(IDEMPOTENCY_KEY_METADATA_KEY);
  const fingerprints = metadata.get(IDEMPOTENCY_FINGERPRINT_METADATA_KEY);
  if (keys.length === 0 && fingerprints.length === 0) return undefined;
  const [key] = keys;
  const [fingerprint] = fingerprints;
  if (keys.length !== 1 || fingerprints.length !== 1 || typeof key !== 'string' || typeof fingerprint !== 'string') {
    throw new CofferError('INVALID_ARGUMENT', 'malformed idempotency metadata');
  }
  if (!IDEMPOTENCY_KEY_PATTERN.test(key) || !FINGERPRINT_PATTERN.test(fingerprint)) throw new CofferError('INVALID_ARGUMENT', 'malformed idempotency metadata');
  return { key, fingerprint };
}

/** The trailing metadata of an answer, as `readReplayed` reads it. */
export function replayTrailer(replayed: boolean | undefined): Metadata | undefined {
  if (!replayed) return undefined;
  const metadata = new Metadata();
  metadata.set(IDEMPOTENT_REPLAY_METADATA_KEY, 'true');
  return metadata;
}

/** Whether an answer's trailing metadata says it is the stored reply of an earlier call with the same Idempotency-Key. */
export function readReplayed(trailer: Metadata | undefined): boolean {
  return trailer?.get(IDEMPOTENT_REPLAY_METADATA_KEY)[0] === 'true';
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
