/**
 * Single sign-on through the GitHub preset, end to end: passport-github2 in the platform against a
 * stand-in of a GitHub Enterprise Server on loopback (COFFER_GITHUB_URL) that speaks GitHub's OAuth
 * app flow (authorize, access_token with PKCE) and its API (/api/v3/user, /api/v3/user/emails). A
 * newcomer with a verified primary address gets an account; an unverified primary address, a
 * forged state or a code the server refuses leave users, sessions and identities as they were.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, sql } from '@coffer/test-kit/api-assertions';
import { apiClient, startTestPlatform, type Api, type TestPlatform } from '@coffer/test-kit/platform';
import { createBrowser, identityCounts, ssoRefusal } from './sso-provider.js';

const PUBLIC_URL = 'http://coffer.github.test';
const CALLBACK = `${PUBLIC_URL}/api/v1/auth/sso/github/callback`;
const CLIENT = { id: 'coffer-github-app', secret: randomBytes(20).toString('hex') };

interface GithubAccount {
  id: number;
  login: string;
  name: string;
  emails: { email: string; primary: boolean; verified: boolean }[];
}

/** A GitHub Enterprise Server as far as an OAuth app sees it. */
interface StandIn {
  url: string;
  accounts: Map<string, GithubAccount>;
  /** The login the next authorization signs in as (GitHub's own sign-in page is not the app's business). */
  next: string;
  close(): Promise<void>;
}

const body = (req: IncomingMessage) =>
  new Promise<URLSearchParams>((resolve) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => resolve(new URLSearchParams(text)));
  });

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

