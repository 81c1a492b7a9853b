import { sign, verify, type KeyObject } from 'node:crypto';
import { CofferError } from './errors.js';
import type { Principal__Output } from './generated/coffer/v1/Principal.js';

/**
 * A principal assertion is how a principal travels between services: the Auth service signs the
 * principal with its Ed25519 key, every service verifies it with the public key and trusts nothing
 * else, so neither a gateway bug nor a caller that reaches a gRPC port directly can claim an
 * organisation or a permission. Compact, JWT-like: `base64url(JSON payload).base64url(signature)`,
 * the signature covering the payload segment exactly as transmitted.
 */

/** What the Auth service vouches for: a principal without its assertion. */
export type PrincipalClaims = Omit<Principal__Output, 'assertion'>;

/** Answers the verified principal of an assertion, its `assertion` field the assertion itself. */
export type PrincipalVerifier = (assertion: string) => Principal__Output;

/** Short, so that a revoked token's assertion dies soon; the gateway caches a principal for seconds. */
export const PRINCIPAL_ASSERTION_TTL_MS = 5 * 60_000;

const ASSERTION_PATTERN = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;
const ED25519_SIGNATURE_BYTES = 64;

export function createPrincipalSigner(privateKey: KeyObject, { ttlMs = PRINCIPAL_ASSERTION_TTL_MS, now = Date.now }: { ttlMs?: number; now?: () => number } = {}) {
  requireEd25519(privateKey, 'private');
  return (claims: PrincipalClaims): string => {
    const { tokenId, orgId, orgSlug, name, permissions, actorType } = claims;
    // `exp` in seconds since the epoch, as in a JWT.
    const exp = Math.floor((now() + ttlMs) / 1000);
    const payload = Buffer.from(JSON.stringify({ tokenId, orgId, orgSlug, name, permissions, actorType, exp }), 'utf8').toString('base64url');
    return `${payload}.${sign(null, Buffer.from(payload, 'ascii'), privateKey).toString('base64url')}`;
  };
}

/**
 * Verifies assertions, remembering each good one until it expires: the same assertion arrives on
 * every call a token makes, and an Ed25519 verification (~50 µs) is too much for the inject hot path.
 * @throws CofferError UNAUTHENTICATED for garbage, a bad signature or an expired assertion
 */
export function createPrincipalVerifier(publicKey: KeyObject, { now = Date.now, maxEntries = 10_000 }: { now?: () => number; maxEntries?: number } = {}): PrincipalVerifier {
  requireEd25519(publicKey, 'public');
  const verified = new Map<string, { principal: Principal__Output; expiresAt: number }>();
  return (assertion) => {
    const cached = verified.get(assertion);
    if (cached) {
      if (cached.expiresAt > now()) return cached.principal;
      verified.delete(assertion);
      throw expired();
    }
    const match = ASSERTION_PATTERN.exec(assertion);
    if (!match) throw malformed();
    const [, payload = '', signature = ''] = match;
    const signatureBytes = Buffer.from(signature, 'base64url');
    if (signatureBytes.length !== ED25519_SIGNATURE_BYTES || !verify(null, Buffer.from(payload, 'ascii'), publicKey, signatureBytes)) {
      throw new CofferError('UNAUTHENTICATED', 'principal assertion has a bad signature');
    }
    const { exp, ...claims } = parsePayload(payload);
    const expiresAt = exp * 1000;
    if (expiresAt <= now()) throw expired();
    const principal = { ...claims, assertion };
    if (verified.size >= maxEntries) {
      const oldest = verified.keys().next().value;
      if (oldest !== undefined) verified.delete(oldest);
    }
    verified.set(assertion, { principal, expiresAt });
    return principal;
  };
}

/**
 * When an assertion expires, in milliseconds since the epoch, read without verifying it: for a
 * holder that got it from Auth itself and must stop using it in time. 0 when unreadable.
 */
export function principalAssertionExpiry(assertion: string): number {
  try {
    const [payload = ''] = assertion.split('.', 1);
    const { exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : 0;
  } catch {
    return 0;
  }
}

// Signed does not mean well formed: still copy the known fields only and check each.
function parsePayload(payload: string): PrincipalClaims & { exp: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw malformed();
  }
  if (typeof parsed !== 'object' || parsed === null) throw malformed();
  const { tokenId, orgId, orgSlug, name, permissions, actorType, exp } = parsed as Record<string, unknown>;
  if (
    !isNonEmptyString(tokenId) ||
    !isNonEmptyString(orgId) ||
    !isNonEmptyString(orgSlug) ||
    typeof name !== 'string' ||
    !isNonEmptyString(actorType) ||
    !Array.isArray(permissions) ||
    !permissions.every(isNonEmptyString) ||
    typeof exp !== 'number' ||
    !Number.isFinite(exp)
  ) {
    throw malformed();
  }
  return { tokenId, orgId, orgSlug, name, permissions: [...permissions], actorType, exp };
}

function requireEd25519(key: KeyObject, type: 'private' | 'public'): void {
  if (key.type !== type || key.asymmetricKeyType !== 'ed25519') throw new Error(`principal assertions need an Ed25519 ${type} key`);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function malformed(): CofferError {
  return new CofferError('UNAUTHENTICATED', 'malformed principal assertion');
}

function expired(): CofferError {
  return new CofferError('UNAUTHENTICATED', 'principal assertion has expired');
}
