import { closeSync, openSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { apiClient } from './api.js';
import type { ConfigStore } from './config.js';
import { CliError, EXIT } from './errors.js';

/** A session's access token is refreshed this long before it expires, so that no request carries one that lapses on the way. */
export const REFRESH_MARGIN_MS = 60_000;
const LOCK_FILE = 'refresh.lock';
/** A lock older than this was left by a process that died while refreshing. */
const STALE_LOCK_MS = 30_000;
const LOCK_WAIT_MS = 20_000;
const LOCK_POLL_MS = 50;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface RefreshAnswer {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/** Whether the stored session's access token is about to expire (false for an API token, which has no expiry here). */
export function isExpiring(store: ConfigStore, now = Date.now()): boolean {
  const { refreshToken, tokenExpiresAt } = store.load();
  return Boolean(refreshToken && tokenExpiresAt && Date.parse(tokenExpiresAt) - REFRESH_MARGIN_MS <= now);
}

/**
 * Exclusive use of the refresh token among the coffer processes of this config directory: a file
 * created with O_EXCL. Two processes that both refreshed with one refresh token would look to the
 * server like a stolen copy (reuse detection), which ends the session.
 */
async function withRefreshLock<T>(store: ConfigStore, fn: () => Promise<T>): Promise<T> {
  store.ensureDir();
  const path = join(store.paths.dir, LOCK_FILE);
  const giveUpAt = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      closeSync(openSync(path, 'wx', 0o600));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (isStale(path)) rmSync(path, { force: true });
      else if (Date.now() > giveUpAt)
        throw new CliError(`another coffer is refreshing the session and holds ${path}; remove it if no coffer runs`, EXIT.CONFIG);
      else await sleep(LOCK_POLL_MS);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(path, { force: true });
  }
}

function isStale(path: string): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs > STALE_LOCK_MS;
  } catch {
    return false;
  }
}

/**
 * A current access token for the stored session, replacing `stale` (the one a request used, or that
 * is about to expire). Under the lock, the config is read again first: when another process
 * refreshed meanwhile, its new token is used as it is and the refresh token is not presented twice.
 * A refused refresh (the session ended: logout elsewhere, revoked, expired) drops the stored tokens.
 */
export async function refreshSession(store: ConfigStore, apiUrl: string, stale: string | undefined): Promise<string> {
  return withRefreshLock(store, async () => {
    store.reload();
    const current = store.token();
    if (current && current !== stale && !isExpiring(store)) return current;
    const refreshToken = store.refreshToken();
    if (!refreshToken) throw new CliError('not logged in: run coffer login', EXIT.UNAUTHENTICATED);
    let answer: RefreshAnswer;
    try {
      answer = await apiClient(apiUrl, '').request<RefreshAnswer>('POST', '/auth/refresh', { refreshToken });
    } catch (err) {
      if (err instanceof CliError && err.code === EXIT.UNAUTHENTICATED) {
        store.clearCredentials();
        throw new CliError('the session has ended (logged out, revoked or expired): run coffer login again', EXIT.UNAUTHENTICATED);
      }
      throw err;
    }
    store.setSession({ accessToken: answer.accessToken, refreshToken: answer.refreshToken, expiresAt: new Date(Date.now() + answer.expiresIn * 1000) });
    return answer.accessToken;
  });
}
