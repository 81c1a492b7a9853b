import type { Redis } from 'ioredis';
import { assertMilliseconds } from '../milliseconds.js';
import type { Cache } from '../types.js';

export function createRedisCache(client: Redis, keyPrefix: string): Cache {
  return {
    async get(key) {
      return client.get(keyPrefix + key);
    },
    async set(key, value, ttlMs) {
      assertMilliseconds('ttlMs', ttlMs, 1);
      await client.set(keyPrefix + key, value, 'PX', ttlMs);
    },
    async setIfAbsent(key, value, ttlMs) {
      assertMilliseconds('ttlMs', ttlMs, 1);
      return (await client.set(keyPrefix + key, value, 'PX', ttlMs, 'NX')) === 'OK';
    },
    async del(key) {
      await client.del(keyPrefix + key);
    },
  };
}
