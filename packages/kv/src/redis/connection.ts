import { Redis } from 'ioredis';
import type { ErrorReporter } from '../types.js';

const CONNECT_TIMEOUT_MS = 5000;
const MAX_RECONNECT_DELAY_MS = 2000;

export interface RedisConnectionOptions {
  /** How long any command may take before it fails; Redis answers in well under a millisecond when healthy. */
  commandTimeoutMs: number;
  /** Receives errors no caller is waiting on, such as a lost connection. */
  onError: ErrorReporter;
  /** Told once when a lost connection is back. */
  onRestored(message: string): void;
}

/** Connects now, so that a wrong URL or an unreachable server stops the process at start. */
export async function connectRedis(url: string, { commandTimeoutMs, onError, onRestored }: RedisConnectionOptions): Promise<Redis> {
  const where = describeUrl(url);
  let connected = false;
  let connectError: Error | undefined;
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    // Every command fails within the timeout instead of hanging while Redis is paused or unreachable.
    commandTimeout: commandTimeoutMs,
    // While reconnecting, commands fail at once rather than wait in a queue, and those in flight when
    // the connection dropped fail at the first reconnect attempt instead of being sent again later.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    // No retries before the first connection: they would keep a failed start alive in the background.
    retryStrategy: (attempt) => (connected ? Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS) : null),
  });
  client.on('error', (error: Error) => {
    if (connected) onError(new Error(`Redis at ${where}: ${error.message}`, { cause: error }));
    else connectError = error;
  });
  // A clean disconnect raises no error, yet messages published meanwhile are lost: report it once per outage.
  let lostAt: number | undefined;
  client.on('reconnecting', () => {
    if (lostAt === undefined) onError(new Error(`Lost the connection to Redis at ${where}; reconnecting`));
    lostAt ??= performance.now();
  });
  client.on('ready', () => {
    if (lostAt !== undefined) onRestored(`Reconnected to Redis at ${where} after ${Math.round(performance.now() - lostAt)} ms`);
    lostAt = undefined;
  });
  try {
    await client.connect();
  } catch (error) {
    // ioredis rejects with a bare "Connection is closed."; the reason came through the error event.
    const cause = connectError ?? error;
    throw new Error(`Cannot connect to Redis at ${where}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
  connected = true;
  return client;
}

/** Closes gracefully when connected; otherwise stops any reconnection in progress. */
export async function disconnectRedis(client: Redis): Promise<void> {
  if (client.status !== 'ready') {
    client.disconnect();
    return;
  }
  const ended = new Promise((resolve) => client.once('end', resolve));
  // A Redis that does not answer QUIT within the command timeout (paused) is dropped instead.
  await client.quit().catch(() => client.disconnect());
  // quit() resolves on Redis's reply; the socket is closed only at 'end'.
  await ended;
}

/** The URL without credentials, fit for an error message. */
function describeUrl(url: string): string {
  if (!URL.canParse(url)) throw new Error('The Redis URL is not a valid redis:// or rediss:// URL');
  const parsed = new URL(url);
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new Error(`The Redis URL must start with redis:// or rediss://, not ${parsed.protocol}//`);
  }
  parsed.username = '';
  parsed.password = '';
  return parsed.href;
}
