import { CHECKSUM_HEADER, integrityKey, requestChecksum, type ErrorCode } from '@coffer/contract/rules';
import { CliError, errorCodeOf, EXIT, EXIT_FOR_CODE, isProxyFailure, isServingFailure } from './errors.js';
import { NetworkError, send, type HttpResponse } from './http.js';

/**
 * `https://host:8080`, `https://host:8080/` and `https://host:8080/api/v1` all name the same server.
 * A URL that is not one is not quoted back: COFFER_API_URL and COFFER_TOKEN swapped in a CI
 * configuration would otherwise print the token in the build log.
 */
export function normaliseApiUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new CliError('invalid API URL: expected something like https://coffer.example.com', EXIT.USAGE);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CliError('invalid API URL: use http:// or https://', EXIT.USAGE);
  if (url.username || url.password) throw new CliError('the API URL must not carry credentials; use --token-stdin', EXIT.USAGE);
  url.search = '';
  url.hash = '';
  return url
    .toString()
    .replace(/\/+$/, '')
    .replace(/\/api\/v1$/, '');
}

const HINTS: Partial<Record<ErrorCode, string>> = {
  UNAUTHENTICATED: 'the server rejected the token; run coffer login again or check COFFER_TOKEN',
  PERMISSION_DENIED: 'the token lacks a permission for this',
};

/** What a Coffer server answers (`code` only on an error, and only from servers that send it). */
interface Envelope {
  error: boolean;
  code?: unknown;
  message?: unknown;
  data?: unknown;
}

function parseEnvelope(text: string): Envelope | undefined {
  let value: unknown;
  try {
    value = text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
  return typeof value === 'object' && value !== null && typeof (value as Envelope).error === 'boolean' ? (value as Envelope) : undefined;
}

/**
 * The CliError for an answer that is not a success. A Coffer error answer gives its exit code by
 * its `code`, whatever the HTTP status says; anything else is a proxy's failure (unreachable) or
 * not Coffer at all: a 404 from a web server at the wrong URL is not "secret not found".
 */
function failure(baseUrl: string, response: HttpResponse, envelope: Envelope | undefined): CliError {
  const { status } = response;
  const cannotServe = isServingFailure(status);
  if (!envelope) {
    if (isProxyFailure(status)) return new CliError(`${response.statusText || 'request failed'} (HTTP ${status})`, EXIT.UNREACHABLE);
    return new CliError(`${baseUrl} did not answer like a Coffer server (HTTP ${status}); check the API URL`, EXIT.GENERIC, undefined, cannotServe);
  }
  const code = errorCodeOf(envelope.code, status);
  const message = typeof envelope.message === 'string' && envelope.message ? envelope.message : response.statusText || 'request failed';
  const hint = HINTS[code];
  const exit = EXIT_FOR_CODE[code];
  return new CliError(
    hint ? `${hint}: ${message} (HTTP ${status})` : `${message} (HTTP ${status})`,
    exit,
    envelope.data,
    cannotServe || exit === EXIT.UNREACHABLE,
  );
}

/** What a conditional read answers: still current (304), or the data and the tag of the answer. */
export type Conditional<T> = { notModified: true } | { notModified: false; data: T; etag: string | undefined };

export interface ApiClient {
  request<T = any>(method: string, path: string, body?: unknown): Promise<T>;
  /** A read the server may answer 304 (inject, pull): `etag` is the tag of the answer the caller holds, if any. */
  conditional<T = any>(method: string, path: string, etag: string | undefined): Promise<Conditional<T>>;
}

/** The opaque-tag of an entity-tag: If-None-Match compares weakly (RFC 9110 8.8.3.2). */
const opaque = (etag: string) => (etag.startsWith('W/') ? etag.slice(2) : etag);

/** A client of the API; with an empty `token`, one that calls the public routes (refresh, logout by refresh token) without credentials. */
export function apiClient(baseUrl: string, token: string, timeoutMs = 30_000): ApiClient {
  const checksumKey = token ? integrityKey(token) : undefined;

  async function exchange(method: string, path: string, body: unknown, extra: Record<string, string> = {}): Promise<HttpResponse> {
    const headers: Record<string, string> = { ...(token ? { authorization: `Bearer ${token}` } : {}), accept: 'application/json', ...extra };
    const payload = body === undefined ? undefined : JSON.stringify(body);
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      if (checksumKey) headers[CHECKSUM_HEADER] = requestChecksum(checksumKey, method, `/api/v1${path}`, payload);
    }
    try {
      return await send(new URL(`${baseUrl}/api/v1${path}`), { method, headers, body: payload, timeoutMs });
    } catch (err) {
      const reason = err instanceof NetworkError ? err.reason : 'network error';
      throw new CliError(`cannot reach the Coffer server at ${baseUrl} (${reason})`, EXIT.UNREACHABLE);
    }
  }

  function dataOf<T>(response: HttpResponse): T {
    const envelope = parseEnvelope(response.text);
    const ok = response.status >= 200 && response.status <= 299 && envelope?.error === false;
    if (!ok) throw failure(baseUrl, response, envelope);
    return envelope.data as T;
  }

  return {
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      return dataOf<T>(await exchange(method, path, body));
    },

    async conditional<T>(method: string, path: string, etag: string | undefined): Promise<Conditional<T>> {
      const response = await exchange(method, path, undefined, etag === undefined ? {} : { 'if-none-match': etag });
      // Only a 304 for the tag that was sent means "still current"; any other is not Coffer's answer.
      if (etag !== undefined && response.status === 304 && response.etag !== undefined && opaque(response.etag) === opaque(etag)) {
        return { notModified: true };
      }
      return { notModified: false, data: dataOf<T>(response), etag: response.etag };
    },
  };
}
