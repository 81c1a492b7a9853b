import type { KeyObject } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { CofferError } from '@coffer/contract';
import { keyFor, signingKey, verificationKeys } from './signing-keys.js';

/**
 * A service assertion proves that a call comes from a Coffer service (the gateway, later sync) and
 * not from whoever reached the port: an EdDSA JWT signed with that service's identity key, for one
 * audience (the callee) and a few minutes. RPCs that only services may call (Audit.Record) require it.
 */
export const SERVICE_TOKEN_TYPE = 'coffer-service+jwt';
export const SERVICE_ASSERTION_TTL_MS = 5 * 60_000;
// A cached assertion is replaced this long before it expires, so no call carries one about to lapse.
const RENEW_BEFORE_MS = 60_000;

/** The current assertion of this service for one audience; signed once and reused until near expiry. */
export type ServiceSigner = (audience: string) => Promise<string>;

/** The verified name of the calling service. */
export type ServiceVerifier = (assertion: string) => Promise<string>;

export async function createServiceSigner(
  privateKey: KeyObject,
  service: string,
  { ttlMs = SERVICE_ASSERTION_TTL_MS, now = Date.now }: { ttlMs?: number; now?: () => number } = {},
): Promise<ServiceSigner> {
  const key = await signingKey(privateKey, 'service assertions');
  const current = new Map<string, { assertion: Promise<string>; renewAt: number }>();
  return (audience) => {
    const cached = current.get(audience);
    if (cached && cached.renewAt > now()) return cached.assertion;
    const issuedAt = now();
    const assertion = new SignJWT({})
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: SERVICE_TOKEN_TYPE })
      .setIssuer(service)
      .setSubject(service)
      .setAudience(audience)
      .setIssuedAt(Math.floor(issuedAt / 1000))
      .setExpirationTime(Math.floor((issuedAt + ttlMs) / 1000))
      .sign(key.privateKey);
    current.set(audience, { assertion, renewAt: issuedAt + ttlMs - Math.min(RENEW_BEFORE_MS, ttlMs / 2) });
    return assertion;
  };
}

/** @throws CofferError UNAUTHENTICATED unless the assertion is a live one for `audience` from a trusted key */
export async function createServiceVerifier(
  publicKeys: readonly KeyObject[],
  { audience, now = Date.now }: { audience: string; now?: () => number },
): Promise<ServiceVerifier> {
  const keys = await verificationKeys(publicKeys, 'service assertions');
  const verified = new Map<string, { service: string; expiresAt: number }>();
  return async (assertion) => {
    const cached = verified.get(assertion);
    if (cached && cached.expiresAt > now()) return cached.service;
    verified.delete(assertion);
    try {
      const { payload } = await jwtVerify(assertion, keyFor(keys, SERVICE_TOKEN_TYPE), {
        audience,
        algorithms: ['EdDSA'],
        requiredClaims: ['exp', 'sub', 'iss'],
        currentDate: new Date(now()),
      });
      if (typeof payload.sub !== 'string' || payload.sub !== payload.iss) throw new Error('malformed');
      // A few services renewing every few minutes: clearing now and then bounds the map.
      if (verified.size >= 1_000) verified.clear();
      verified.set(assertion, { service: payload.sub, expiresAt: (payload.exp as number) * 1000 });
      return payload.sub;
    } catch {
      throw new CofferError('UNAUTHENTICATED', 'service assertion does not verify');
    }
  };
}
