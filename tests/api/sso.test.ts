/**
 * Single sign-on through a generic OpenID Connect provider, end to end: a real provider
 * (oidc-provider) on loopback, the whole platform, and a browser driven with plain HTTP. A newcomer,
 * a returning person, accounts linked by address (and the pre-hijacking defence), and what an
 * attacker tries: an unverified address, another request's nonce, an expired code, a forged state,
 * an open redirect. Each refusal leaves users, sessions and identities as they were.
 */
import { generate } from 'otplib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectError, expectOk, sql } from '@coffer/test-kit/api-assertions';
import { apiClient, startTestPlatform, type Api, type TestPlatform } from '@coffer/test-kit/platform';
import { startSmtpServer, type TestSmtpServer } from '@coffer/test-kit/smtp';
import { createBrowser, identityCounts, ssoRefusal, startOidcProvider, throughProvider, type Browser, type TestOidcProvider } from './sso-provider.js';

const PUBLIC_URL = 'http://coffer.sso.test';
const CALLBACK = `${PUBLIC_URL}/api/v1/auth/sso/oidc/callback`;
const SIGNED_IN = '/api/v1/auth/sso/signed-in';
const SECOND_FACTOR = '/api/v1/auth/sso/2fa';
const PASSWORD = 'correct horse battery staple 7';

let smtp: TestSmtpServer;
let idp: TestOidcProvider;
let platform: TestPlatform;
let anonymous: Api;
let counter = 0;

/** A person the provider knows, with a fresh login and address. */
function person(who: string, emailVerified = true, email = `${who}-${++counter}@example.test`) {
  const login = `${who}-${counter}`;
  idp.accounts.set(login, { email, emailVerified, name: `${who} ${counter}` });
  return { login, email };
}

const browser = () => createBrowser(PUBLIC_URL, platform.baseUrl);

