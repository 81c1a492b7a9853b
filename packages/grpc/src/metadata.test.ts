import { Metadata } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { CofferError } from '@coffer/contract';
import { PRINCIPAL_METADATA_KEY, REQUEST_ID_METADATA_KEY, SERVICE_METADATA_KEY, readAssertion, readRequestId, writeCallContext } from './metadata.js';

describe('call context metadata', () => {
  it('carries the request id and, of a principal, its assertion alone', () => {
    const metadata = writeCallContext({ requestId: 'req-42', principal: { assertion: 'signed.principal.jwt' }, serviceAssertion: 'signed.service.jwt' });
    expect(readRequestId(metadata)).toBe('req-42');
    expect(metadata.get(PRINCIPAL_METADATA_KEY)).toEqual(['signed.principal.jwt']);
    expect(readAssertion(metadata, PRINCIPAL_METADATA_KEY)).toBe('signed.principal.jwt');
    expect(readAssertion(metadata, SERVICE_METADATA_KEY)).toBe('signed.service.jwt');
  });

  it('omits what there is none of', () => {
    const metadata = writeCallContext({ requestId: 'req-42' });
    expect(metadata.get(PRINCIPAL_METADATA_KEY)).toEqual([]);
    expect(readAssertion(metadata, PRINCIPAL_METADATA_KEY)).toBeUndefined();
    expect(readAssertion(metadata, SERVICE_METADATA_KEY)).toBeUndefined();
  });

  it('gives a call without a usable request id a fresh one', () => {
    const metadata = new Metadata();
    expect(readRequestId(metadata)).toMatch(/^[0-9a-f-]{36}$/);
    metadata.set(REQUEST_ID_METADATA_KEY, 'x'.repeat(500));
    expect(readRequestId(metadata)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([
    ['two values', (m: Metadata) => (m.add(PRINCIPAL_METADATA_KEY, 'a.b.c'), m.add(PRINCIPAL_METADATA_KEY, 'a.b.c'))],
    ['binary', (m: Metadata) => m.set(`${PRINCIPAL_METADATA_KEY}-bin`, Buffer.from('a.b.c'))],
  ])('rejects a principal sent as %s as UNAUTHENTICATED', (_, write) => {
    const metadata = new Metadata();
    write(metadata);
    const read = () => readAssertion(metadata, PRINCIPAL_METADATA_KEY);
    if (metadata.get(PRINCIPAL_METADATA_KEY).length === 0) {
      // A binary header is another header altogether: the principal is simply absent.
      expect(read()).toBeUndefined();
      return;
    }
    expect(read).toThrow(CofferError);
    expect(read).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
  });
});
