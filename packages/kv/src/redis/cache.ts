import type { Redis } from 'ioredis';
import { assertMilliseconds } from '../milliseconds.js';
import type { Cache } from '../types.js';
import { redisCall } from './errors.js';

export function createRedisCache(client: Redis, keyPrefix: string): Cache {
  return {
    async get(key) {
      return redisCall(() => client.get(keyPrefix + key));
    },
    async set(key, value, ttlMs) {
      assertMilliseconds('ttlMs', ttlMs, 1);
      await redisCall(() => client.set(keyPrefix + key, value, 'PX', ttlMs));
    },
    async setIfAbsent(key, value, ttlMs) {
      assertMilliseconds('ttlMs', ttlMs, 1);
      return (await redisCall(() => client.set(keyPrefix + key, value, 'PX', ttlMs, 'NX'))) === 'OK';
    },
    async del(key) {
      await redisCall(() => client.del(keyPrefix + key));
    },
  };
}
