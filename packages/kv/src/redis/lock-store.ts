import type { Redis } from 'ioredis';
import type { LockStore } from '../locks.js';
import { redisCall } from './errors.js';

// Compare and delete in one step: between a separate GET and DEL the lock could expire and be taken by another holder.
const RELEASE_IF_HELD = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

export function createRedisLockStore(client: Redis, keyPrefix: string): LockStore {
  return {
    async acquire(name, token, ttlMs) {
      return (await redisCall(() => client.set(keyPrefix + name, token, 'PX', ttlMs, 'NX'))) === 'OK';
    },
    async release(name, token) {
      await redisCall(() => client.eval(RELEASE_IF_HELD, 1, keyPrefix + name, token));
    },
  };
}
