import { once } from 'node:events';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createKv, type Kv } from './index.js';
import { REDIS_URL, deleteKeys, handlesLeftSince, openHandles, rawRedis, uniquePrefix } from './test-support.js';

/** A TCP hop in front of Redis whose open connections a test can cut, as a network failure would. */
async function startProxy() {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(6379, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `redis://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cutConnections: () => {
      for (const socket of sockets) socket.destroy();
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

describe('Kv on Redis', () => {
  let redis: Redis;
  const prefixes: string[] = [];
  const opened: Kv[] = [];

  async function open(prefix: string, onError: (error: Error) => void = () => {}, redisUrl = REDIS_URL): Promise<Kv> {
    prefixes.push(prefix);
    const kv = await createKv({ redisUrl, prefix, onError });
    opened.push(kv);
    return kv;
  }

  beforeAll(async () => {
    redis = await rawRedis();
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((kv) => kv.close()));
    for (const prefix of prefixes.splice(0)) await deleteKeys(redis, prefix);
  });

  afterAll(async () => {
    await redis.quit();
  });

  it('fails at start with the reason, without the password, and leaves nothing running', async () => {
    const before = await openHandles();

    const error = await createKv({ redisUrl: 'redis://:hunter2@127.0.0.1:1', prefix: uniquePrefix() }).catch((caught: Error) => caught);

    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^Cannot connect to Redis at redis:\/\/127\.0\.0\.1:1: connect ECONNREFUSED/);
    expect((error as Error).message).not.toContain('hunter2');
    expect(await handlesLeftSince(before)).toEqual([]);
  });

  it('names an unknown host', async () => {
    await expect(createKv({ redisUrl: 'redis://redis.invalid:6379', prefix: uniquePrefix() })).rejects.toThrow(
      /^Cannot connect to Redis at redis:\/\/redis\.invalid:6379: .*ENOTFOUND/,
    );
  });

  it('rejects a URL that is not redis:// or rediss://', async () => {
    await expect(createKv({ redisUrl: 'http://127.0.0.1:6379', prefix: uniquePrefix() })).rejects.toThrow(
      'The Redis URL must start with redis:// or rediss://, not http://',
    );
  });

  it('keeps keys and channels under its prefix', async () => {
    const [first, second] = [uniquePrefix(), uniquePrefix()];
    const kv = await open(first);
    const other = await open(second);
    const heard: string[] = [];
    await other.pubsub.subscribe('events', (message) => void heard.push(message));

    await kv.cache.set('shared-name', 'v', 10_000);
    await kv.locks.withLock('shared-name', { ttlMs: 10_000, waitMs: 0 }, async () => {
      expect((await redis.keys(`${first}:*`)).sort()).toEqual([`${first}:cache:shared-name`, `${first}:lock:shared-name`]);
    });
    await kv.pubsub.publish('events', 'not for other');

    expect(await other.cache.get('shared-name')).toBeNull();
    await expect(other.locks.withLock('shared-name', { ttlMs: 10_000, waitMs: 0 }, async () => 'free')).resolves.toBe('free');
    expect(await redis.keys(`${second}:*`)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(heard).toEqual([]);
  });

  it('reconnects and resubscribes after losing its connections, and reports the loss', async () => {
    const proxy = await startProxy();
    try {
      const prefix = uniquePrefix();
      const errors: Error[] = [];
      const subscriber = await open(prefix, (error) => errors.push(error), proxy.url);
      const publisher = await open(prefix);
      const heard: string[] = [];
      await subscriber.pubsub.subscribe('events', (message) => void heard.push(message));

      proxy.cutConnections();

      await vi.waitFor(() => expect(errors.length).toBeGreaterThan(0));
      expect(errors[0]?.message).toMatch(/^Lost the connection to Redis at redis:\/\/127\.0\.0\.1:\d+; reconnecting$/);
      await vi.waitFor(
        async () => {
          await publisher.pubsub.publish('events', 'after reconnect');
          expect(heard).toContain('after reconnect');
        },
        { timeout: 5_000, interval: 100 },
      );
      await expect(subscriber.cache.set('k', 'v', 10_000)).resolves.toBeUndefined();
      await expect(subscriber.ping()).resolves.toBeUndefined();
    } finally {
      await Promise.all(opened.splice(0).map((kv) => kv.close()));
      await proxy.close();
    }
  });

  it('answers UNAVAILABLE for cache and publish calls while Redis is out of reach, never a raw client error', async () => {
    const proxy = await startProxy();
    try {
      const kv = await open(uniquePrefix(), () => {}, proxy.url);
      await proxy.close();
      for (const call of [
        () => kv.cache.get('k'),
        () => kv.cache.set('k', 'v', 1_000),
        () => kv.cache.setIfAbsent('k', 'v', 1_000),
        () => kv.cache.del('k'),
        () => kv.pubsub.publish('c', 'm'),
      ]) {
        await expect(call()).rejects.toMatchObject({ name: 'CofferError', code: 'UNAVAILABLE', message: 'the cache is unavailable; retry later' });
      }
    } finally {
      await Promise.all(opened.splice(0).map((kv) => kv.close()));
    }
  }, 20_000);
});
