import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createKv } from './create-kv.js';
import type { ErrorReporter, Kv } from './types.js';

export const REDIS_URL = 'redis://127.0.0.1:6379';

export const uniquePrefix = () => `coffer-test:${randomUUID()}`;

export interface Implementation {
  mode: Kv['mode'];
  /** Two handles on the same shared state: two processes' worth of connections in Redis mode. */
  connectPair(prefix: string, onError: ErrorReporter): Promise<[Kv, Kv]>;
}

export const implementations: Implementation[] = [
  {
    mode: 'memory',
    async connectPair(prefix, onError) {
      const kv = await createKv({ prefix, onError });
      return [kv, kv];
    },
  },
  {
    mode: 'redis',
    async connectPair(prefix, onError) {
      return Promise.all([createKv({ redisUrl: REDIS_URL, prefix, onError }), createKv({ redisUrl: REDIS_URL, prefix, onError })]);
    },
  },
];

/** A plain client for looking at and cleaning up what the adapters wrote. */
export async function rawRedis(): Promise<Redis> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true });
  await redis.connect();
  return redis;
}

export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(keys);
}

/** Handles that keep a process alive, to compare before and after a close. */
export async function openHandles(): Promise<string[]> {
  // Cleared timers leave the list only after the event loop has gone round once.
  await new Promise((resolve) => setImmediate(resolve));
  return process
    .getActiveResourcesInfo()
    .filter((type) => type !== 'CloseReq' && type !== 'FSReqCallback')
    .sort();
}

/**
 * The handles open now that were not open `before`: what a piece of code left behind. Handles of
 * `before` that ended meanwhile (a timer of an earlier test running out) are not this code's doing.
 */
export async function handlesLeftSince(before: readonly string[]): Promise<string[]> {
  const remaining = [...before];
  return (await openHandles()).filter((type) => {
    const index = remaining.indexOf(type);
    if (index === -1) return true;
    remaining.splice(index, 1);
    return false;
  });
}

export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((settle) => (resolve = settle));
  return { promise, resolve };
}
