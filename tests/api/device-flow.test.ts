/**
 * The device authorization grant (RFC 8628) over HTTP, as an OAuth client, the person approving in
 * a browser (its forms posted as a browser would) and an attacker see it: the two OAuth endpoints
 * with their own field names, the approval page's sign-in, CSRF defences and decisions.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, sql, waitFor } from '@coffer/test-kit/api-assertions';
import { apiClient, startTestPlatform, type Api, type TestPlatform } from '@coffer/test-kit/platform';

const PUBLIC_URL = 'http://coffer.example.test';
const PASSWORD = 'correct horse battery staple 7';
const EMAIL = 'founder@example.test';
const GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
let platform: TestPlatform;
let anonymous: Api;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** A POST of OAuth parameters, form-encoded as RFC 8628 says (or JSON), answering status and the parsed body. */
async function oauth(path: string, params: Record<string, string>, as: 'form' | 'json' = 'form') {
  const response = await fetch(`${platform.baseUrl}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': as === 'form' ? 'application/x-www-form-urlencoded' : 'application/json' },
    body: as === 'form' ? new URLSearchParams(params).toString() : JSON.stringify(params),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, any> };
}

const startDevice = async (clientName = 'coffer CLI on build-01') => {
  const answer = await oauth('/auth/device/code', { client_id: 'coffer-cli', client_name: clientName });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body as {
    device_code: string;
    user_code: string;
    verification_uri: string;
    verification_uri_complete: string;
    expires_in: number;
    interval: number;
  };
};
const poll = (deviceCode: string) => oauth('/auth/device/token', { grant_type: GRANT, device_code: deviceCode, client_id: 'coffer-cli' });

/** A browser's cookie jar and form posts, from this site (Origin and Sec-Fetch-Site as a browser sends them). */
function browser() {
  const cookies = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair!.indexOf('=');
      cookies.set(pair!.slice(0, index), pair!.slice(index + 1));
    }
  };
  const cookieHeader = () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  return {
    cookies,
    async get(path: string) {
      const response = await fetch(`${platform.baseUrl}${path}`, { headers: { cookie: cookieHeader() }, redirect: 'manual' });
      keep(response);
      return { status: response.status, headers: response.headers, text: await response.text() };
    },
    async post(path: string, form: Record<string, string>, headers: Record<string, string> = { origin: platform.baseUrl, 'sec-fetch-site': 'same-origin' }) {
      const response = await fetch(`${platform.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(), ...headers },
        body: new URLSearchParams(form).toString(),
        redirect: 'manual',
      });
      keep(response);
      return { status: response.status, headers: response.headers, text: await response.text() };
    },
  };
}

