import { CofferError } from '@coffer/contract';

/**
 * The client's own words for a Redis it cannot reach or that does not answer in time: a refused or
 * cut connection, a command issued while reconnecting (no offline queue), a command past its timeout.
 */
const OUT_OF_REACH =
  /Connection is closed|Stream isn't writeable|Command timed out|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|Reached the max retries|MaxRetriesPerRequest|^\S+ LOADING /i;

/** A command that failed because Redis is out of reach answers UNAVAILABLE, like every other backend outage; the message names no address. */
export function mapRedisError(err: unknown): unknown {
  const message = err instanceof Error ? `${err.name} ${err.message}` : '';
  return OUT_OF_REACH.test(message) ? new CofferError('UNAVAILABLE', 'Redis is unavailable; retry later', { cause: err }) : err;
}

export async function redisCall<T>(command: () => Promise<T>): Promise<T> {
  try {
    return await command();
  } catch (err) {
    throw mapRedisError(err);
  }
}
