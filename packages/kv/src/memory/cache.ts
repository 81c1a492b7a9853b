import { assertMilliseconds } from '../milliseconds.js';
import type { Cache } from '../types.js';
import { createExpiringMap } from './expiring-map.js';

export function createMemoryCache(): Cache {
  const entries = createExpiringMap();
  return {
    async get(key) {
      return entries.get(key) ?? null;
    },
    async set(key, value, ttlMs) {
      assertMilliseconds('ttlMs', ttlMs, 1);
      entries.set(key, value, ttlMs);
    },
    async setIfAbsent(key, value, ttlMs) {
      assertMilliseconds('ttlMs', ttlMs, 1);
      if (entries.get(key) !== undefined) return false;
      entries.set(key, value, ttlMs);
      return true;
    },
    async del(key) {
      entries.delete(key);
    },
  };
}