/** Starts at the gateway; answers the provider's authorization URL. */
async function start(client: Browser, returnTo?: string): Promise<URL> {
  const query = returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`;
  const response = await client.request(`${PUBLIC_URL}/api/v1/auth/sso/oidc${query}`);
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get('location')!);
  expect(location.origin).toBe(idp.issuer);
  return location;
}

/** A whole sign-in; `tamper` may change the authorization URL (as the browser's owner can) or the callback URL. */
async function signIn(login: string, options: { client?: Browser; returnTo?: string; tamperAuthorize?(url: URL): void; tamperCallback?(url: URL): void } = {}) {
  const client = options.client ?? browser();
  const authorize = await start(client, options.returnTo);
  options.tamperAuthorize?.(authorize);
  const callback = new URL(await throughProvider(client, authorize.href, login, CALLBACK));
  options.tamperCallback?.(callback);
  const response = await client.request(callback.href, { headers: { accept: 'application/json' } });
  return { client, response, session: client.cookie(PUBLIC_URL, 'coffer_web_session') };
}

async function me(accessToken: string) {
  return expectOk(await anonymous('GET', '/me', { token: accessToken }));
}

const counts = () => identityCounts(platform.database.url);
const refusal = ssoRefusal;

async function signUp(email: string, verify: boolean): Promise<void> {
  expectOk(await anonymous('POST', '/auth/signup', { body: { email, password: PASSWORD } }), 202);
  const mail = await smtp.nextMessage(email);
  if (verify) expectOk(await anonymous('POST', '/auth/verify-email', { body: { token: new URL(mail.links[0]!).searchParams.get('token') } }));
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  idp = await startOidcProvider(CALLBACK);
  platform = await startTestPlatform({
    env: {
      COFFER_PUBLIC_URL: PUBLIC_URL,
      COFFER_SMTP_URL: smtp.url,
      COFFER_OIDC_ISSUER: idp.issuer,
      COFFER_OIDC_CLIENT_ID: idp.clientId,
      COFFER_OIDC_CLIENT_SECRET: idp.clientSecret,
    },
  });
  anonymous = apiClient(platform.baseUrl);
});

afterAll(async () => {
  await platform?.stop();
  await idp?.close();
  await smtp?.close();
});

beforeEach(() => {
  idp.codeTtlSeconds = 60;
});

describe('signing in', () => {
  it('sends the browser to the provider with a state, a nonce and a PKCE S256 challenge, kept in a sealed cookie', async () => {
    const client = browser();
    const authorize = await start(client);
    expect(authorize.searchParams.get('redirect_uri')).toBe(CALLBACK);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    for (const param of ['state', 'nonce', 'code_challenge']) expect(authorize.searchParams.get(param)?.length).toBeGreaterThanOrEqual(22);
    const flow = client.cookie(PUBLIC_URL, 'coffer_sso_flow')!;
    for (const param of ['state', 'nonce', 'code_challenge']) expect(flow).not.toContain(authorize.searchParams.get(param));
  });

  it('makes a verified account for a newcomer and gives the browser a session', async () => {
    const { login, email } = person('newcomer');
    const before = await counts();
    const { response, session, client } = await signIn(login);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(SIGNED_IN);
    expect(client.cookie(PUBLIC_URL, 'coffer_sso_flow')).toBeUndefined();
    const who = await me(session!);
    expect(who).toMatchObject({ kind: 'user', user: { email, emailVerified: true } });
    expect(await counts()).toEqual({
      users: String(Number(before!.users) + 1),
      sessions: String(Number(before!.sessions) + 1),
      identities: String(Number(before!.identities) + 1),
    });
    const page = await client.request(`${PUBLIC_URL}${SIGNED_IN}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('You are signed in');
  });

  it('signs a returning person in to the same account', async () => {
    const { login } = person('returning');
    const first = await me((await signIn(login)).session!);
    const second = await me((await signIn(login)).session!);
    expect(second.user.id).toBe(first.user.id);
    expect(second.sessionId).not.toBe(first.sessionId);
  });

  it('links an account whose address was verified here, which keeps its password', async () => {
    const { login, email } = person('verified-owner');
    await signUp(email, true);
    const byPassword = expectOk(await anonymous('POST', '/auth/login', { body: { email, password: PASSWORD } }));
    const owner = await me(byPassword.accessToken);
    expect((await me((await signIn(login)).session!)).user.id).toBe(owner.user.id);
    expectOk(await anonymous('POST', '/auth/login', { body: { email, password: PASSWORD } }));
  });

  it('links an account whose address was never verified only by dropping its password and ending its sessions', async () => {
    // An attacker registered the victim's address first and kept a session open.
    const { login, email } = person('pre-hijacked');
    await signUp(email, false);
    const planted = expectOk(await anonymous('POST', '/auth/login', { body: { email, password: PASSWORD } }));
    const account = await me(planted.accessToken);
    const { session } = await signIn(login);
    expect((await me(session!)).user).toMatchObject({ id: account.user.id, emailVerified: true });
    expectError(await anonymous('POST', '/auth/login', { body: { email, password: PASSWORD } }), 401);
    expectError(await anonymous('GET', '/me', { token: planted.accessToken }), 401);
  });

  it('answers 404 for a provider that is not configured', async () => {
    const response = await browser().request(`${PUBLIC_URL}/api/v1/auth/sso/okta`, { headers: { accept: 'application/json' } });
    await refusal(response, 404);
  });
});

describe('what is refused, changing nothing', () => {
  it('refuses an address the provider has not verified and makes no account', async () => {
    const { login, email } = person('unverified', false);
    const before = await counts();
    const { response, session } = await signIn(login);
    expect(await refusal(response, 403)).toMatch(/verified/);
    expect(session).toBeUndefined();
    expect(await counts()).toEqual(before);
    expect(await sql(platform.database.url, 'select 1 from users where email = $1', [email])).toEqual([]);
  });

  it('refuses an ID token minted for another nonce', async () => {
    const { login } = person('nonce');
    const before = await counts();
    const { response, session } = await signIn(login, { tamperAuthorize: (url) => url.searchParams.set('nonce', 'a-nonce-of-another-request-0123456789') });
    expect(await refusal(response, 401)).toMatch(/could not be verified/);
    expect(session).toBeUndefined();
    expect(await counts()).toEqual(before);
  });

  it('refuses an expired authorization code', async () => {
    const { login } = person('slow');
    idp.codeTtlSeconds = 1;
    const client = browser();
    const callback = await throughProvider(client, (await start(client)).href, login, CALLBACK);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const before = await counts();
    const response = await client.request(callback, { headers: { accept: 'application/json' } });
    expect(await refusal(response, 401)).toMatch(/refused the sign-in/);
    expect(client.cookie(PUBLIC_URL, 'coffer_web_session')).toBeUndefined();
    expect(await counts()).toEqual(before);
  });

  it('refuses a tampered state, and a callback that another browser started', async () => {
    const { login } = person('state');
    const before = await counts();
    const forged = await signIn(login, { tamperCallback: (url) => url.searchParams.set('state', `${url.searchParams.get('state')}x`) });
    expect(await refusal(forged.response, 400)).toMatch(/^state: /);
    // The victim's browser is sent the attacker's callback (login CSRF): it holds no flow of its own.
    const attacker = browser();
    const callback = await throughProvider(attacker, (await start(attacker)).href, login, CALLBACK);
    const victim = browser();
    expect(await refusal(await victim.request(callback, { headers: { accept: 'application/json' } }), 400)).toMatch(/^state: /);
    expect(victim.cookie(PUBLIC_URL, 'coffer_web_session')).toBeUndefined();
    // The flow cookie is single use: the attacker's own callback, once refused elsewhere, still works once.
    expect((await attacker.request(callback, { headers: { accept: 'application/json' } })).status).toBe(303);
    expect(await refusal(await attacker.request(callback, { headers: { accept: 'application/json' } }), 400)).toMatch(/^state: /);
    expect(Number((await counts())!.sessions)).toBe(Number(before!.sessions) + 1);
  });

  it('never follows returnTo off this site, and follows a path on it', async () => {
    for (const returnTo of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)', ' /x']) {
      const response = await browser().request(`${PUBLIC_URL}/api/v1/auth/sso/oidc?returnTo=${encodeURIComponent(returnTo)}`, {
        headers: { accept: 'application/json' },
      });
      const message = await refusal(response, 400);
      expect(message).toMatch(/^returnTo: /);
      expect(message).not.toContain('evil');
    }
    const { login } = person('returner');
    const { response } = await signIn(login, { returnTo: '/device?user_code=ABCD-EFGH' });
    expect(response.headers.get('location')).toBe('/device?user_code=ABCD-EFGH');
  });
});

