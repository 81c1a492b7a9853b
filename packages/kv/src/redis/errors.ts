import { CofferError } from '@coffer/contract';

const OUT_OF_REACH = /Connection is closed|Stream isn't writeable|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|Reached the max retries/i;

/** A command that failed because Redis is out of reach answers UNAVAILABLE, like every other backend outage. */
export function mapRedisError(err: unknown): unknown {
  const message = err instanceof Error ? `${err.name} ${err.message}` : '';
  return OUT_OF_REACH.test(message) ? new CofferError('UNAVAILABLE', 'the cache is unavailable; retry later', { cause: err }) : err;
}

export async function redisCall<T>(command: () => Promise<T>): Promise<T> {
  try {
    return await command();
  } catch (err) {
    throw mapRedisError(err);
  }
}
