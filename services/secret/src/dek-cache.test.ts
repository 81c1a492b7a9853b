import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createDekCache, type WrappedDekRef } from './dek-cache.js';

const ref = (wrappedDek: string, over: Partial<WrappedDekRef> = {}): WrappedDekRef => ({
  orgId: '0b6f0c1e-3a51-4c3f-9d51-2f4f3c0d8a11',
  kmsKeyId: 'kek-1',
  kmsKeyVersion: 1,
  wrappedDek,
  ...over,
});

describe('DEK cache', () => {
  it('finds a DEK by its blob only for the organisation and KEK version that unwrapped it', () => {
    const cache = createDekCache();
    const dek = randomBytes(32);
    cache.set(ref('a'), Buffer.from(dek));

    expect(cache.get(ref('a'))).toEqual(dek);
    expect(cache.get(ref('a', { orgId: 'c3a0d9b5-7a8e-4b1a-9d0f-0f2e8c1b6a22' }))).toBeUndefined();
    expect(cache.get(ref('a', { kmsKeyId: 'kek-2' }))).toBeUndefined();
    expect(cache.get(ref('a', { kmsKeyVersion: 2 }))).toBeUndefined();
    expect(cache.get(ref('b'))).toBeUndefined();
  });

  it('forgets a DEK after its time to live and zeroes it', () => {
    let now = 0;
    const cache = createDekCache({ ttlMs: 1_000, now: () => now });
    const dek = randomBytes(32);
    cache.set(ref('a'), dek);
    now = 999;
    expect(cache.get(ref('a'))).toBeDefined();
    now = 1_000;

    expect(cache.get(ref('a'))).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(dek.every((byte) => byte === 0)).toBe(true);
  });

  it('keeps at most maxEntries, dropping and zeroing the oldest', () => {
    const cache = createDekCache({ maxEntries: 2 });
    const oldest = randomBytes(32);
    cache.set(ref('a'), oldest);
    cache.set(ref('b'), randomBytes(32));
    cache.set(ref('c'), randomBytes(32));

    expect([cache.get(ref('a')), cache.get(ref('b')) !== undefined, cache.get(ref('c')) !== undefined]).toEqual([undefined, true, true]);
    expect(oldest.every((byte) => byte === 0)).toBe(true);
  });

  it('replaces and zeroes the entry of a blob unwrapped again for another owner', () => {
    const cache = createDekCache();
    const first = randomBytes(32);
    cache.set(ref('a'), first);
    cache.set(ref('a', { kmsKeyVersion: 2 }), randomBytes(32));

    expect(cache.get(ref('a'))).toBeUndefined();
    expect(cache.size).toBe(1);
    expect(first.every((byte) => byte === 0)).toBe(true);
  });
});
