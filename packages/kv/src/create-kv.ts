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
}

const warn: ErrorReporter = (error) => process.emitWarning(error);

export async function createKv({ redisUrl, prefix, onError = warn }: KvOptions): Promise<Kv> {
  return redisUrl ? createRedisKv(redisUrl, prefix, onError) : createMemoryKv(onError);
}
