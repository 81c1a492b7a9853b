import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createDekCache } from './dek-cache.js';

describe('DEK cache', () => {
  it('hands out copies, so a caller zeroing its DEK leaves the cached one intact', () => {
    const cache = createDekCache();
    const dek = randomBytes(32);
    cache.set('a', dek);
    const copy = cache.get('a')!;
    copy.fill(0);

    expect(cache.get('a')).toEqual(dek);
  });

  it('forgets a DEK after its time to live and zeroes it', () => {
    let now = 0;
    const cache = createDekCache({ ttlMs: 1_000, now: () => now });
    cache.set('a', randomBytes(32));
    now = 999;
    expect(cache.get('a')).toBeDefined();
    now = 1_000;

    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps at most maxEntries, dropping the oldest', () => {
    const cache = createDekCache({ maxEntries: 2 });
    cache.set('a', randomBytes(32));
    cache.set('b', randomBytes(32));
    cache.set('c', randomBytes(32));

    expect([cache.get('a'), cache.get('b') !== undefined, cache.get('c') !== undefined]).toEqual([undefined, true, true]);
  });
});