async function startGithub(): Promise<StandIn> {
  const codes = new Map<string, { login: string; challenge: string; redirectUri: string }>();
  const tokens = new Map<string, string>();
  const standIn = { accounts: new Map<string, GithubAccount>(), next: '' } as StandIn;
  const json = (res: import('node:http').ServerResponse, status: number, value: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
  };
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (req.method === 'GET' && url.pathname === '/login/oauth/authorize') {
      const redirectUri = url.searchParams.get('redirect_uri') ?? '';
      const challenge = url.searchParams.get('code_challenge') ?? '';
      if (url.searchParams.get('client_id') !== CLIENT.id || url.searchParams.get('code_challenge_method') !== 'S256' || !challenge) return json(res, 400, {});
      const code = randomBytes(16).toString('hex');
      codes.set(code, { login: standIn.next, challenge, redirectUri });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      return void res.writeHead(302, { location: back.href }).end();
    }
    if (req.method === 'POST' && url.pathname === '/login/oauth/access_token') {
      const form = await body(req);
      const grant = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const valid =
        grant &&
        form.get('client_id') === CLIENT.id &&
        form.get('client_secret') === CLIENT.secret &&
        form.get('redirect_uri') === grant.redirectUri &&
        s256(form.get('code_verifier') ?? '') === grant.challenge;
      // GitHub answers a bad code with 200 and an error member.
      if (!valid) return json(res, 200, { error: 'bad_verification_code' });
      const token = `gho_${randomBytes(16).toString('hex')}`;
      tokens.set(token, grant.login);
      return json(res, 200, { access_token: token, token_type: 'bearer', scope: 'read:user,user:email' });
    }
    const login = tokens.get((req.headers.authorization ?? '').replace(/^(bearer|token) /i, ''));
    const account = login === undefined ? undefined : standIn.accounts.get(login);
    if (!account) return json(res, 401, { message: 'Bad credentials' });
    if (url.pathname === '/api/v3/user') return json(res, 200, { id: account.id, login: account.login, name: account.name });
    if (url.pathname === '/api/v3/user/emails')
      return json(
        res,
        200,
        account.emails.map((entry) => ({ ...entry, visibility: null })),
      );
    json(res, 404, { message: 'Not Found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  standIn.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  standIn.close = () => new Promise((resolve) => server.close(() => resolve()));
  return standIn;
}

let github: StandIn;
let platform: TestPlatform;
let anonymous: Api;
let counter = 0;

function person(who: string, verified = true) {
  const login = `${who}-${++counter}`;
  const email = `${login}@example.test`;
  github.accounts.set(login, {
    id: 1000 + counter,
    login,
    name: `${who} ${counter}`,
    emails: [
      { email: `${login}@users.noreply.example.test`, primary: false, verified: true },
      { email, primary: true, verified },
    ],
  });
  return { login, email };
}

const counts = () => identityCounts(platform.database.url);

/** Through the gateway and the stand-in, back to the callback; `tamper` may change the callback URL as a browser's owner can. */
async function signIn(login: string, tamper?: (callback: URL) => void) {
  const client = createBrowser(PUBLIC_URL, platform.baseUrl);
  const start = await client.request(`${PUBLIC_URL}/api/v1/auth/sso/github`);
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get('location')!);
  expect(authorize.origin).toBe(github.url);
  expect(authorize.searchParams.get('redirect_uri')).toBe(CALLBACK);
  github.next = login;
  const approved = await client.request(authorize.href);
  expect(approved.status).toBe(302);
  const callback = new URL(approved.headers.get('location')!);
  tamper?.(callback);
  const response = await client.request(callback.href, { headers: { accept: 'application/json' } });
  return { response, session: client.cookie(PUBLIC_URL, 'coffer_web_session') };
}

const refusal = ssoRefusal;

beforeAll(async () => {
  github = await startGithub();
  platform = await startTestPlatform({
    env: { COFFER_PUBLIC_URL: PUBLIC_URL, COFFER_GITHUB_URL: github.url, COFFER_GITHUB_CLIENT_ID: CLIENT.id, COFFER_GITHUB_CLIENT_SECRET: CLIENT.secret },
  });
  anonymous = apiClient(platform.baseUrl);
});

afterAll(async () => {
  await platform?.stop();
  await github?.close();
});

describe('signing in with GitHub', () => {
  it('makes an account for the verified primary address of a newcomer, and the same one next time', async () => {
    const { login, email } = person('octocat');
    const before = await counts();
    const first = await signIn(login);
    expect(first.response.status).toBe(303);
    const who = expectOk(await anonymous('GET', '/me', { token: first.session! }));
    expect(who).toMatchObject({ kind: 'user', user: { email, emailVerified: true } });
    expect(await counts()).toEqual({
      users: String(Number(before!.users) + 1),
      sessions: String(Number(before!.sessions) + 1),
      identities: String(Number(before!.identities) + 1),
    });
    const again = await signIn(login);
    expect(expectOk(await anonymous('GET', '/me', { token: again.session! })).user.id).toBe(who.user.id);
  });

  it('refuses a primary address GitHub has not verified, even beside a verified one, and makes nothing', async () => {
    const { login, email } = person('unverified', false);
    const before = await counts();
    const { response, session } = await signIn(login);
    expect(await refusal(response, 403)).toMatch(/verified/);
    expect(session).toBeUndefined();
    expect(await counts()).toEqual(before);
    expect(await sql(platform.database.url, 'select 1 from users where email = $1', [email])).toEqual([]);
  });

  it('refuses a forged state and a code GitHub does not honour, and makes nothing', async () => {
    const before = await counts();
    const forged = await signIn(person('forged').login, (callback) => callback.searchParams.set('state', 'a-state-of-another-flow-0123456789'));
    expect(await refusal(forged.response, 400)).toMatch(/not started in this browser/);
    expect(forged.session).toBeUndefined();
    const badCode = await signIn(person('bad-code').login, (callback) => callback.searchParams.set('code', 'a-code-github-never-issued'));
    // Refused, not "unreachable": trying again with that code would not help.
    expect(await refusal(badCode.response, 401)).toMatch(/refused the sign-in/);
    expect(badCode.session).toBeUndefined();
    expect(await counts()).toEqual(before);
  });
});
