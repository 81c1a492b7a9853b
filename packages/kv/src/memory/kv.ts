import { createLocks } from '../locks.js';
import type { ErrorReporter, Kv } from '../types.js';
import { createMemoryCache } from './cache.js';
import { createMemoryLockStore } from './lock-store.js';
import { createMemoryPubSub } from './pubsub.js';

/** State lives in this object only: processes, and separate Kv instances, share nothing. */
export function createMemoryKv(onError: ErrorReporter): Kv {
  const pubsub = createMemoryPubSub(onError);
  return {
    mode: 'memory',
    cache: createMemoryCache(),
    locks: createLocks(createMemoryLockStore(), onError),
    pubsub,
    async ping() {},
    async close() {
      pubsub.unsubscribeAll();
    },
  };
}
