import type { LockStore } from '../locks.js';
import { createExpiringMap } from './expiring-map.js';

export function createMemoryLockStore(): LockStore {
  const holders = createExpiringMap();
  return {
    async acquire(name, token, ttlMs) {
      if (holders.get(name) !== undefined) return false;
      holders.set(name, token, ttlMs);
      return true;
    },
    async release(name, token) {
      if (holders.get(name) === token) holders.delete(name);
    },
  };
}