const hidden = (page: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(page)?.[1] ?? '';

/** Signs the browser in on the page (no second factor on this account), landing on the code's confirmation. */
async function signedInBrowser(userCode: string) {
  const b = browser();
  const signIn = await b.get(`/device?user_code=${userCode}`);
  expect(signIn.status).toBe(200);
  const posted = await b.post('/device/login', { csrf: hidden(signIn.text, 'csrf'), user_code: userCode, email: EMAIL, password: PASSWORD });
  expect(posted.status, posted.text).toBe(303);
  expect(posted.headers.get('location')).toBe(`/device?user_code=${userCode}`);
  return b;
}

async function decide(userCode: string, action: 'approve' | 'deny') {
  const b = await signedInBrowser(userCode);
  const page = await b.get(`/device?user_code=${userCode}`);
  expect(page.status).toBe(200);
  const done = await b.post(`/device/${action}`, { csrf: hidden(page.text, 'csrf'), user_code: userCode });
  expect(done.status, done.text).toBe(200);
  return { b, page, done };
}

const statusOf = async (userCode: string) =>
  (
    await sql<{ status: string }>(platform.database.url, 'select status from device_authorizations where user_code_hash = $1', [
      sha256(userCode.replace('-', '')),
    ])
  )[0]?.status;

beforeAll(async () => {
  platform = await startTestPlatform({ env: { COFFER_PUBLIC_URL: PUBLIC_URL } });
  anonymous = apiClient(platform.baseUrl);
  expectOk(await anonymous('POST', '/bootstrap', { body: { org: 'acme', project: 'api', owner: { email: EMAIL, password: PASSWORD } } }), 201);
});

afterAll(async () => {
  await platform?.stop();
});

describe('POST /auth/device/code', () => {
  it('answers RFC 8628 fields: a device code, a short user code, where to approve it, its lifetime and the interval; only hashes are stored', async () => {
    const answer = await oauth('/auth/device/code', { client_id: 'coffer-cli' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const body = answer.body;
    expect(Object.keys(body).sort()).toEqual(['device_code', 'expires_in', 'interval', 'user_code', 'verification_uri', 'verification_uri_complete']);
    expect(body.device_code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.user_code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    expect(body).toMatchObject({
      verification_uri: `${PUBLIC_URL}/device`,
      verification_uri_complete: `${PUBLIC_URL}/device?user_code=${body.user_code}`,
      expires_in: 600,
      interval: 5,
    });
    const rows = await sql(platform.database.url, 'select * from device_authorizations');
    expect(JSON.stringify(rows)).not.toContain(body.device_code);
    expect(JSON.stringify(rows)).not.toContain(body.user_code.replace('-', ''));
    expect(await statusOf(body.user_code)).toBe('pending');
  });

  it('takes JSON too, and refuses a request without client_id as invalid_request (400, OAuth fields, no envelope)', async () => {
    expect((await oauth('/auth/device/code', { client_id: 'coffer-cli' }, 'json')).status).toBe(200);
    const refused = await oauth('/auth/device/code', {});
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ error: 'invalid_request', error_description: expect.stringContaining('client_id') });
  });

  it('is announced in the authorization server metadata (RFC 8414)', async () => {
    const metadata = await (await fetch(`${platform.baseUrl}/.well-known/oauth-authorization-server`)).json();
    expect(metadata).toMatchObject({
      device_authorization_endpoint: `${PUBLIC_URL}/api/v1/auth/device/code`,
      token_endpoint: `${PUBLIC_URL}/api/v1/auth/device/token`,
      grant_types_supported: [GRANT],
    });
  });
});

describe('POST /auth/device/token', () => {
  it('answers authorization_pending, then slow_down (interval + 5 s) to a poll that comes too soon', async () => {
    const device = await startDevice();
    const first = await poll(device.device_code);
    expect(first.status).toBe(400);
    expect(first.body).toMatchObject({ error: 'authorization_pending' });
    const hasty = await poll(device.device_code);
    expect(hasty.status).toBe(400);
    expect(hasty.body).toMatchObject({ error: 'slow_down', interval: 10 });
    const again = await poll(device.device_code);
    expect(again.body).toMatchObject({ error: 'slow_down', interval: 15 });
  });

  it('answers the tokens of a session for the approving person once, after approval on the page; then invalid_grant', async () => {
    const device = await startDevice('coffer CLI on laptop-7');
    await poll(device.device_code);
    const { page, done } = await decide(device.user_code, 'approve');
    expect(page.text).toContain('coffer CLI on laptop-7');
    expect(page.text).toContain(device.user_code);
    expect(done.text).toContain('Device approved');

    const granted = await poll(device.device_code);
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    expect(Object.keys(granted.body).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'token_type']);
    expect(granted.body).toMatchObject({ token_type: 'Bearer', expires_in: 900, refresh_token: expect.stringMatching(/^coffer_rt_/) });
    const person = apiClient(platform.baseUrl, granted.body.access_token);
    expect(expectOk(await person('GET', '/me'))).toMatchObject({ kind: 'user', user: { email: EMAIL } });
    const sessions = expectOk(await person('GET', '/me/sessions')).sessions;
    const current = sessions.find((session: { current: boolean }) => session.current);
    expect(current).toMatchObject({
      method: 'device',
      clientName: 'coffer CLI on laptop-7',
      secondFactor: false,
    });
    // A sign-in in the organisation's trail like any other, with the session it opened.
    const signIn = await waitFor(async () => {
      const rows = await sql<{ action: string; outcome: string }>(platform.database.url, 'select action, outcome from audit_logs where resource like $1', [
        `users/%/sessions/${current.id}`,
      ]);
      return rows.length > 0 ? rows : undefined;
    }, 'the device sign-in in the trail');
    expect(signIn).toEqual([{ action: 'auth.sign-in.device', outcome: 'success' }]);
    // The refresh token rotates like any session's.
    expect(expectOk(await anonymous('POST', '/auth/refresh', { body: { refreshToken: granted.body.refresh_token } })).refreshToken).toMatch(/^coffer_rt_/);

    const replay = await poll(device.device_code);
    expect(replay.status).toBe(400);
    expect(replay.body.error).toBe('invalid_grant');
    expect(replay.body).not.toHaveProperty('access_token');
    expect(await statusOf(device.user_code)).toBe('consumed');
  });

  it('answers access_denied once the person denies, and opens no session', async () => {
    const device = await startDevice();
    const { done } = await decide(device.user_code, 'deny');
    expect(done.text).toContain('Request denied');
    const denied = await poll(device.device_code);
    expect(denied.status).toBe(400);
    expect(denied.body).toMatchObject({ error: 'access_denied' });
    expect(await statusOf(device.user_code)).toBe('denied');
  });

  it('answers expired_token once the code has expired, and the page no longer finds it', async () => {
    const device = await startDevice();
    await sql(platform.database.url, `update device_authorizations set expires_at = now() - interval '1 second' where user_code_hash = $1`, [
      sha256(device.user_code.replace('-', '')),
    ]);
    expect((await poll(device.device_code)).body).toMatchObject({ error: 'expired_token' });
    const b = await signedInBrowser(device.user_code);
    expect((await b.get(`/device?user_code=${device.user_code}`)).status).toBe(404);
  });

  it('refuses another grant_type (unsupported_grant_type), an unknown device code (invalid_grant) and a missing one (invalid_request)', async () => {
    const device = await startDevice();
    expect(await oauth('/auth/device/token', { grant_type: 'password', device_code: device.device_code })).toMatchObject({
      status: 400,
      body: { error: 'unsupported_grant_type' },
    });
    expect(await oauth('/auth/device/token', { grant_type: GRANT, device_code: 'A'.repeat(43) })).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
    });
    expect(await oauth('/auth/device/token', { grant_type: GRANT, device_code: 'not a code' })).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
    });
    expect(await oauth('/auth/device/token', { grant_type: GRANT })).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    // A parameter given twice is ambiguous (RFC 6749 §3.2).
    const twice = await fetch(`${platform.baseUrl}/api/v1/auth/device/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=${encodeURIComponent(GRANT)}&device_code=${device.device_code}&device_code=other`,
    });
    expect(twice.status).toBe(400);
  });
});

