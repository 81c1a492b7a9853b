import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CofferError } from './errors.js';
import { createPrincipalSigner, createPrincipalVerifier, principalAssertionExpiry, PRINCIPAL_ASSERTION_TTL_MS } from './principal-assertion.js';

const claims = {
  tokenId: 'tok_1',
  orgId: '0b6f0c1e-3a51-4c3f-9d51-2f4f3c0d8a11',
  orgSlug: 'acme',
  name: 'CI deploy — prod',
  permissions: ['secrets:read', 'secrets:export'],
  actorType: 'api_token',
};
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const START = 1_700_000_000_000;

const b64 = (value: string | Buffer) => Buffer.from(value).toString('base64url');
/** An assertion over any payload, signed the way Auth signs: for payloads Auth would never sign. */
function signedRaw(payload: unknown, key: KeyObject = privateKey): string {
  const encoded = b64(JSON.stringify(payload));
  return `${encoded}.${b64(sign(null, Buffer.from(encoded), key))}`;
}

function unauthenticated(verify: () => unknown, message: RegExp): void {
  expect(verify).toThrow(CofferError);
  expect(verify).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED', message: expect.stringMatching(message) }));
}

describe('principal assertions', () => {
  it('round-trip: the verifier answers the claims and the assertion itself', () => {
    const assertion = createPrincipalSigner(privateKey, { now: () => START })(claims);
    expect(assertion).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(createPrincipalVerifier(publicKey, { now: () => START })(assertion)).toEqual({ ...claims, assertion });
    expect(principalAssertionExpiry(assertion)).toBe(START + PRINCIPAL_ASSERTION_TTL_MS);
  });

  it('refuses a tampered payload, e.g. another orgId under the original signature', () => {
    const [, signature] = createPrincipalSigner(privateKey)(claims).split('.');
    const forged = `${b64(JSON.stringify({ ...claims, orgId: 'a1b2c3d4-0000-4000-8000-000000000000', exp: 9_999_999_999 }))}.${signature}`;
    unauthenticated(() => createPrincipalVerifier(publicKey)(forged), /bad signature/);
  });

  it('refuses a tampered signature', () => {
    const assertion = createPrincipalSigner(privateKey)(claims);
    const [payload, signature = ''] = assertion.split('.');
    const flipped = Buffer.from(signature, 'base64url');
    flipped[0]! ^= 1;
    unauthenticated(() => createPrincipalVerifier(publicKey)(`${payload}.${b64(flipped)}`), /bad signature/);
  });

  it('refuses an assertion signed with another key', () => {
    const other = generateKeyPairSync('ed25519').privateKey;
    unauthenticated(() => createPrincipalVerifier(publicKey)(createPrincipalSigner(other)(claims)), /bad signature/);
  });

  it('refuses an expired assertion, also once it has been verified and remembered', () => {
    let now = START;
    const assertion = createPrincipalSigner(privateKey, { now: () => START })(claims);
    const verify = createPrincipalVerifier(publicKey, { now: () => now });
    expect(verify(assertion).orgId).toBe(claims.orgId);
    now = START + PRINCIPAL_ASSERTION_TTL_MS;
    unauthenticated(() => verify(assertion), /expired/);
    unauthenticated(() => createPrincipalVerifier(publicKey, { now: () => now })(assertion), /expired/);
  });

  it.each([
    ['an empty value', ''],
    ['plain base64url JSON, as principals travelled before', b64(JSON.stringify(claims))],
    ['three segments', `${signedRaw({ ...claims, exp: 9_999_999_999 })}.x`],
    ['characters outside base64url', '%%%.%%%'],
    ['a short signature', `${b64(JSON.stringify({ ...claims, exp: 9_999_999_999 }))}.${b64('short')}`],
  ])('refuses %s', (_, value) => {
    unauthenticated(() => createPrincipalVerifier(publicKey)(value), /malformed|bad signature/);
  });

  it.each([
    ['JSON that is not an object', ['acme']],
    ['a missing orgId', { ...claims, orgId: undefined, exp: 9_999_999_999 }],
    ['permissions that are not strings', { ...claims, permissions: [1], exp: 9_999_999_999 }],
    ['no exp', claims],
  ])('refuses a correctly signed payload with %s', (_, payload) => {
    unauthenticated(() => createPrincipalVerifier(publicKey)(signedRaw(payload)), /malformed/);
  });

  it('drops fields it does not know, even signed ones', () => {
    const principal = createPrincipalVerifier(publicKey)(signedRaw({ ...claims, isAdmin: true, exp: 9_999_999_999 }));
    expect(principal).not.toHaveProperty('isAdmin');
    expect(principal).toMatchObject(claims);
  });

  it('keeps answering when more assertions arrive than it remembers', () => {
    const verify = createPrincipalVerifier(publicKey, { maxEntries: 2 });
    const sign = createPrincipalSigner(privateKey);
    const assertions = ['a', 'b', 'c'].map((tokenId) => sign({ ...claims, tokenId }));
    for (const assertion of assertions) verify(assertion);
    // Still answered (re-verified): forgetting only costs a verification.
    for (const assertion of assertions) expect(verify(assertion).assertion).toBe(assertion);
  });

  it('refuses keys that are not Ed25519 keys of the right kind', () => {
    expect(() => createPrincipalSigner(publicKey)).toThrow('Ed25519 private key');
    expect(() => createPrincipalVerifier(privateKey)).toThrow('Ed25519 public key');
    expect(() => createPrincipalVerifier(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey)).toThrow('Ed25519 public key');
  });
});
