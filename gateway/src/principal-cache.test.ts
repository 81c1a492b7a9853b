import { createKv, type PubSub } from '@coffer/kv';
import { describe, expect, it, vi } from 'vitest';
import { createPrincipalCache, followRevocations, UNSUBSCRIBED_TTL_MS } from './principal-cache.js';

const principal = (tokenId: string, orgId = 'org-1') => ({ tokenId, orgId });

function clockedCache(ttlMs: number) {
  const clock = { now: 1_000 };
  const cache = createPrincipalCache<{ tokenId: string; orgId: string }>({ ttlMs, now: () => clock.now });
  return { clock, cache };
}

it('forgets an entry when its time is up or when it is evicted', () => {
  const { clock, cache } = clockedCache(100);
  const key = cache.keyOf('coffer_token');
  cache.set(key, principal('t1'), cache.startLookup());
  expect(cache.get(key)).toEqual(principal('t1'));
  clock.now += 101;
  expect(cache.get(key)).toBeUndefined();
  cache.set(key, principal('t1'), cache.startLookup());
  cache.evict(key);
  expect(cache.get(key)).toBeUndefined();
});

it('forgets an entry at its notAfter when that comes before its time is up', () => {
  const { clock, cache } = clockedCache(10_000);
  cache.set('k', principal('t1'), cache.startLookup(), 1_500);
  expect(cache.get('k')).toEqual(principal('t1'));
  clock.now = 1_500;
  expect(cache.get('k')).toBeUndefined();
});

it('counts an entry’s time from when Auth was asked, not from when it answered', () => {
  const { clock, cache } = clockedCache(100);
  const lookup = cache.startLookup();
  clock.now += 60;
  cache.set('k', principal('t1'), lookup);
  clock.now += 40;
  expect(cache.get('k')).toBeUndefined();
});

it('keys entries by a digest, never by the token itself', () => {
  const cache = createPrincipalCache({ ttlMs: 100 });
  expect(cache.keyOf('coffer_secret_token')).not.toContain('coffer_secret_token');
  expect(cache.keyOf('coffer_secret_token')).toMatch(/^[0-9a-f]{64}$/);
});

it('stays bounded, dropping the oldest entry first', () => {
  const cache = createPrincipalCache<{ tokenId: string }>({ ttlMs: 10_000, maxEntries: 3 });
  for (const n of [1, 2, 3, 4]) cache.set(`k${n}`, principal(`t${n}`), cache.startLookup());
  expect(cache.get('k1')).toBeUndefined();
  expect(cache.get('k4')).toEqual(principal('t4'));
});

it('evicts a token by its id, as the process that revoked it knows it', () => {
  const { cache } = clockedCache(10_000);
  cache.set('hash-a', principal('revoked'), cache.startLookup());
  cache.set('hash-b', principal('kept'), cache.startLookup());
  cache.evictToken('revoked');
  expect(cache.get('hash-a')).toBeUndefined();
  expect(cache.get('hash-b')).toEqual(principal('kept'));
});

it('does not cache an answer Auth gave before an eviction: it may predate the revocation', () => {
  const { cache } = clockedCache(10_000);
  const before = cache.startLookup();
  cache.evict('some-revoked-hash');
  expect(cache.isCurrent(before)).toBe(false);
  cache.set('k', principal('t1'), before);
  expect(cache.get('k')).toBeUndefined();

  const after = cache.startLookup();
  expect(cache.isCurrent(after)).toBe(true);
  cache.set('k', principal('t1'), after);
  expect(cache.get('k')).toEqual(principal('t1'));
});

describe('without a live subscription', () => {
  it('clears on loss, keeps new entries at most a second, and clears again when the subscription is back', () => {
    const { clock, cache } = clockedCache(10_000);
    cache.set('old', principal('t1'), cache.startLookup());

    cache.setSubscribed(false);
    expect(cache.get('old')).toBeUndefined();
    cache.set('k', principal('t1'), cache.startLookup());
    clock.now += UNSUBSCRIBED_TTL_MS - 1;
    expect(cache.get('k')).toEqual(principal('t1'));
    clock.now += 1;
    expect(cache.get('k')).toBeUndefined();

    cache.set('k', principal('t1'), cache.startLookup());
    cache.setSubscribed(true);
    expect(cache.get('k')).toBeUndefined();
    cache.set('k', principal('t1'), cache.startLookup());
    clock.now += 5_000;
    expect(cache.get('k')).toEqual(principal('t1'));
  });

  it('does not cache an answer asked for before the subscription came back: revocations sent meanwhile were lost', () => {
    const { clock, cache } = clockedCache(10_000);
    cache.setSubscribed(false);
    const during = cache.startLookup();
    cache.setSubscribed(true);
    cache.set('k', principal('t1'), during);
    expect(cache.get('k')).toBeUndefined();
    clock.now += 1;
    expect(cache.get('k')).toBeUndefined();
  });

  it('keeps a shorter configured TTL', () => {
    const { clock, cache } = clockedCache(200);
    cache.setSubscribed(false);
    cache.set('k', principal('t1'), cache.startLookup());
    clock.now += 200;
    expect(cache.get('k')).toBeUndefined();
  });
});

