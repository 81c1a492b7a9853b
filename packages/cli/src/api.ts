import { CliError, EXIT, exitCodeForStatus } from './errors.js';
import { NetworkError, send, type HttpResponse } from './http.js';
import { CHECKSUM_HEADER, requestChecksum } from './request-checksum.js';

/** `https://host:8080`, `https://host:8080/` and `https://host:8080/api/v1` all name the same server. */
export function normaliseApiUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new CliError(`invalid API URL "${input}": expected something like https://coffer.example.com`, EXIT.USAGE);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CliError(`invalid API URL "${input}": use http:// or https://`, EXIT.USAGE);
  if (url.username || url.password) throw new CliError('the API URL must not carry credentials; use --token-stdin', EXIT.USAGE);
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/+$/, '').replace(/\/api\/v1$/, '');
}

const HINTS: Record<number, string> = {
  401: 'the server rejected the token; run coffer login again or check COFFER_TOKEN',
  403: 'the token lacks a permission for this',
};

export interface ApiClient {
  request<T = any>(method: string, path: string, body?: unknown): Promise<T>;
}

export function apiClient(baseUrl: string, token: string, timeoutMs = 30_000): ApiClient {
  return {
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
      const payload = body === undefined ? undefined : JSON.stringify(body);
      if (payload !== undefined) {
        headers['content-type'] = 'application/json';
        headers[CHECKSUM_HEADER] = requestChecksum(token, method, `/api/v1${path}`, payload);
      }
      let response: HttpResponse;
      try {
        response = await send(new URL(`${baseUrl}/api/v1${path}`), { method, headers, body: payload, timeoutMs });
      } catch (err) {
        const reason = err instanceof NetworkError ? err.reason : 'network error';
        throw new CliError(`cannot reach the Coffer server at ${baseUrl} (${reason})`, EXIT.UNREACHABLE);
      }
      const { text } = response;
      let envelope: { error?: boolean; message?: string; data?: unknown } | undefined;
      try {
        envelope = text ? JSON.parse(text) : undefined;
      } catch {
        envelope = undefined;
      }
      const isEnvelope = typeof envelope === 'object' && envelope !== null && typeof envelope.error === 'boolean';
      const failed = response.status < 200 || response.status > 299;
      if (!isEnvelope && !(failed && exitCodeForStatus(response.status) === EXIT.UNREACHABLE)) {
        // A 404 from a web server at the wrong URL is not "secret not found".
        throw new CliError(`${baseUrl} did not answer like a Coffer server (HTTP ${response.status}); check the API URL`, EXIT.GENERIC);
      }
      if (failed) {
        const message = typeof envelope?.message === 'string' && envelope.message ? envelope.message : response.statusText || 'request failed';
        const hint = HINTS[response.status];
        throw new CliError(
          hint ? `${hint}: ${message} (HTTP ${response.status})` : `${message} (HTTP ${response.status})`,
          exitCodeForStatus(response.status),
          envelope?.data,
        );
      }
      return envelope!.data as T;
    },
  };
}
