import { Redis } from 'ioredis';
import type { ErrorReporter } from '../types.js';

const CONNECT_TIMEOUT_MS = 5000;
// Commands issued while Redis is unreachable fail after a few reconnect attempts instead of piling up.
const MAX_RETRIES_PER_REQUEST = 2;
const MAX_RECONNECT_DELAY_MS = 2000;

/** Connects now, so that a wrong URL or an unreachable server stops the process at start. */
export async function connectRedis(url: string, onError: ErrorReporter): Promise<Redis> {
  const where = describeUrl(url);
  let connected = false;
  let connectError: Error | undefined;
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: MAX_RETRIES_PER_REQUEST,
    // No retries before the first connection: they would keep a failed start alive in the background.
    retryStrategy: (attempt) => (connected ? Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS) : null),
  });
  client.on('error', (error: Error) => {
    if (connected) onError(new Error(`Redis at ${where}: ${error.message}`, { cause: error }));
    else connectError = error;
  });
  // A clean disconnect raises no error, yet messages published meanwhile are lost: report it once per outage.
  let reconnecting = false;
  client.on('reconnecting', () => {
    if (!reconnecting) onError(new Error(`Lost the connection to Redis at ${where}; reconnecting`));
    reconnecting = true;
  });
  client.on('ready', () => {
    reconnecting = false;
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
  await client.quit();
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
