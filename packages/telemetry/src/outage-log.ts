import type { Logger } from 'pino';

export interface OutageLogOptions {
  logger: Logger;
  /** What is out of reach, as the log names it: `PostgreSQL`, `Redis`. */
  backend: string;
  /** At most one line per interval while the outage lasts. */
  intervalMs?: number;
  now?: () => number;
}

export interface OutageLog {
  /** A failure that means the backend is out of reach; `cause` is a short reason, never a secret or an address with credentials. */
  failed(cause: string): void;
  /** The backend answered: ends an outage, if there was one, with one line. */
  succeeded(): void;
}

/**
 * Logs an outage of a backend without flooding the log: the first failure at once, then one line
 * per interval with how many failures there were, and one line when the backend answers again.
 * Thousands of requests failing for one cause are one story, not thousands of stack traces.
 */
export function createOutageLog({ logger, backend, intervalMs = 10_000, now = Date.now }: OutageLogOptions): OutageLog {
  let since: number | undefined;
  let lastLogged = 0;
  let failures = 0;
  let unlogged = 0;
  let lastCause = '';
  return {
    failed(cause) {
      failures++;
      unlogged++;
      lastCause = cause;
      const at = now();
      if (since === undefined) {
        since = at;
        lastLogged = at;
        unlogged = 0;
        logger.error({ backend, cause }, `${backend} is unavailable`);
        return;
      }
      if (at - lastLogged >= intervalMs) {
        logger.error({ backend, cause: lastCause, failures: unlogged, downForMs: at - since }, `${backend} is still unavailable`);
        lastLogged = at;
        unlogged = 0;
      }
    },
    succeeded() {
      if (since === undefined) return;
      logger.info({ backend, downForMs: now() - since, failures }, `${backend} is available again`);
      since = undefined;
      failures = 0;
      unlogged = 0;
    },
  };
}
