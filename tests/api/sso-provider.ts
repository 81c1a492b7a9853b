/**
 * A real OpenID Connect provider (oidc-provider) on loopback for the single sign-on suite, and a
 * small browser that drives a sign-in through it with plain HTTP: redirects followed by hand, a
 * cookie jar, and the provider's login and consent forms submitted as a person would; and what
 * both single sign-on suites check of a refusal.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Account } from 'oidc-provider';
import { expect } from 'vitest';
import { sql } from '@coffer/test-kit/api-assertions';

export interface TestAccount {
  email: string;
  emailVerified: boolean;
  name: string;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** People the provider knows, by their login (their `sub`); add before they sign in. */
  accounts: Map<string, TestAccount>;
  /** Seconds an authorization code lives (oidc-provider reads it for every code it issues). */
  codeTtlSeconds: number;
  close(): Promise<void>;
}

export async function startOidcProvider(redirectUri: string): Promise<TestOidcProvider> {
  // The issuer names the port, so the server listens before the provider exists.
  let handler: RequestListener | undefined;
  const server: Server = createServer((req, res) => handler?.(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = new Map<string, TestAccount>();
  const state: TestOidcProvider = {
    issuer,
    clientId: 'coffer-gateway',
    clientSecret: 'test-provider-client-secret-0123456789abcdef',
    accounts,
    codeTtlSeconds: 60,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: state.clientId,
        client_secret: state.clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    async findAccount(_ctx: unknown, id: string): Promise<Account | undefined> {
      const account = accounts.get(id);
      if (!account) return undefined;
      return { accountId: id, claims: () => ({ sub: id, email: account.email, email_verified: account.emailVerified, name: account.name }) };
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // Read at every code: one test shortens it to see an expired code refused.
    ttl: { AuthorizationCode: () => state.codeTtlSeconds },
    pkce: { required: () => true },
    cookies: { keys: ['cookie key of the test provider'] },
    features: { devInteractions: { enabled: true } },
  });
  // The development-only interactions warn at start and log their views' errors; the suite needs neither.
  provider.on('server_error', () => undefined);
  handler = provider.callback();
  return state;
}

/**
 * A browser, as far as sign-in needs one: cookies per origin (a cookie cleared or expired is
 * dropped), and `publicOrigin` reached at `gatewayOrigin` as a load balancer in front would.
 */
export function createBrowser(publicOrigin: string, gatewayOrigin: string) {
  const jar = new Map<string, Map<string, string>>();
  const reach = (url: string) => (url.startsWith(publicOrigin) ? gatewayOrigin + url.slice(publicOrigin.length) : url);

  function remember(url: string, response: Response): void {
    const origin = new URL(url).origin;
    const cookies = jar.get(origin) ?? new Map<string, string>();
    jar.set(origin, cookies);
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expired = attributes.some((attribute) => {
        const [key = '', val = ''] = attribute.trim().split('=');
        if (key.toLowerCase() === 'max-age') return Number(val) <= 0;
        if (key.toLowerCase() === 'expires') return new Date(val).getTime() <= Date.now();
        return false;
      });
      if (expired || value === '') cookies.delete(name);
      else cookies.set(name, value);
    }
  }

  async function request(url: string, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Response> {
    const target = reach(url);
    const cookies = jar.get(new URL(target).origin);
    const headers: Record<string, string> = { accept: 'text/html', ...init.headers };
    if (cookies?.size) headers.cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(target, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      redirect: 'manual',
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    });
    remember(target, response);
    return response;
  }

  return {
    request,
    /** The value of a cookie the browser holds for the origin `url` is reached at. */
    cookie: (url: string, name: string) => jar.get(new URL(reach(url)).origin)?.get(name),
    /** Cookies of one origin, to be replayed by another browser (an attacker who stole or planted them). */
    cookiesOf: (url: string) => new Map(jar.get(new URL(reach(url)).origin) ?? []),
    setCookies(url: string, cookies: Map<string, string>) {
      jar.set(new URL(reach(url)).origin, new Map(cookies));
    },
    reach,
  };
}

export type Browser = ReturnType<typeof createBrowser>;

const locationOf = (response: Response, base: string) => new URL(response.headers.get('location') ?? '', base).href;

/**
 * At the provider from its authorization URL until it redirects back to `callbackPrefix`: signs in
 * as `login` and consents when asked. Answers the callback URL, not yet visited.
 */
export async function throughProvider(browser: Browser, authorizeUrl: string, login: string, callbackPrefix: string): Promise<string> {
  let url = authorizeUrl;
  for (let step = 0; step < 12; step++) {
    if (url.startsWith(callbackPrefix)) return url;
    const response = await browser.request(url);
    if (response.status >= 300 && response.status < 400) {
      url = locationOf(response, url);
      continue;
    }
    const page = await response.text();
    if (response.status !== 200) throw new Error(`the provider answered ${response.status} at step ${step}`);
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    const prompt = /name="prompt" value="([a-z]+)"/.exec(page)?.[1];
    if (!action || !prompt) throw new Error('the provider showed a page without its form');
    const form: Record<string, string> = prompt === 'login' ? { prompt, login, password: 'any password' } : { prompt };
    const submitted = await browser.request(new URL(action, url).href, { form });
    if (submitted.status < 300 || submitted.status >= 400) throw new Error(`the provider answered ${submitted.status} to its ${prompt} form`);
    url = locationOf(submitted, url);
  }
  throw new Error('the provider never redirected back');
}

/** How many people, sessions and linked identities there are: what a refused sign-in must leave as it was. */
export async function identityCounts(databaseUrl: string) {
  const [row] = await sql<{ users: string; sessions: string; identities: string }>(
    databaseUrl,
    'select (select count(*) from users)::text as users, (select count(*) from sessions)::text as sessions, (select count(*) from user_identities)::text as identities',
  );
  return row;
}

/** A refusal page in the gateway's own words, as JSON: the status, no redirect, the envelope; answers its message. */
export async function ssoRefusal(response: Response, status: number): Promise<string> {
  expect(response.status).toBe(status);
  expect(response.headers.get('location')).toBeNull();
  const body = (await response.json()) as { error: boolean; code: string; message: string };
  expect(body.error).toBe(true);
  return body.message;
}
