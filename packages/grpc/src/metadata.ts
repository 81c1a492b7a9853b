import { randomUUID } from 'node:crypto';
import { Metadata } from '@grpc/grpc-js';
import { CofferError } from './errors.js';
import type { Principal__Output } from './generated/coffer/v1/Principal.js';

/** Who is calling, as established by the Auth service: the decoded Principal message, every field present. */
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
  if (ctx.principal) metadata.set(PRINCIPAL_METADATA_KEY, encodePrincipal(ctx.principal));
  return metadata;
}

/**
 * Reads the caller context of an incoming call. A missing or unusable request id
 * is replaced by a fresh one, so every call can be correlated in logs.
 * @throws CofferError UNAUTHENTICATED when principal metadata is present but malformed
 */
export function readCallContext(metadata: Metadata): CallContext {
  const [requestId] = metadata.get(REQUEST_ID_METADATA_KEY);
  const ctx: CallContext = {
    requestId: typeof requestId === 'string' && REQUEST_ID_PATTERN.test(requestId) ? requestId : randomUUID(),
  };
  const principalValues = metadata.get(PRINCIPAL_METADATA_KEY);
  if (principalValues.length > 0) ctx.principal = decodePrincipal(principalValues);
  return ctx;
}

function encodePrincipal(principal: Principal): string {
  const { tokenId, orgId, orgSlug, name, permissions, actorType } = principal;
  const json = JSON.stringify({ tokenId, orgId, orgSlug, name, permissions, actorType });
  return Buffer.from(json, 'utf8').toString('base64url');
}

function decodePrincipal(values: readonly (string | Buffer)[]): Principal {
  const [value] = values;
  if (values.length !== 1 || typeof value !== 'string') throw malformedPrincipal();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw malformedPrincipal();
  }
  return asPrincipal(parsed);
}

// Copies the known fields only, so nothing else a caller smuggles in reaches a handler.
function asPrincipal(value: unknown): Principal {
  if (typeof value !== 'object' || value === null) throw malformedPrincipal();
  const candidate = value as Record<string, unknown>;
  const { tokenId, orgId, orgSlug, name, permissions, actorType } = candidate;
  if (
    !isNonEmptyString(tokenId) ||
    !isNonEmptyString(orgId) ||
    !isNonEmptyString(orgSlug) ||
    typeof name !== 'string' ||
    !isNonEmptyString(actorType) ||
    !Array.isArray(permissions) ||
    !permissions.every(isNonEmptyString)
  ) {
    throw malformedPrincipal();
  }
  return { tokenId, orgId, orgSlug, name, permissions: [...permissions], actorType };
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function malformedPrincipal(): CofferError {
  return new CofferError('UNAUTHENTICATED', `malformed ${PRINCIPAL_METADATA_KEY} metadata`);
}
