import type { KeyObject } from 'node:crypto';
import { SignJWT, jwtVerify, decodeJwt, type JWTPayload } from 'jose';
import { CofferError } from '@coffer/contract';
import type { Grant__Output } from './generated/coffer/v1/Grant.js';
import type { Principal__Output } from './generated/coffer/v1/Principal.js';
import { AUDIT_SERVICE, AUTH_SERVICE, SECRET_SERVICE } from './proto-package.js';
import type { RevocationList, RevocationSubject } from './revocation-list.js';
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
  return ({ tokenId, orgId, orgSlug, name, permissions, actorType, userId, grants, allowedCidrs, expiresAt }) => {
    const issuedAtMs = now();
    return (
      new SignJWT({
        // `iat` counts seconds: a revocation at T must refuse what was signed before T, not the fresh
        // assertion fetched in the same second (revocation-list.ts).
        iat_ms: issuedAtMs,
        org: orgId,
        org_slug: orgSlug,
        name,
        perms: permissions,
        act: actorType,
        ...(userId ? { uid: userId } : {}),
        // Compact: [project, environments, permissions, break-glass id?], one per grant.
        ...(grants.length > 0 ? { grants: grants.map(compactGrant) } : {}),
        ...(allowedCidrs.length > 0 ? { cidrs: allowedCidrs } : {}),
        ...(expiresAt ? { texp: expiresAt } : {}),
      })
        .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: PRINCIPAL_TOKEN_TYPE })
        .setIssuer(PRINCIPAL_ISSUER)
        .setAudience([...PRINCIPAL_AUDIENCES])
        .setSubject(tokenId)
        .setIssuedAt(Math.floor(issuedAtMs / 1000))
        // Never beyond what it vouches for: a token's expiry, the end of a break-glass access.
        .setExpirationTime(Math.floor(Math.min(now() + ttlMs, expiresAt ? Date.parse(expiresAt) : Infinity) / 1000))
        .sign(key.privateKey)
    );
  };
}

/**
 * Verifies assertions for one audience (the verifying service), remembering each good one until it
 * expires: the same assertion arrives on every call a token makes, and a signature check is too much
 * for the inject hot path. Several public keys may be trusted at once, by `kid`, for rotation.
 * With `revocations`, an assertion signed before a revocation of its token or organisation is
 * refused, and so is one older than a second while revocations may not be arriving; the cache drops
 * what a revocation concerns, and everything when the subscription is lost or back, so that a hit
 * while subscribed stays one map lookup.
 * @throws CofferError UNAUTHENTICATED for garbage, a bad signature, another audience, an expired, revoked or stale assertion
 */
export async function createPrincipalVerifier(
  publicKeys: KeyObject | readonly KeyObject[],
  { audience, now = Date.now, maxEntries = 10_000, revocations }: { audience: string; now?: () => number; maxEntries?: number; revocations?: RevocationList },
): Promise<PrincipalVerifier> {
  const keys = await verificationKeys(Array.isArray(publicKeys) ? publicKeys : [publicKeys as KeyObject], 'principal assertions');
  const verified = new Map<string, { principal: Principal__Output; expiresAt: number; subject: RevocationSubject }>();
  revocations?.onForget((match) => {
    if (!match) return verified.clear();
    for (const [assertion, entry] of verified) if (match(entry.subject)) verified.delete(assertion);
  });
  const refuse = (subject: RevocationSubject) => {
    const refusal = revocations?.refusal(subject);
    if (refusal) throw new CofferError('UNAUTHENTICATED', refusal);
  };
  return async (assertion, { at } = {}) => {
    const when = at ?? now();
    let entry = verified.get(assertion);
    if (!entry) {
      const payload = await verifiedPayload(assertion, keys, audience);
      const principal = { ...claimsOf(payload), assertion };
      entry = {
        principal,
        expiresAt: (payload.exp as number) * 1000,
        subject: { tokenId: principal.tokenId, orgId: principal.orgId, issuedAt: issuedAtOf(payload) },
      };
      if (entry.expiresAt <= when) throw new CofferError('UNAUTHENTICATED', 'principal assertion has expired');
      // Checked after the signature's await: a revocation that arrived meanwhile counts, and nothing refused is cached.
      if (at === undefined) refuse(entry.subject);
      // An audit record (`at`) is judged as of its event, never refused for a later revocation (what was done is
      // recorded); but only what a live call would accept is cached.
      else if (revocations?.refusal(entry.subject)) return entry.principal;
      if (verified.size >= maxEntries) {
        const oldest = verified.keys().next().value;
        if (oldest !== undefined) verified.delete(oldest);
      }
      verified.set(assertion, entry);
      return entry.principal;
    }
    if (entry.expiresAt <= when) {
      if (entry.expiresAt <= now()) verified.delete(assertion);
      throw new CofferError('UNAUTHENTICATED', 'principal assertion has expired');
    }
    // Subscribed, the cache holds nothing a revocation refuses; unsubscribed, age matters too.
    if (at === undefined && revocations && !revocations.live) refuse(entry.subject);
    return entry.principal;
  };
}

/** When Auth signed an assertion, in ms: `iat_ms`, else the start of its `iat` second (older signers), else never known (0: refused by any revocation). */
function issuedAtOf({ iat, iat_ms: iatMs }: JWTPayload): number {
  if (typeof iatMs === 'number' && Number.isFinite(iatMs)) return iatMs;
  return typeof iat === 'number' && Number.isFinite(iat) ? iat * 1000 : 0;
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

type CompactGrant = [string, string[], string[]] | [string, string[], string[], string];

function compactGrant(grant: Grant__Output): CompactGrant {
  const base: CompactGrant = [grant.project, grant.environments, grant.permissions];
  return grant.breakGlassId ? [...base, grant.breakGlassId] : base;
}

function grantOf(value: unknown): Grant__Output | undefined {
  if (!Array.isArray(value) || value.length < 3 || value.length > 4) return undefined;
  const [project, environments, permissions, breakGlassId = ''] = value as unknown[];
  if (!isNonEmptyString(project) || !isStringArray(environments) || !isStringArray(permissions) || typeof breakGlassId !== 'string') return undefined;
  return { project, environments: [...environments], permissions: [...permissions], breakGlassId };
}

// Signed does not mean well formed: copy the known claims only and check each.
function claimsOf(payload: JWTPayload): PrincipalClaims {
  const { sub, org, org_slug: orgSlug, name, perms, act, uid, grants: compactGrants = [], cidrs = [], texp = '' } = payload as Record<string, unknown>;
  const userId = uid === undefined ? '' : uid;
  const grants = Array.isArray(compactGrants) ? compactGrants.map(grantOf) : [undefined];
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
    !grants.every((grant) => grant !== undefined) ||
    !isStringArray(cidrs) ||
    typeof texp !== 'string' ||
    typeof payload.exp !== 'number'
  ) {
    throw new CofferError('UNAUTHENTICATED', 'malformed principal assertion');
  }
  return {
    tokenId: sub,
    orgId: org as string,
    orgSlug: orgSlug as string,
    name,
    permissions: [...perms],
    actorType: act,
    userId,
    grants: grants as Grant__Output[],
    allowedCidrs: [...cidrs],
    expiresAt: texp,
  };
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

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every(isNonEmptyString);
}
