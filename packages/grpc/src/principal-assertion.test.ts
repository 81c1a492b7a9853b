import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { SignJWT, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { CofferError } from '@coffer/contract';
import {
  PRINCIPAL_ASSERTION_TTL_MS,
  PRINCIPAL_AUDIENCES,
  PRINCIPAL_ISSUER,
  PRINCIPAL_TOKEN_TYPE,
  createPrincipalSigner,
  createPrincipalVerifier,
  principalAssertionExpiry,
} from './principal-assertion.js';
import { keyId } from './signing-keys.js';

const claims = {
  tokenId: 'tok_1',
  orgId: '0b6f0c1e-3a51-4c3f-9d51-2f4f3c0d8a11',
  orgSlug: 'acme',
  name: 'CI deploy — prod',
  permissions: ['read', 'export'],
  actorType: 'api_token',
  userId: '',
  grants: [],
  allowedCidrs: [],
  expiresAt: '',
};
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const START = 1_700_000_000_000;
const audience = 'coffer.v1.SecretService';
const verifier = (keys: KeyObject | KeyObject[] = publicKey, options: { now?: () => number; maxEntries?: number; audience?: string } = {}) =>
  createPrincipalVerifier(keys, { audience, ...options });
const sign = async (options: { now?: () => number } = {}, key = privateKey) => (await createPrincipalSigner(key, options))(claims);

const b64 = (value: string | Buffer) => Buffer.from(value).toString('base64url');
/** A JWT over any payload, signed with Auth's key and header: for payloads Auth would never sign. */
async function signedRaw(payload: Record<string, unknown>, header: Record<string, unknown> = {}, key: KeyObject = privateKey): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: 'EdDSA', kid: await keyId(key), typ: PRINCIPAL_TOKEN_TYPE, ...header }).sign(key);
}
const validPayload = {
  iss: PRINCIPAL_ISSUER,
  aud: [...PRINCIPAL_AUDIENCES],
  sub: claims.tokenId,
  org: claims.orgId,
  org_slug: claims.orgSlug,
  name: claims.name,
  perms: claims.permissions,
  act: claims.actorType,
  exp: 9_999_999_999,
};

async function unauthenticated(verify: () => Promise<unknown>, message: RegExp): Promise<void> {
  const error = await verify().then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(CofferError);
  expect(error).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(message) });
}

