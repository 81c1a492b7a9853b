import { apiClient, normaliseApiUrl, type ApiClient } from './api.js';
import { ConfigStore } from './config.js';
import { resolveContext, scopePath, type ResolvedContext, type ScopeFlags } from './context.js';
import { CliError, EXIT } from './errors.js';

/**
 * Tokens are printable ASCII without spaces. Anything else (a line break, an arrow key typed at the
 * prompt) could not travel in an Authorization header and would surface as a baffling network error.
 */
export function checkTokenText(token: string, what = 'the token'): void {
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new CliError(`${what} must be printable ASCII without spaces or control characters (a stray line break or key press?)`, EXIT.USAGE);
  }
}

/** What a command needs: the config store, and on demand the server, the token and the scope. */
export class Session {
  readonly store = new ConfigStore();
  /** Read (and decrypted) once per command, however many times it is asked for. */
  private cachedToken: string | undefined;

  /** Flags > `.coffer.json` > saved context. Offline. */
  context(flags: ScopeFlags): ResolvedContext {
    return resolveContext(flags, this.store.load().context);
  }

  /** `COFFER_API_URL` and `COFFER_TOKEN` win over config.json, and need no config file at all. */
  client(timeoutMs?: number): ApiClient {
    return apiClient(this.apiUrl(), this.token(), timeoutMs);
  }

  /** `COFFER_TOKEN` (surrounding whitespace, e.g. a CR from a CRLF file, dropped), else the one saved by coffer login. */
  token(): string {
    if (this.cachedToken !== undefined) return this.cachedToken;
    const fromEnv = process.env.COFFER_TOKEN?.trim();
    const token = fromEnv || this.store.token();
    if (!token) throw new CliError('not logged in: run coffer login, or set COFFER_TOKEN', EXIT.UNAUTHENTICATED);
    if (fromEnv) checkTokenText(fromEnv, 'COFFER_TOKEN');
    this.cachedToken = token;
    return token;
  }

  /** The server's base URL, normalised: `COFFER_API_URL`, else the one saved by coffer login. */
  apiUrl(): string {
    const rawUrl = process.env.COFFER_API_URL || this.store.load().apiUrl;
    if (!rawUrl) throw new CliError('no API URL: run coffer login --api-url URL ..., or set COFFER_API_URL', EXIT.USAGE);
    return normaliseApiUrl(rawUrl);
  }

  /** The client and the resolved `/orgs/.../envs/...` path. */
  scoped(flags: ScopeFlags, timeoutMs?: number): { api: ApiClient; scope: string } {
    const scope = scopePath(this.context(flags));
    return { api: this.client(timeoutMs), scope };
  }
}
