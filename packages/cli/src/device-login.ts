import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { CliError, EXIT } from './errors.js';
import { NetworkError, send } from './http.js';

/**
 * The device authorization grant (RFC 8628) from the CLI's side: ask for a code, show it with the
 * page where it is approved, and poll the token endpoint at the interval the server asks for
 * (longer after each slow_down) until it answers the session's tokens, a refusal, or the code expires.
 */

export const CLIENT_ID = 'coffer-cli';
const GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const REQUEST_TIMEOUT_MS = 15_000;

export interface DeviceTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

interface Issued {
  device_code: string;
  user_code: string;
  verification_uri: string;
  verification_uri_complete?: string;
  expires_in: number;
  interval?: number;
}

export interface DeviceLoginOptions {
  /** Shows the code and the page to the person (already made terminal-safe by the caller). */
  show(issued: { userCode: string; verificationUri: string; verificationUriComplete: string; expiresIn: number }): void;
  openBrowser: boolean;
  sleep?: (ms: number) => Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function postForm(apiUrl: string, path: string, form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> | undefined }> {
  let response;
  try {
    response = await send(new URL(`${apiUrl}/api/v1${path}`), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      timeoutMs: REQUEST_TIMEOUT_MS,
    });
  } catch (err) {
    throw new CliError(`cannot reach the Coffer server at ${apiUrl} (${err instanceof NetworkError ? err.reason : 'network error'})`, EXIT.UNREACHABLE);
  }
  let body: unknown;
  try {
    body = JSON.parse(response.text);
  } catch {
    body = undefined;
  }
  return { status: response.status, body: typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined };
}

const isHttpUrl = (text: unknown): text is string => {
  if (typeof text !== 'string') return false;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
};

function checkIssued(apiUrl: string, body: Record<string, unknown> | undefined): Issued {
  const ok =
    body &&
    typeof body.device_code === 'string' &&
    typeof body.user_code === 'string' &&
    isHttpUrl(body.verification_uri) &&
    typeof body.expires_in === 'number' &&
    (body.verification_uri_complete === undefined || isHttpUrl(body.verification_uri_complete));
  if (!ok) throw new CliError(`${apiUrl} did not answer like a Coffer server (no device login); check the API URL`, EXIT.GENERIC);
  return body as unknown as Issued;
}

/**
 * Opens the page in the person's browser where there is one to open (a desktop session), never
 * through a shell: the URL is the server's. A failure to open changes nothing; the URL is printed.
 */
export function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['rundll32', ['url.dll,FileProtocolHandler', url]] : ['xdg-open', [url]];
  if (process.platform !== 'darwin' && process.platform !== 'win32' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No opener on this machine: the printed URL is enough.
  }
}

export async function deviceLogin(apiUrl: string, options: DeviceLoginOptions): Promise<DeviceTokens> {
  const wait = options.sleep ?? sleep;
  const started = await postForm(apiUrl, '/auth/device/code', { client_id: CLIENT_ID, client_name: `coffer CLI on ${hostname().slice(0, 64)}` });
  if (started.status !== 200)
    throw new CliError(`${apiUrl} refused to start a device login (HTTP ${started.status})`, started.status >= 500 ? EXIT.UNREACHABLE : EXIT.GENERIC);
  const issued = checkIssued(apiUrl, started.body);
  const complete = issued.verification_uri_complete ?? issued.verification_uri;
  options.show({ userCode: issued.user_code, verificationUri: issued.verification_uri, verificationUriComplete: complete, expiresIn: issued.expires_in });
  if (options.openBrowser) openInBrowser(complete);

  const deadline = Date.now() + issued.expires_in * 1000;
  let interval = Math.max(1, issued.interval ?? 5);
  for (;;) {
    await wait(interval * 1000);
    if (Date.now() > deadline) throw new CliError('the code expired before it was approved: run coffer login again', EXIT.UNAUTHENTICATED);
    let answer;
    try {
      answer = await postForm(apiUrl, '/auth/device/token', { grant_type: GRANT, device_code: issued.device_code, client_id: CLIENT_ID });
    } catch (err) {
      // The network may come back before the code expires: keep polling, more slowly (RFC 8628 §3.5).
      if (err instanceof CliError && err.code === EXIT.UNREACHABLE) {
        interval = Math.min(interval * 2, 60);
        continue;
      }
      throw err;
    }
    const body = answer.body ?? {};
    if (answer.status === 200) {
      const { access_token: accessToken, refresh_token: refreshToken, expires_in: expiresIn } = body;
      if (typeof accessToken !== 'string' || typeof refreshToken !== 'string' || typeof expiresIn !== 'number') {
        throw new CliError(`${apiUrl} did not answer like a Coffer server (no tokens); check the API URL`, EXIT.GENERIC);
      }
      return { accessToken, refreshToken, expiresIn };
    }
    switch (body.error) {
      case 'authorization_pending':
        continue;
      case 'slow_down':
        interval = typeof body.interval === 'number' && body.interval > interval ? body.interval : interval + 5;
        continue;
      case 'access_denied':
        throw new CliError('the login was denied in the browser', EXIT.UNAUTHENTICATED);
      case 'expired_token':
        throw new CliError('the code expired before it was approved: run coffer login again', EXIT.UNAUTHENTICATED);
      default:
        if (answer.status >= 500) {
          interval = Math.min(interval * 2, 60);
          continue;
        }
        throw new CliError(`the server refused the device login (HTTP ${answer.status}): run coffer login again`, EXIT.UNAUTHENTICATED);
    }
  }
}