describe('a person with two-factor authentication', () => {
  it('is asked for the second factor before any session, and gets one with the code', async () => {
    const { login } = person('careful');
    const account = await me((await signIn(login)).session!);
    const first = apiClient(platform.baseUrl, (await signIn(login)).session!);
    const enrolment = expectOk(await first('POST', '/me/2fa'));
    // A code is taken once: the sign-in uses the next step's (the service accepts one step of drift).
    const code = (steps = 0) => generate({ secret: enrolment.secret as string, epoch: Math.floor(Date.now() / 1000) + steps * 30 });
    expectOk(await first('POST', '/me/2fa/confirm', { body: { code: await code() } }));

    const before = await counts();
    const { response, session, client } = await signIn(login, { returnTo: '/after' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(SECOND_FACTOR);
    expect(session).toBeUndefined();
    expect(await counts()).toEqual(before);
    const page = await client.request(`${PUBLIC_URL}${SECOND_FACTOR}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('name="code"');

    const wrong = await client.request(`${PUBLIC_URL}${SECOND_FACTOR}`, { form: { code: '000000' } });
    expect(wrong.status).toBe(401);
    expect(client.cookie(PUBLIC_URL, 'coffer_web_session')).toBeUndefined();
    // Another browser has no challenge to answer, even with a right code.
    expect((await browser().request(`${PUBLIC_URL}${SECOND_FACTOR}`, { form: { code: await code(1) }, headers: { accept: 'application/json' } })).status).toBe(
      401,
    );

    const right = await client.request(`${PUBLIC_URL}${SECOND_FACTOR}`, { form: { code: await code(1) } });
    expect(right.status).toBe(303);
    expect(right.headers.get('location')).toBe('/after');
    expect((await me(client.cookie(PUBLIC_URL, 'coffer_web_session')!)).user.id).toBe(account.user.id);
    // The session says how it was opened: single sign-on, then the second factor.
    const sessions = expectOk(await apiClient(platform.baseUrl, client.cookie(PUBLIC_URL, 'coffer_web_session')!)('GET', '/me/sessions')).sessions;
    expect(sessions.find((entry: { current: boolean }) => entry.current)).toMatchObject({ method: 'sso:oidc', secondFactor: true });
  });
});

describe('what the logs hold', () => {
  it('never the client secret, a code, a state or a token', async () => {
    const { login } = person('logged');
    const client = browser();
    const authorize = await start(client);
    const callback = new URL(await throughProvider(client, authorize.href, login, CALLBACK));
    await client.request(callback.href);
    const logs = platform.logs();
    for (const secret of [
      idp.clientSecret,
      callback.searchParams.get('code')!,
      authorize.searchParams.get('state')!,
      authorize.searchParams.get('nonce')!,
      client.cookie(PUBLIC_URL, 'coffer_web_session')!,
    ]) {
      expect(secret.length).toBeGreaterThan(8);
      expect(logs).not.toContain(secret);
    }
  });
});
