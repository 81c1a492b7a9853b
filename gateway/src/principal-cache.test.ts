import { expect, it } from 'vitest';
import { createPrincipalCache } from './principal-cache.js';

it('forgets an entry when its time is up or when it is evicted', () => {
  let now = 1_000;
  const cache = createPrincipalCache<string>({ ttlMs: 100, now: () => now });
  const key = cache.keyOf('coffer_token');
  cache.set(key, 'principal');
  expect(cache.get(key)).toBe('principal');
  now += 101;
  expect(cache.get(key)).toBeUndefined();
  cache.set(key, 'principal');
  cache.evict(key);
  expect(cache.get(key)).toBeUndefined();
});

it('forgets an entry at its notAfter when that comes before its time is up', () => {
  let now = 1_000;
  const cache = createPrincipalCache<string>({ ttlMs: 10_000, now: () => now });
  cache.set('k', 'principal', 1_500);
  expect(cache.get('k')).toBe('principal');
  now = 1_500;
  expect(cache.get('k')).toBeUndefined();
});

it('keys entries by a digest, never by the token itself', () => {
  const cache = createPrincipalCache<string>({ ttlMs: 100 });
  expect(cache.keyOf('coffer_secret_token')).not.toContain('coffer_secret_token');
  expect(cache.keyOf('coffer_secret_token')).toMatch(/^[0-9a-f]{64}$/);
});

it('stays bounded, dropping the oldest entry first', () => {
  const cache = createPrincipalCache<number>({ ttlMs: 10_000, maxEntries: 3 });
  for (const n of [1, 2, 3, 4]) cache.set(`k${n}`, n);
  expect(cache.get('k1')).toBeUndefined();
  expect(cache.get('k4')).toBe(4);
});