describe('the approval page', () => {
  it('serves plain pages under a strict Content-Security-Policy, escaping what the device says it is', async () => {
    const device = await startDevice('<script>alert(1)</script> "quoted"');
    const b = await signedInBrowser(device.user_code);
    const page = await b.get(`/device?user_code=${device.user_code.toLowerCase().replace('-', ' ')}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    expect(page.text).not.toContain('<script>');
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot;');
    expect(page.text).not.toMatch(/<script/i);
  });

  it('refuses a decision without the form token, or from another site (403), and changes nothing', async () => {
    const device = await startDevice();
    const b = await signedInBrowser(device.user_code);
    const page = await b.get(`/device?user_code=${device.user_code}`);
    const csrf = hidden(page.text, 'csrf');
    expect((await b.post('/device/approve', { user_code: device.user_code })).status).toBe(403);
    expect((await b.post('/device/approve', { user_code: device.user_code, csrf: 'A'.repeat(43) })).status).toBe(403);
    expect(
      (await b.post('/device/approve', { user_code: device.user_code, csrf }, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })).status,
    ).toBe(403);
    expect((await b.post('/device/approve', { user_code: device.user_code, csrf }, { 'sec-fetch-site': 'same-site' })).status).toBe(403);
    // Signing in needs the pre-session token too (login CSRF).
    expect((await browser().post('/device/login', { email: EMAIL, password: PASSWORD, user_code: device.user_code })).status).toBe(403);
    expect(await statusOf(device.user_code)).toBe('pending');
    expect((await poll(device.device_code)).body.error).toBe('authorization_pending');
  });

  it('says so on a wrong password, without signing in', async () => {
    const b = browser();
    const signIn = await b.get('/device');
    const refused = await b.post('/device/login', { csrf: hidden(signIn.text, 'csrf'), user_code: '', email: EMAIL, password: 'wrong password 123' });
    expect(refused.status).toBe(401);
    expect(refused.text).toContain('Wrong email or password');
    expect(b.cookies.has('coffer_web_session')).toBe(false);
  });

  it('stops looking codes up for a session that tried five that match nothing', async () => {
    const device = await startDevice();
    const b = await signedInBrowser(device.user_code);
    for (let i = 0; i < 5; i++) expect((await b.get('/device?user_code=BBBB-BBBB')).status).toBe(404);
    expect((await b.get(`/device?user_code=${device.user_code}`)).status).toBe(429);
    expect(await statusOf(device.user_code)).toBe('pending');
  });
});