describe('followRevocations', () => {
  /** A pub/sub whose liveness the test sets, delivering in memory. */
  function fakePubSub(live: boolean) {
    const handlers = new Map<string, (message: string) => void>();
    const listeners = new Set<(live: boolean) => void>();
    const pubsub: PubSub = {
      publish: async (channel, message) => handlers.get(channel)?.(message),
      subscribe: async (channel, handler) => {
        handlers.set(channel, (message) => void handler(message));
        return async () => void handlers.delete(channel);
      },
      isLive: () => live,
      onLiveChange: (listener) => {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
    };
    const setLive = (next: boolean) => {
      live = next;
      for (const listener of listeners) listener(next);
    };
    return { pubsub, setLive, listeners };
  }

  it('evicts every entry of each published token or session id and follows the subscription’s liveness', async () => {
    const { clock, cache } = clockedCache(10_000);
    const { pubsub, setLive } = fakePubSub(true);
    await followRevocations(cache, pubsub, 'tokens.revoked');

    // A session's principals are cached per organisation: one id, several entries.
    cache.set('hash-a', principal('t1'), cache.startLookup());
    cache.set('hash-a\norg-2', principal('t1'), cache.startLookup());
    cache.set('hash-z', principal('t9'), cache.startLookup());
    await pubsub.publish('tokens.revoked', 't1');
    expect(cache.get('hash-a')).toBeUndefined();
    expect(cache.get('hash-a\norg-2')).toBeUndefined();
    expect(cache.get('hash-z')).toEqual(principal('t9'));

    // A policy change of one organisation drops its principals, and only its.
    cache.set('hash-o1', principal('t5', 'org-1'), cache.startLookup());
    cache.set('hash-o2', principal('t6', 'org-2'), cache.startLookup());
    await pubsub.publish('tokens.revoked', 'org:org-1');
    expect(cache.get('hash-o1')).toBeUndefined();
    expect(cache.get('hash-o2')).toEqual(principal('t6', 'org-2'));

    cache.set('hash-b', principal('t2'), cache.startLookup());
    setLive(false);
    expect(cache.get('hash-b')).toBeUndefined();
    cache.set('hash-b', principal('t2'), cache.startLookup());
    clock.now += UNSUBSCRIBED_TTL_MS;
    expect(cache.get('hash-b')).toBeUndefined();

    cache.set('hash-c', principal('t3'), cache.startLookup());
    setLive(true);
    expect(cache.get('hash-c')).toBeUndefined();
  });

  it('starts distrustful when the subscription is down at start, and stops following when asked', async () => {
    const { clock, cache } = clockedCache(10_000);
    const { pubsub, listeners } = fakePubSub(false);
    const stop = await followRevocations(cache, pubsub, 'tokens.revoked');
    cache.set('k', principal('t1'), cache.startLookup());
    clock.now += UNSUBSCRIBED_TTL_MS;
    expect(cache.get('k')).toBeUndefined();

    await stop();
    expect(listeners.size).toBe(0);
  });

  it('is always live on the in-process pub/sub of the embedded mode', async () => {
    const kv = await createKv({ prefix: 'principal-cache-test' });
    try {
      const { clock, cache } = clockedCache(10_000);
      await followRevocations(cache, kv.pubsub, 'tokens.revoked');
      cache.set('k', principal('t1'), cache.startLookup());
      clock.now += 5_000;
      expect(cache.get('k')).toEqual(principal('t1'));
      await kv.pubsub.publish('tokens.revoked', 't1');
      await vi.waitFor(() => expect(cache.get('k')).toBeUndefined());
    } finally {
      await kv.close();
    }
  });
});
