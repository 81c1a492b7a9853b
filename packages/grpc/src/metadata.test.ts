import { generateKeyPairSync } from 'node:crypto';
import { Metadata } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { CofferError } from './errors.js';
import { PRINCIPAL_METADATA_KEY, REQUEST_ID_METADATA_KEY, readCallContext, writeCallContext } from './metadata.js';
import { createPrincipalSigner, createPrincipalVerifier } from './principal-assertion.js';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const verify = createPrincipalVerifier(publicKey);
const claims = {
  tokenId: 'tok_1',
  orgId: '0b6f0c1e-3a51-4c3f-9d51-2f4f3c0d8a11',
  orgSlug: 'acme',
  name: 'CI deploy — prod',
  permissions: ['secrets:read', 'secrets:export'],
  actorType: 'token',
};
const principal = { ...claims, assertion: createPrincipalSigner(privateKey)(claims) };

describe('call context metadata', () => {
  it('round-trips the request id and the principal, which travels as its assertion alone', () => {
    const metadata = writeCallContext({ requestId: 'req-42', principal });
    expect(metadata.get(PRINCIPAL_METADATA_KEY)).toEqual([principal.assertion]);
    expect(readCallContext(metadata, verify)).toEqual({ requestId: 'req-42', principal });
  });

  it('omits the principal when there is none', () => {
    const metadata = writeCallContext({ requestId: 'req-42' });
    expect(metadata.get(PRINCIPAL_METADATA_KEY)).toEqual([]);
    expect(readCallContext(metadata, verify)).toEqual({ requestId: 'req-42' });
  });

  it('gives a call without a usable request id a fresh one', () => {
    const metadata = new Metadata();
    expect(readCallContext(metadata, verify).requestId).toMatch(/^[0-9a-f-]{36}$/);
    metadata.set(REQUEST_ID_METADATA_KEY, 'x'.repeat(500));
    expect(readCallContext(metadata, verify).requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([
    ['plain base64url JSON', (m: Metadata) => m.set(PRINCIPAL_METADATA_KEY, Buffer.from(JSON.stringify(claims)).toString('base64url'))],
    ['two values', (m: Metadata) => (m.add(PRINCIPAL_METADATA_KEY, principal.assertion), m.add(PRINCIPAL_METADATA_KEY, principal.assertion))],
  ])('rejects a principal sent as %s as UNAUTHENTICATED', (_, write) => {
    const metadata = new Metadata();
    write(metadata);
    const read = () => readCallContext(metadata, verify);
    expect(read).toThrow(CofferError);
    expect(read).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
  });
});
