import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { LockTimeoutError, type Kv } from './index.js';
import { deferred, deleteKeys, handlesLeftSince, implementations, openHandles, rawRedis, uniquePrefix } from './test-support.js';

describe.each(implementations)('Kv contract ($mode)', ({ mode, connectPair }) => {
  let redis: Redis | undefined;
  let prefix: string;
  let errors: Error[];
  let a: Kv;
  let b: Kv;

  beforeAll(async () => {
    if (mode === 'redis') redis = await rawRedis();
  });

  afterAll(async () => {
    await redis?.quit();
  });

  beforeEach(async () => {
    prefix = uniquePrefix();
    errors = [];
    [a, b] = await connectPair(prefix, (error) => errors.push(error));
  });

  afterEach(async () => {
    await Promise.all([a.close(), b.close()]);
    if (redis) {
      await deleteKeys(redis, prefix);
      expect(await redis.keys(`${prefix}:*`)).toEqual([]);
    }
  });

  it(`reports its mode and answers ping`, async () => {
    expect(a.mode).toBe(mode);
    await expect(a.ping()).resolves.toBeUndefined();
  });

  describe('cache', () => {
    it('stores, shares, overwrites and deletes values', async () => {
      expect(await a.cache.get('k')).toBeNull();
      await a.cache.set('k', 'v1', 10_000);
      expect(await b.cache.get('k')).toBe('v1');
      await b.cache.set('k', 'v2', 10_000);
      expect(await a.cache.get('k')).toBe('v2');
      await a.cache.del('k');
      expect(await b.cache.get('k')).toBeNull();
      await expect(a.cache.del('never-set')).resolves.toBeUndefined();
    });

    it('expires values after their TTL', async () => {
      await a.cache.set('short', 'v', 100);
      await a.cache.setIfAbsent('short-nx', 'v', 100);
      expect(await a.cache.get('short')).toBe('v');
      await sleep(200);
      expect(await a.cache.get('short')).toBeNull();
      expect(await b.cache.get('short-nx')).toBeNull();
      expect(await b.cache.setIfAbsent('short-nx', 'again', 10_000)).toBe(true);
    });

    it('setIfAbsent never overwrites a present value', async () => {
      await a.cache.set('k', 'first', 10_000);
      expect(await b.cache.setIfAbsent('k', 'second', 10_000)).toBe(false);
      expect(await a.cache.get('k')).toBe('first');
    });

    it('setIfAbsent lets exactly one of 20 concurrent callers win', async () => {
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).cache.setIfAbsent('race', `caller-${i}`, 10_000)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await a.cache.get('race')).toBe(`caller-${results.indexOf(true)}`);
    });

    it.each([0, -1, 1.5, Number.NaN])('rejects a TTL of %s', async (ttlMs) => {
      await expect(a.cache.set('k', 'v', ttlMs)).rejects.toThrow(RangeError);
      await expect(a.cache.setIfAbsent('k', 'v', ttlMs)).rejects.toThrow(RangeError);
    });
  });

  describe('locks', () => {
    it('serialises concurrent critical sections', async () => {
      let inside = 0;
      let mostInside = 0;
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 === 0 ? a : b).locks.withLock('section', { ttlMs: 10_000, waitMs: 10_000 }, async () => {
            inside += 1;
            mostInside = Math.max(mostInside, inside);
            await sleep(10);
            inside -= 1;
            return i;
          }),
        ),
      );
      expect(mostInside).toBe(1);
      expect(results).toEqual(Array.from({ length: 10 }, (_, i) => i));
    });

    it('gives up after waitMs with an error that names the lock', async () => {
      const release = deferred();
      const holding = a.locks.withLock('kek:org-1', { ttlMs: 10_000, waitMs: 0 }, () => release.promise);
      const waiter = vi.fn(async () => 'ran');

      const started = performance.now();
      const attempt = b.locks.withLock('kek:org-1', { ttlMs: 10_000, waitMs: 150 }, waiter);
      await expect(attempt).rejects.toThrow(LockTimeoutError);
      await expect(attempt).rejects.toThrow('"kek:org-1"');
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
      expect(waiter).not.toHaveBeenCalled();

      release.resolve();
      await holding;
      await expect(b.locks.withLock('kek:org-1', { ttlMs: 10_000, waitMs: 0 }, waiter)).resolves.toBe('ran');
    });

    it('releases the lock when the critical section throws', async () => {
      const failure = new Error('section failed');
      await expect(a.locks.withLock('l', { ttlMs: 10_000, waitMs: 0 }, () => Promise.reject(failure))).rejects.toBe(failure);
      await expect(b.locks.withLock('l', { ttlMs: 10_000, waitMs: 0 }, async () => 'free')).resolves.toBe('free');
    });

    it('lets a lock expire after ttlMs, and only its current holder release it', async () => {
      const events: string[] = [];
      const releaseB = deferred();
      const bAcquired = deferred();

      // A overruns its 100 ms lease; B takes the expired lock while A is still inside.
      const holderA = a.locks.withLock('lease', { ttlMs: 100, waitMs: 0 }, async () => {
        await sleep(400);
        events.push('a done');
      });
      await sleep(10);
      const holderB = b.locks.withLock('lease', { ttlMs: 10_000, waitMs: 2_000 }, async () => {
        events.push('b acquired');
        bAcquired.resolve();
        await releaseB.promise;
      });
      await bAcquired.promise;
      await holderA;
      expect(events).toEqual(['b acquired', 'a done']);

      // A's release ran after B took over; B must still hold the lock.
      await expect(a.locks.withLock('lease', { ttlMs: 10_000, waitMs: 50 }, async () => 'stolen')).rejects.toThrow(LockTimeoutError);

      releaseB.resolve();
      await holderB;
      await expect(a.locks.withLock('lease', { ttlMs: 10_000, waitMs: 0 }, async () => 'mine')).resolves.toBe('mine');
    });

    it('rejects bad durations', async () => {
      await expect(a.locks.withLock('l', { ttlMs: 0, waitMs: 0 }, async () => 1)).rejects.toThrow(RangeError);
      await expect(a.locks.withLock('l', { ttlMs: 1000, waitMs: -1 }, async () => 1)).rejects.toThrow(RangeError);
    });
  });

  describe('pub/sub', () => {
    it('reports its subscriptions live while messages can reach them', async () => {
      await b.pubsub.subscribe('c', () => {});
      expect(a.pubsub.isLive()).toBe(true);
      expect(b.pubsub.isLive()).toBe(true);
    });

    it('delivers to a subscriber and stops after unsubscribe', async () => {
      const received: string[] = [];
      const unsubscribe = await b.pubsub.subscribe('tokens.revoked', (message) => void received.push(message));

      await a.pubsub.publish('tokens.revoked', 'tok_1');
      await vi.waitFor(() => expect(received).toEqual(['tok_1']));

      await unsubscribe();
      await a.pubsub.publish('tokens.revoked', 'tok_2');
      await sleep(100);
      expect(received).toEqual(['tok_1']);
    });

    it("has delivered to the publishing process's own subscribers when publish resolves, even the same message twice", async () => {
      const received: string[] = [];
      await a.pubsub.subscribe('own', (message) => void received.push(message));

      for (let i = 0; i < 20; i++) {
        await a.pubsub.publish('own', 'same');
        expect(received).toHaveLength(i + 1);
      }
    });

    it('keeps channels apart', async () => {
      const received: string[] = [];
      await b.pubsub.subscribe('one', (message) => void received.push(`one:${message}`));
      await b.pubsub.subscribe('two', (message) => void received.push(`two:${message}`));

      await a.pubsub.publish('two', 'm');
      await vi.waitFor(() => expect(received).toEqual(['two:m']));
      await sleep(50);
      expect(received).toEqual(['two:m']);
    });

    it('keeps delivering to the other subscriptions of a channel when one unsubscribes', async () => {
      const received: string[] = [];
      const handler = (message: string) => void received.push(message);
      const first = await b.pubsub.subscribe('c', handler);
      await b.pubsub.subscribe('c', handler);

      await a.pubsub.publish('c', 'both');
      await vi.waitFor(() => expect(received).toEqual(['both', 'both']));

      await first();
      await first();
      await a.pubsub.publish('c', 'one');
      await vi.waitFor(() => expect(received).toEqual(['both', 'both', 'one']));
      await sleep(50);
      expect(received).toHaveLength(3);
    });

    it('reports a failing subscriber without affecting the others', async () => {
      const received: string[] = [];
      await b.pubsub.subscribe('c', () => {
        throw new Error('handler blew up');
      });
      await b.pubsub.subscribe('c', async () => Promise.reject(new Error('handler rejected')));
      await b.pubsub.subscribe('c', (message) => void received.push(message));

      await a.pubsub.publish('c', 'm1');
      await a.pubsub.publish('c', 'm2');
      await vi.waitFor(() => expect(received).toEqual(['m1', 'm2']));
      await vi.waitFor(() => expect(errors).toHaveLength(4));
      expect(errors[0]?.message).toBe('A subscriber to channel "c" failed');
      expect((errors[0]?.cause as Error).message).toBe('handler blew up');
    });
  });

  it('leaves no open handles after close', async () => {
    const before = await openHandles();
    const [c, d] = await connectPair(prefix, () => {});
    await d.pubsub.subscribe('c', () => {});
    await c.locks.withLock('l', { ttlMs: 1000, waitMs: 1000 }, () => c.cache.set('k', 'v', 1000));
    await c.pubsub.publish('c', 'm');

    await Promise.all([c.close(), d.close()]);

    expect(await handlesLeftSince(before)).toEqual([]);
  });
});
