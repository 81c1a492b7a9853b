import { apiClient, normaliseApiUrl, type ApiClient } from './api.js';
import { ConfigStore } from './config.js';
import { resolveContext, scopePath, type ResolvedContext, type ScopeFlags } from './context.js';
import { CliError, EXIT } from './errors.js';
import { isExpiring, refreshSession } from './session-refresh.js';

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

  /**
   * `COFFER_API_URL` and `COFFER_TOKEN` win over config.json, and need no config file at all. With a
   * stored session (coffer login without a token) the client refreshes it by itself: before a
   * request when the access token is about to expire, and once after a 401.
   */
  client(timeoutMs?: number): ApiClient {
    const apiUrl = this.apiUrl();
    const token = this.token();
    if (!this.hasStoredSession()) return apiClient(apiUrl, token, timeoutMs);
    const call = async <T>(send: (api: ApiClient) => Promise<T>): Promise<T> => {
      await this.freshen();
      const used = this.token();
      try {
        return await send(apiClient(apiUrl, used, timeoutMs));
      } catch (err) {
        if (!(err instanceof CliError) || err.code !== EXIT.UNAUTHENTICATED) throw err;
        this.cachedToken = await refreshSession(this.store, apiUrl, used);
        return send(apiClient(apiUrl, this.cachedToken, timeoutMs));
      }
    };
    return {
      request: (method, path, body) => call((api) => api.request(method, path, body)),
      conditional: (method, path, etag) => call((api) => api.conditional(method, path, etag)),
    };
  }

  /** Whether the credential in use is a stored session (with a refresh token), not an API token. */
  hasStoredSession(): boolean {
    return !process.env.COFFER_TOKEN?.trim() && Boolean(this.store.load().refreshToken);
  }

  /** Refreshes a stored session whose access token is about to expire, so that `token()` is current. */
  async freshen(): Promise<void> {
    if (!this.hasStoredSession() || !isExpiring(this.store)) return;
    this.cachedToken = await refreshSession(this.store, this.apiUrl(), this.token());
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