describe('principal assertions', () => {
  it('round-trip: a standard EdDSA JWT with issuer, audiences, expiry and key id; the verifier answers the claims and the assertion', async () => {
    const assertion = await sign({ now: () => START });
    expect(assertion).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(decodeProtectedHeader(assertion)).toEqual({ alg: 'EdDSA', typ: PRINCIPAL_TOKEN_TYPE, kid: await keyId(publicKey) });
    expect(await (await verifier(publicKey, { now: () => START }))(assertion)).toEqual({ ...claims, assertion });
    expect(principalAssertionExpiry(assertion)).toBe(START + PRINCIPAL_ASSERTION_TTL_MS);
  });

  it('is accepted by every service it names as audience, and by no other', async () => {
    const assertion = await sign();
    for (const service of PRINCIPAL_AUDIENCES) expect((await (await verifier(publicKey, { audience: service }))(assertion)).orgId).toBe(claims.orgId);
    await unauthenticated(async () => (await verifier(publicKey, { audience: 'coffer.v1.SyncService' }))(assertion), /does not verify/);
  });

  it('refuses a tampered payload, e.g. another orgId under the original signature', async () => {
    const [header, , signature] = (await sign()).split('.');
    const forged = `${header}.${b64(JSON.stringify({ ...validPayload, org: 'a1b2c3d4-0000-4000-8000-000000000000' }))}.${signature}`;
    await unauthenticated(async () => (await verifier())(forged), /does not verify/);
  });

  it('refuses a tampered signature', async () => {
    const [header, payload, signature = ''] = (await sign()).split('.');
    const flipped = Buffer.from(signature, 'base64url');
    flipped[0]! ^= 1;
    await unauthenticated(async () => (await verifier())(`${header}.${payload}.${b64(flipped)}`), /does not verify/);
  });

  it('refuses an assertion signed with another key, even one that claims a trusted key id', async () => {
    const other = generateKeyPairSync('ed25519').privateKey;
    await unauthenticated(async () => (await verifier())(await sign({}, other)), /does not verify/);
    await unauthenticated(async () => (await verifier())(await signedRaw(validPayload, { kid: await keyId(publicKey) }, other)), /does not verify/);
  });

  it('trusts the old and the new key during a rotation, each by its key id', async () => {
    const next = generateKeyPairSync('ed25519');
    const verify = await verifier([publicKey, next.publicKey]);
    expect((await verify(await sign())).tokenId).toBe(claims.tokenId);
    expect((await verify(await sign({}, next.privateKey))).tokenId).toBe(claims.tokenId);
    // Once the old key is dropped, its tokens stop verifying.
    await unauthenticated(async () => (await verifier(next.publicKey))(await sign()), /does not verify/);
  });

  it('refuses an expired assertion, also once it has been verified and remembered', async () => {
    let now = START;
    const assertion = await sign({ now: () => START });
    const verify = await verifier(publicKey, { now: () => now });
    expect((await verify(assertion)).orgId).toBe(claims.orgId);
    now = START + PRINCIPAL_ASSERTION_TTL_MS;
    await unauthenticated(() => verify(assertion), /expired/);
    await unauthenticated(async () => (await verifier(publicKey, { now: () => now }))(assertion), /expired/);
  });

  it('judges expiry at a given time on request: an audit record against when it happened', async () => {
    const assertion = await sign({ now: () => START });
    const verify = await verifier(publicKey, { now: () => START + 10 * PRINCIPAL_ASSERTION_TTL_MS });
    expect((await verify(assertion, { at: START + 1_000 })).orgId).toBe(claims.orgId);
    await unauthenticated(() => verify(assertion, { at: START + PRINCIPAL_ASSERTION_TTL_MS + 1_000 }), /expired/);
  });

  it.each([
    ['an empty value', () => ''],
    ['plain base64url JSON, as principals travelled before', () => b64(JSON.stringify(claims))],
    ['the unsigned alg "none"', () => `${b64(JSON.stringify({ alg: 'none', typ: PRINCIPAL_TOKEN_TYPE }))}.${b64(JSON.stringify(validPayload))}.`],
    ['characters outside base64url', () => '%%%.%%%.%%%'],
    ['another token type (a service assertion)', () => signedRaw(validPayload, { typ: 'coffer-service+jwt' })],
    ['another issuer', () => signedRaw({ ...validPayload, iss: 'someone-else' })],
    ['no exp', () => signedRaw({ ...validPayload, exp: undefined })],
  ])('refuses %s', async (_, value) => {
    const assertion = await value();
    await unauthenticated(async () => (await verifier())(assertion), /does not verify|malformed/);
  });

  it.each([
    ['a missing org', { ...validPayload, org: undefined }],
    ['permissions that are not strings', { ...validPayload, perms: [1] }],
    ['no actor type', { ...validPayload, act: '' }],
  ])('refuses a correctly signed payload with %s', async (_, payload) => {
    const assertion = await signedRaw(payload);
    await unauthenticated(async () => (await verifier())(assertion), /malformed/);
  });

  it('drops claims it does not know, even signed ones', async () => {
    const principal = await (await verifier())(await signedRaw({ ...validPayload, isAdmin: true }));
    expect(principal).not.toHaveProperty('isAdmin');
    expect(principal).toMatchObject(claims);
  });

  it('keeps answering when more assertions arrive than it remembers', async () => {
    const verify = await verifier(publicKey, { maxEntries: 2 });
    const signer = await createPrincipalSigner(privateKey);
    const assertions = await Promise.all(['a', 'b', 'c'].map((tokenId) => signer({ ...claims, tokenId })));
    for (const assertion of assertions) await verify(assertion);
    // Still answered (re-verified): forgetting only costs a verification.
    for (const assertion of assertions) expect((await verify(assertion)).assertion).toBe(assertion);
  });

  it('refuses keys that are not Ed25519 keys of the right kind', async () => {
    await expect(createPrincipalSigner(publicKey)).rejects.toThrow('Ed25519 private key');
    await expect(verifier(privateKey)).rejects.toThrow('Ed25519 public key');
    await expect(verifier(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey)).rejects.toThrow('Ed25519 public key');
  });
});
