import { once } from 'node:events';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createKv, type Kv, type KvOptions } from './index.js';
import { REDIS_URL, deleteKeys, handlesLeftSince, openHandles, rawRedis, uniquePrefix } from './test-support.js';

/**
 * A TCP hop in front of Redis whose open connections a test can cut, as a network failure would, or
 * hold, as a paused Redis would: connections stay open and nothing answers until released.
 */
async function startProxy() {
  const sockets = new Set<Socket>();
  let held: [Socket, Buffer][] | undefined;
  const forward = (to: Socket) => (data: Buffer) => (held ? held.push([to, data]) : to.write(data));
  const server = createServer((client) => {
    const upstream = connect(6379, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', forward(upstream));
    upstream.on('data', forward(client));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `redis://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cutConnections: () => {
      for (const socket of sockets) socket.destroy();
    },
    hold: () => {
      held ??= [];
    },
    release: () => {
      const queued = held ?? [];
      held = undefined;
      for (const [to, data] of queued) to.write(data);
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

  async function open(prefix: string, onError: (error: Error) => void = () => {}, redisUrl = REDIS_URL, options: Partial<KvOptions> = {}): Promise<Kv> {
    prefixes.push(prefix);
    const kv = await createKv({ redisUrl, prefix, onError, ...options });
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

      await vi.waitFor(() =>
        expect(errors.map(({ message }) => message)).toEqual(
          expect.arrayContaining([
            expect.stringMatching(/^Lost the connection to Redis at redis:\/\/127\.0\.0\.1:\d+; reconnecting$/),
            'The Redis pub/sub subscription is not live: messages published meanwhile may be missed',
          ]),
        ),
      );
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

  it('answers UNAVAILABLE at once for every command while Redis is out of reach, never a raw client error', async () => {
    const proxy = await startProxy();
    try {
      const kv = await open(uniquePrefix(), () => {}, proxy.url);
      await proxy.close();
      for (const call of everyCommand(kv)) {
        const started = performance.now();
        await expect(call()).rejects.toMatchObject({ name: 'CofferError', code: 'UNAVAILABLE', message: 'Redis is unavailable; retry later' });
        // No offline queue, no retries: a connection known to be down fails the command without waiting.
        expect(performance.now() - started).toBeLessThan(100);
      }
    } finally {
      await Promise.all(opened.splice(0).map((kv) => kv.close()));
    }
  });

  it('fails every command within its timeout while Redis does not answer, and works again once it does', async () => {
    const proxy = await startProxy();
    try {
      const kv = await open(uniquePrefix(), () => {}, proxy.url, { commandTimeoutMs: 150 });
      proxy.hold();
      for (const call of everyCommand(kv)) {
        const started = performance.now();
        await expect(call()).rejects.toMatchObject({ code: 'UNAVAILABLE', message: 'Redis is unavailable; retry later' });
        expect(performance.now() - started).toBeLessThan(400);
      }
      proxy.release();
      await vi.waitFor(() => expect(kv.cache.set('k', 'v', 1_000)).resolves.toBeUndefined());
    } finally {
      await Promise.all(opened.splice(0).map((kv) => kv.close()));
      await proxy.close();
    }
  });

  it('reports its subscription not live within a second of Redis not answering, and live again once it answers', async () => {
    const proxy = await startProxy();
    try {
      const kv = await open(uniquePrefix(), () => {}, proxy.url);
      await kv.pubsub.subscribe('events', () => {});
      const changes: boolean[] = [];
      kv.pubsub.onLiveChange((live) => changes.push(live));
      expect(kv.pubsub.isLive()).toBe(true);

      const held = performance.now();
      proxy.hold();
      await vi.waitFor(() => expect(kv.pubsub.isLive()).toBe(false), { timeout: 2_000, interval: 10 });
      console.log(`subscription reported down ${Math.round(performance.now() - held)} ms after Redis stopped answering`);
      expect(performance.now() - held).toBeLessThan(1_000);

      proxy.release();
      await vi.waitFor(() => expect(kv.pubsub.isLive()).toBe(true), { timeout: 2_000, interval: 10 });
      expect(changes).toEqual([false, true]);
    } finally {
      await Promise.all(opened.splice(0).map((kv) => kv.close()));
      await proxy.close();
    }
  });

  it('reports its subscription lost when the connection drops, and live only once resubscribed, logging the reconnection', async () => {
    const proxy = await startProxy();
    try {
      const prefix = uniquePrefix();
      const restored: string[] = [];
      const subscriber = await open(prefix, () => {}, proxy.url, { onRestored: (message) => restored.push(message) });
      const publisher = await open(prefix);
      const heard: string[] = [];
      await subscriber.pubsub.subscribe('events', (message) => void heard.push(message));
      const changes: boolean[] = [];
      subscriber.pubsub.onLiveChange((live) => changes.push(live));

      proxy.cutConnections();
      expect(await waitForChange(subscriber)).toBe(false);
      expect(await waitForChange(subscriber)).toBe(true);

      // Live means resubscribed: what is published from now on arrives.
      await publisher.pubsub.publish('events', 'right after');
      await vi.waitFor(() => expect(heard).toEqual(['right after']));
      expect(changes).toEqual([false, true]);
      expect(restored).toEqual(expect.arrayContaining([expect.stringMatching(/^Reconnected to Redis at redis:\/\/127\.0\.0\.1:\d+ after \d+ ms$/)]));
    } finally {
      await Promise.all(opened.splice(0).map((kv) => kv.close()));
      await proxy.close();
    }
  });
});

/** One call of every command the adapters send to Redis. */
function everyCommand(kv: Kv): (() => Promise<unknown>)[] {
  return [
    () => kv.cache.get('k'),
    () => kv.cache.set('k', 'v', 1_000),
    () => kv.cache.setIfAbsent('k', 'v', 1_000),
    () => kv.cache.del('k'),
    () => kv.pubsub.publish('c', 'm'),
    () => kv.pubsub.subscribe('c', () => {}),
    () => kv.locks.withLock('l', { ttlMs: 1_000, waitMs: 0 }, async () => 'ran'),
    () => kv.ping(),
  ];
}

/** The next change of the subscription's liveness. */
function waitForChange(kv: Kv): Promise<boolean> {
  return new Promise((resolve) => {
    const stop = kv.pubsub.onLiveChange((live) => {
      stop();
      resolve(live);
    });
  });
}
