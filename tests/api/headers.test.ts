import { beforeAll, describe, expect, it } from 'vitest';
import { expectOk, scopePath } from '@coffer/test-kit/api-assertions';
import { seedOrg, usePlatform } from '@coffer/test-kit/fixtures';

const platform = usePlatform();
let token: string;
const scope = scopePath('acme', 'api', 'development');

beforeAll(async () => {
  ({ token } = await seedOrg(platform, { org: 'acme', project: 'api' }));
  const created = await fetch(`${platform.baseUrl}/api/v1${scope}/secrets/HEADER_SECRET`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ value: 'header-secret-value' }),
  });
  expect(created.status).toBe(201);
});

type Call = { name: string; method: string; path: string; status: number; auth?: boolean; body?: string; headers?: Record<string, string> };

/** One request of every kind of answer: success, each client error, outside the API. */
const CALLS: Call[] = [
  { name: 'revealed secret', method: 'GET', path: `/api/v1${scope}/secrets/HEADER_SECRET?reveal=true`, status: 200, auth: true },
  { name: 'inject', method: 'POST', path: `/api/v1${scope}/inject`, status: 200, auth: true },
  { name: 'created secret', method: 'POST', path: `/api/v1${scope}/secrets/HEADER_NEW`, status: 201, auth: true, body: '{"value":"v"}' },
  { name: 'bad input', method: 'POST', path: `/api/v1${scope}/secrets/HEADER_NEW`, status: 400, auth: true, body: '{"value":1}' },
  { name: 'malformed JSON', method: 'POST', path: `/api/v1${scope}/secrets/HEADER_NEW`, status: 400, auth: true, body: '{' },
  { name: 'no token', method: 'GET', path: `/api/v1${scope}/secrets`, status: 401 },
  { name: 'unknown secret', method: 'GET', path: `/api/v1${scope}/secrets/NOPE`, status: 404, auth: true },
  { name: 'unknown API route', method: 'GET', path: '/api/v1/nope', status: 404, auth: true },
  { name: 'unknown route', method: 'GET', path: '/nope', status: 404 },
  { name: 'conflict', method: 'POST', path: `/api/v1${scope}/secrets/HEADER_SECRET`, status: 409, auth: true, body: '{"value":"v","expectedVersion":0}' },
  {
    name: 'oversized',
    method: 'POST',
    path: `/api/v1${scope}/secrets/HEADER_NEW`,
    status: 413,
    auth: true,
    body: JSON.stringify({ value: 'x'.repeat(600_000) }),
  },
  { name: 'bootstrap again', method: 'POST', path: '/api/v1/bootstrap', status: 409, body: '{}' },
  { name: 'healthz', method: 'GET', path: '/healthz', status: 200 },
  { name: 'readyz', method: 'GET', path: '/readyz', status: 200 },
];

async function call(c: Call): Promise<Response> {
  const headers: Record<string, string> = { ...c.headers };
  if (c.auth) headers.authorization = `Bearer ${token}`;
  if (c.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${platform.baseUrl}${c.path}`, { method: c.method, headers, body: c.body });
  expect(response.status, c.name).toBe(c.status);
  return response;
}

describe('on every answer', () => {
  for (const c of CALLS) {
    it(`${c.name} (${c.status}): X-Request-Id, security headers, no-store, a JSON envelope`, async () => {
      const response = await call(c);
      expect(response.headers.get('x-request-id'), c.name).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-powered-by')).toBeNull();
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await response.json()) as { error: boolean; message: string; data: any; code?: string };
      // A failure carries its stable code too; a success does not.
      expect(Object.keys(body).sort()).toEqual(c.status >= 400 ? ['code', 'data', 'error', 'message'] : ['data', 'error', 'message']);
      expect(body.error).toBe(c.status >= 400);
    });
  }

  it('gives each request its own id', async () => {
    const ids = new Set<string | null>();
    for (let i = 0; i < 5; i++) ids.add((await fetch(`${platform.baseUrl}/healthz`)).headers.get('x-request-id'));
    expect(ids.size).toBe(5);
  });

  it('echoes a well-formed caller X-Request-Id and replaces a malformed one', async () => {
    const echo = async (id: string) => (await fetch(`${platform.baseUrl}/healthz`, { headers: { 'x-request-id': id } })).headers.get('x-request-id');
    expect(await echo('trace-0123456789abcdef')).toBe('trace-0123456789abcdef');
    expect(await echo('ci:job.42_step-7')).toBe('ci:job.42_step-7');
    for (const bad of ['short', 'x'.repeat(129), 'has spaces in it', '<script>alert(1)</script>']) {
      const answered = await echo(bad);
      expect(answered).not.toBe(bad);
      expect(answered).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('health', () => {
  it('GET /healthz answers 200 ok', async () => {
    const response = await fetch(`${platform.baseUrl}/healthz`);
    expect(await response.json()).toEqual({ error: false, message: 'ok', data: { status: 'ok' } });
  });

  it('GET /readyz answers 200 with every backend true', async () => {
    const response = await fetch(`${platform.baseUrl}/readyz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { error: boolean; message: string; data: any };
    expect(body.data.status).toBe('ready');
    expect(body.data.checks).toEqual({ auth: true, secret: true, audit: true });
  });

  it('health checks need no token and say nothing about secrets', async () => {
    for (const path of ['/healthz', '/readyz']) {
      const text = await (await fetch(`${platform.baseUrl}${path}`)).text();
      expect(text).not.toContain('header-secret-value');
      expect(text).not.toContain('HEADER_SECRET');
    }
  });

  it('the API under the same server still needs a token', async () => {
    const api = async (path: string) => (await fetch(`${platform.baseUrl}/api/v1${path}`)).status;
    expect(await api('/orgs')).toBe(401);
    expect(await api(`${scope}/secrets/HEADER_SECRET?reveal=true`)).toBe(401);
    const withToken = await fetch(`${platform.baseUrl}/api/v1${scope}/secrets/HEADER_SECRET?reveal=true`, { headers: { authorization: `Bearer ${token}` } });
    expect(
      expectOk({ status: withToken.status, headers: withToken.headers, body: (await withToken.json()) as { error: boolean; message: string; data: any } })
        .value,
    ).toBe('header-secret-value');
  });
});
