import { Metadata } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { CofferError } from './errors.js';
import { PRINCIPAL_METADATA_KEY, REQUEST_ID_METADATA_KEY, readCallContext, writeCallContext } from './metadata.js';

const principal = {
  tokenId: 'tok_1',
  orgId: '0b6f0c1e-3a51-4c3f-9d51-2f4f3c0d8a11',
  orgSlug: 'acme',
  name: 'CI deploy — prod',
  permissions: ['secrets:read', 'secrets:export'],
  actorType: 'token',
};

function metadataWithPrincipal(value: string): Metadata {
  const metadata = new Metadata();
  metadata.set(PRINCIPAL_METADATA_KEY, value);
  return metadata;
}

const base64urlJson = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('call context metadata', () => {
  it('round-trips the request id and the principal', () => {
    const metadata = writeCallContext({ requestId: 'req-42', principal });
    expect(readCallContext(metadata)).toEqual({ requestId: 'req-42', principal });
  });

  it('omits the principal when there is none', () => {
    const metadata = writeCallContext({ requestId: 'req-42' });
    expect(metadata.get(PRINCIPAL_METADATA_KEY)).toEqual([]);
    expect(readCallContext(metadata)).toEqual({ requestId: 'req-42' });
  });

  it('gives a call without a usable request id a fresh one', () => {
    const metadata = new Metadata();
    expect(readCallContext(metadata).requestId).toMatch(/^[0-9a-f-]{36}$/);
    metadata.set(REQUEST_ID_METADATA_KEY, 'x'.repeat(500));
    expect(readCallContext(metadata).requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('drops principal fields it does not know', () => {
    const metadata = metadataWithPrincipal(base64urlJson({ ...principal, isAdmin: true }));
    expect(readCallContext(metadata).principal).toEqual(principal);
  });

  it.each([
    ['not base64url JSON', '%%%'],
    ['JSON that is not an object', base64urlJson(['acme'])],
    ['a missing orgId', base64urlJson({ ...principal, orgId: undefined })],
    ['permissions that are not strings', base64urlJson({ ...principal, permissions: [1] })],
  ])('rejects a principal with %s as UNAUTHENTICATED', (_, value) => {
    const read = () => readCallContext(metadataWithPrincipal(value));
    expect(read).toThrow(CofferError);
    expect(read).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
  });
});
