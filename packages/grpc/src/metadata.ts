import { randomUUID } from 'node:crypto';
import { Metadata } from '@grpc/grpc-js';
import { CofferError } from './errors.js';
import type { Principal__Output } from './generated/coffer/v1/Principal.js';
import type { PrincipalVerifier } from './principal-assertion.js';

/** Who is calling, as established by the Auth service: the verified Principal message, every field present. */
export type Principal = Principal__Output;

/** What travels with every call besides the request itself. */
export interface CallContext {
  requestId: string;
  principal?: Principal;
}

/** The principal of a call that must have one. */
export function requirePrincipal(ctx: CallContext): Principal {
  if (!ctx.principal) throw new CofferError('UNAUTHENTICATED', 'call carries no principal');
  return ctx.principal;
}

export const REQUEST_ID_METADATA_KEY = 'x-request-id';
export const PRINCIPAL_METADATA_KEY = 'x-coffer-principal';

// Printable ASCII only, like every non-binary metadata value; long enough for a UUID or a trace id.
const REQUEST_ID_PATTERN = /^[\x21-\x7e]{1,128}$/;

export function writeCallContext(ctx: CallContext, metadata: Metadata = new Metadata()): Metadata {
  metadata.set(REQUEST_ID_METADATA_KEY, ctx.requestId);
  // Only the assertion travels: the callee believes the signature, never the fields beside it.
  if (ctx.principal) metadata.set(PRINCIPAL_METADATA_KEY, ctx.principal.assertion);
  return metadata;
}

/**
 * Reads the caller context of an incoming call. A missing or unusable request id
 * is replaced by a fresh one, so every call can be correlated in logs.
 * @throws CofferError UNAUTHENTICATED when principal metadata is present but does not verify
 */
export function readCallContext(metadata: Metadata, verifyPrincipal: PrincipalVerifier): CallContext {
  const [requestId] = metadata.get(REQUEST_ID_METADATA_KEY);
  const ctx: CallContext = {
    requestId: typeof requestId === 'string' && REQUEST_ID_PATTERN.test(requestId) ? requestId : randomUUID(),
  };
  const principalValues = metadata.get(PRINCIPAL_METADATA_KEY);
  if (principalValues.length > 0) {
    const [value] = principalValues;
    if (principalValues.length !== 1 || typeof value !== 'string') {
      throw new CofferError('UNAUTHENTICATED', `malformed ${PRINCIPAL_METADATA_KEY} metadata`);
    }
    ctx.principal = verifyPrincipal(value);
  }
  return ctx;
}
