import type { KeyObject } from 'node:crypto';
import { SignJWT, jwtVerify, decodeJwt, type JWTPayload } from 'jose';
import { CofferError } from '@coffer/contract';
import type { Principal__Output } from './generated/coffer/v1/Principal.js';
import { AUDIT_SERVICE, AUTH_SERVICE, SECRET_SERVICE } from './proto-package.js';
import { keyFor, signingKey, verificationKeys, type VerificationKeys } from './signing-keys.js';

/**
 * A principal assertion is how a principal travels between services: an EdDSA JWT that the Auth
 * service signs at Authenticate and every service verifies, trusting nothing else, so neither a
 * gateway bug nor a caller that reaches a gRPC port directly can claim an organisation or a
 * permission. Why claims travel signed instead of an `Auth.Authorize` call: AUTHORIZATION.md.
 */

/** What the Auth service vouches for: a principal without its assertion. */
export type PrincipalClaims = Omit<Principal__Output, 'assertion'>;

export const PRINCIPAL_ISSUER = 'coffer-auth';
/** Explicit typing (RFC 8725): a service assertion signed by a shared key can never pass as a principal. */
export const PRINCIPAL_TOKEN_TYPE = 'coffer-principal+jwt';
/** Every service a principal may be presented to; each verifier insists on its own name. */
export const PRINCIPAL_AUDIENCES = [AUTH_SERVICE, SECRET_SERVICE, AUDIT_SERVICE] as const;

/** The actor type of a signed-in person (a session); API tokens are `api_token`. */
export const USER_ACTOR = 'user';

/** Who an audit record names as the actor: the person behind a session, else the API token. */
export function actorIdOf(principal: { tokenId: string; userId: string }): string {
  return principal.userId || principal.tokenId;
}

/** Short, so that a revoked token's assertion dies soon; the gateway caches a principal for seconds. */
export const PRINCIPAL_ASSERTION_TTL_MS = 5 * 60_000;

export type PrincipalSigner = (claims: PrincipalClaims) => Promise<string>;

export interface VerifyOptions {
  /** Judge expiry at this time (ms) instead of now: an audit record is checked against when it happened. */
  at?: number;
}

/** Answers the verified principal of an assertion, its `assertion` field the assertion itself. */
export type PrincipalVerifier = (assertion: string, options?: VerifyOptions) => Promise<Principal__Output>;

export async function createPrincipalSigner(
  privateKey: KeyObject,
  { ttlMs = PRINCIPAL_ASSERTION_TTL_MS, now = Date.now }: { ttlMs?: number; now?: () => number } = {},
): Promise<PrincipalSigner> {
  const key = await signingKey(privateKey, 'principal assertions');
  return ({ tokenId, orgId, orgSlug, name, permissions, actorType, userId }) => {
    const issuedAt = Math.floor(now() / 1000);
    return new SignJWT({ org: orgId, org_slug: orgSlug, name, perms: permissions, act: actorType, ...(userId ? { uid: userId } : {}) })
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: PRINCIPAL_TOKEN_TYPE })
      .setIssuer(PRINCIPAL_ISSUER)
      .setAudience([...PRINCIPAL_AUDIENCES])
      .setSubject(tokenId)
      .setIssuedAt(issuedAt)
      .setExpirationTime(Math.floor((now() + ttlMs) / 1000))
      .sign(key.privateKey);
  };
}

/**
 * Verifies assertions for one audience (the verifying service), remembering each good one until it
 * expires: the same assertion arrives on every call a token makes, and a signature check is too much
 * for the inject hot path. Several public keys may be trusted at once, by `kid`, for rotation.
 * @throws CofferError UNAUTHENTICATED for garbage, a bad signature, another audience or an expired assertion
 */
export async function createPrincipalVerifier(
  publicKeys: KeyObject | readonly KeyObject[],
  { audience, now = Date.now, maxEntries = 10_000 }: { audience: string; now?: () => number; maxEntries?: number },
): Promise<PrincipalVerifier> {
  const keys = await verificationKeys(Array.isArray(publicKeys) ? publicKeys : [publicKeys as KeyObject], 'principal assertions');
  const verified = new Map<string, { principal: Principal__Output; expiresAt: number }>();
  return async (assertion, { at } = {}) => {
    const when = at ?? now();
    let entry = verified.get(assertion);
    if (!entry) {
      const payload = await verifiedPayload(assertion, keys, audience);
      entry = { principal: { ...claimsOf(payload), assertion }, expiresAt: (payload.exp as number) * 1000 };
      if (verified.size >= maxEntries) {
        const oldest = verified.keys().next().value;
        if (oldest !== undefined) verified.delete(oldest);
      }
      verified.set(assertion, entry);
    }
    if (entry.expiresAt <= when) {
      if (entry.expiresAt <= now()) verified.delete(assertion);
      throw new CofferError('UNAUTHENTICATED', 'principal assertion has expired');
    }
    return entry.principal;
  };
}

async function verifiedPayload(assertion: string, keys: VerificationKeys, audience: string): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(
      assertion,
      keyFor(keys, PRINCIPAL_TOKEN_TYPE),
      // Expiry is judged by the caller (see VerifyOptions.at), against the cached `exp`.
      { issuer: PRINCIPAL_ISSUER, audience, algorithms: ['EdDSA'], requiredClaims: ['exp', 'sub'], currentDate: new Date(0) },
    );
    return payload;
  } catch {
    throw new CofferError('UNAUTHENTICATED', 'principal assertion does not verify');
  }
}

// Signed does not mean well formed: copy the known claims only and check each.
function claimsOf(payload: JWTPayload): PrincipalClaims {
  const { sub, org, org_slug: orgSlug, name, perms, act, uid } = payload as Record<string, unknown>;
  const userId = uid === undefined ? '' : uid;
  // Only a signed-in user acts outside any organisation (their own account: `/me`), and only a user has a user id.
  const orgless = act === USER_ACTOR && org === '' && orgSlug === '';
  if (
    !isNonEmptyString(sub) ||
    !(orgless || (isNonEmptyString(org) && isNonEmptyString(orgSlug))) ||
    typeof name !== 'string' ||
    !isNonEmptyString(act) ||
    typeof userId !== 'string' ||
    (act === USER_ACTOR) !== (userId !== '') ||
    !Array.isArray(perms) ||
    !perms.every(isNonEmptyString) ||
    typeof payload.exp !== 'number'
  ) {
    throw new CofferError('UNAUTHENTICATED', 'malformed principal assertion');
  }
  return { tokenId: sub, orgId: org as string, orgSlug: orgSlug as string, name, permissions: [...perms], actorType: act, userId };
}

/**
 * When an assertion expires, in milliseconds since the epoch, read without verifying it: for a
 * holder that got it from Auth itself and must stop using it in time. 0 when unreadable.
 */
export function principalAssertionExpiry(assertion: string): number {
  try {
    const { exp } = decodeJwt(assertion);
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : 0;
  } catch {
    return 0;
  }
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
