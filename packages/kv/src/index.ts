export { createKv, type KvOptions } from './create-kv.js';
export { LockTimeoutError } from './locks.js';
export { kvModule, kvSlice } from './module.js';
export type { Cache, ErrorReporter, Kv, LockOptions, Locks, MessageHandler, PubSub } from './types.js';
