import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { assertMilliseconds } from './milliseconds.js';
import type { ErrorReporter, LockOptions, Locks } from './types.js';

/** Where locks live: an atomic take-if-free and a release that only the holder's token can do. */
export interface LockStore {
  acquire(name: string, token: string, ttlMs: number): Promise<boolean>;
  release(name: string, token: string): Promise<void>;
}

export class LockTimeoutError extends Error {
  override readonly name = 'LockTimeoutError';

  constructor(
    readonly lock: string,
    waitMs: number,
  ) {
    super(`Timed out after ${waitMs} ms waiting for lock "${lock}"`);
  }
}

const FIRST_RETRY_MS = 5;
const MAX_RETRY_MS = 100;

export function createLocks(store: LockStore, onError: ErrorReporter): Locks {
  return {
    async withLock(name, options, fn) {
      assertMilliseconds('ttlMs', options.ttlMs, 1);
      assertMilliseconds('waitMs', options.waitMs, 0);
      const token = randomUUID();
      await acquire(store, name, token, options);
      try {
        return await fn();
      } finally {
        // The lock expires on its own; failing a caller whose critical section succeeded would be worse.
        await store.release(name, token).catch((cause: unknown) => onError(new Error(`Could not release lock "${name}"`, { cause })));
      }
    },
  };
}

async function acquire(store: LockStore, name: string, token: string, { ttlMs, waitMs }: LockOptions): Promise<void> {
  const deadline = performance.now() + waitMs;
  let retryMs = FIRST_RETRY_MS;
  while (!(await store.acquire(name, token, ttlMs))) {
    const remainingMs = deadline - performance.now();
    if (remainingMs <= 0) throw new LockTimeoutError(name, waitMs);
    // Jitter keeps processes waiting for the same lock from retrying in lockstep.
    await sleep(Math.min(remainingMs, retryMs / 2 + (Math.random() * retryMs) / 2));
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
  }
}
