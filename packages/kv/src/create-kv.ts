import { createMemoryKv } from './memory/kv.js';
import { createRedisKv } from './redis/kv.js';
import type { ErrorReporter, Kv } from './types.js';

export interface KvOptions {
  /** Redis when set; otherwise state lives in this process only. */
  redisUrl?: string | undefined;
  /** Namespaces every key and channel, e.g. per deployment or per test. */
  prefix: string;
  /** Receives errors no caller is waiting on: lost Redis connections, failed subscribers, failed lock releases. */
  onError?: ErrorReporter;
  /** Told when a lost Redis connection is back. */
  onRestored?: (message: string) => void;
  /** How long a Redis command may take before it fails with UNAVAILABLE. */
  commandTimeoutMs?: number;
}

export const DEFAULT_COMMAND_TIMEOUT_MS = 500;
// A paused Redis is noticed within interval + timeout (750 ms): under the one second a revocation may take.
const HEARTBEAT = { intervalMs: 250, timeoutMs: 500 };

const warn: ErrorReporter = (error) => process.emitWarning(error);

export async function createKv({
  redisUrl,
  prefix,
  onError = warn,
  onRestored = () => {},
  commandTimeoutMs = DEFAULT_COMMAND_TIMEOUT_MS,
}: KvOptions): Promise<Kv> {
  return redisUrl ? createRedisKv(redisUrl, { prefix, onError, onRestored, commandTimeoutMs, heartbeat: HEARTBEAT }) : createMemoryKv(onError);
}
