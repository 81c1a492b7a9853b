/**
 * API tokens: what is stored, what is refused, how fast revocation bites, and what a narrow token
 * can and cannot do.
 */
import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateToken, isWellFormedToken } from '@coffer/auth';
import { connectAsOwner } from '@coffer/test-kit/postgres';
import { seedOrg, usePlatform } from '@coffer/test-kit/fixtures';
import { apiClient, type Api } from '@coffer/test-kit/platform';
import { expectCleanError } from '@coffer/test-kit/security';

const SCOPE = '/orgs/acme/projects/api/envs/development';
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const platform = usePlatform();
let admin: Api;
let adminToken: string;
let owner: pg.Client;
const secretValue = `s3cret-${randomBytes(8).toString('hex')}`;

async function issue(name: string, permissions: string[], by: Api = admin): Promise<{ id: string; token: string; api: Api }> {
  const response = await by('POST', '/orgs/acme/tokens', { body: { name, permissions } });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return { id: response.body.data.id, token: response.body.data.token, api: apiClient(platform.baseUrl, response.body.data.token) };
}

/** A request with exactly this Authorization header (or none). */
async function rawRequest(authorization: string | undefined) {
  const response = await fetch(`${platform.baseUrl}/api/v1${SCOPE}/secrets`, { headers: authorization === undefined ? {} : { authorization } });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as { error: boolean; message: string; data: unknown } };
}

beforeAll(async () => {
  ({ api: admin, token: adminToken } = await seedOrg(platform, { org: 'acme', project: 'api' }));
  const set = await admin('POST', `${SCOPE}/secrets/API_KEY`, { body: { value: secretValue } });
  expect(set.status).toBe(201);
  await admin('POST', `${SCOPE}/secrets/API_KEY`, { body: { value: `${secretValue}-v2` } });
  owner = await connectAsOwner(platform.database.url);
});

afterAll(async () => {
  await owner?.end();
});

describe('storage', () => {
  it('keeps only the SHA-256 of each token: no column of api_tokens holds a token', async () => {
    const extra = await issue('ci', ['read']);
    const { rows } = await owner.query<Record<string, unknown>>('select * from api_tokens');
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const stored = JSON.stringify(rows);
    for (const token of [adminToken, extra.token]) {
      expect(stored).not.toContain(token);
      // Not even the random body without the prefix, nor its checksum-less part.
      expect(stored).not.toContain(token.slice('coffer_'.length, 'coffer_'.length + 43));
      expect(rows.map((r) => r.token_hash)).toContain(sha256(token));
    }
    // The whole database, every text column of every table, holds no token either.
    const { rows: dump } = await owner.query<{ t: string }>(
      `select string_agg(t::text, ' ') as t from (
         select row_to_json(x)::text as t from api_tokens x union all
         select row_to_json(x)::text from audit_logs x union all
         select row_to_json(x)::text from organizations x) all_rows`,
    );
    expect(dump[0]!.t).not.toContain(adminToken);
    expect(dump[0]!.t).not.toContain(extra.token);
  });
});

describe('refused tokens get 401 with WWW-Authenticate: Bearer', () => {
  function withBadChecksum(token: string): string {
    const last = token.at(-1)!;
    return token.slice(0, -1) + (last === 'a' ? 'b' : 'a');
  }

  it.each([
    ['no Authorization header', () => undefined],
    ['garbage', () => 'Bearer not-a-token'],
    ['an empty bearer', () => 'Bearer '],
    ['a Basic credential', () => `Basic ${Buffer.from('admin:admin').toString('base64')}`],
    ['the right token under another scheme', () => `Token ${adminToken}`],
    ['a valid-looking token with a wrong checksum', () => `Bearer ${withBadChecksum(adminToken)}`],
    ['a well-formed token (right checksum) that was never issued', () => `Bearer ${generateToken()}`],
    ['the stored hash used as the token', () => `Bearer ${sha256(adminToken)}`],
    ['the token with trailing garbage', () => `Bearer ${adminToken}x`],
  ])('%s', async (_label, header) => {
    const response = await rawRequest(header());
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
    expect(response.body.error).toBe(true);
    expect(response.body.data).toBeNull();
    expect(JSON.stringify(response.body)).not.toContain(secretValue);
  });

  it('a wrong checksum is refused even though the rest of the token is right', async () => {
    // Control: the untouched token is accepted, so the 401 above is the checksum's doing.
    expect(isWellFormedToken(adminToken)).toBe(true);
    expect(isWellFormedToken(withBadChecksum(adminToken))).toBe(false);
    expect((await rawRequest(`Bearer ${adminToken}`)).status).toBe(200);
  });
});

describe('revocation', () => {
  it('takes effect on the very next request, although the gateway had cached the principal', async () => {
    const doomed = await issue('doomed', ['read', 'reveal']);
    // Warm the principal cache (TTL 10 s) with several successful requests.
    for (let i = 0; i < 3; i++) expect((await doomed.api('GET', `${SCOPE}/secrets`)).status).toBe(200);

    const revoked = await admin('DELETE', `/orgs/acme/tokens/${doomed.id}`);
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);

    for (const [method, path] of [
      ['GET', `${SCOPE}/secrets`],
      ['GET', `${SCOPE}/secrets/API_KEY?reveal=true`],
    ] as const) {
      const response = await doomed.api(method, path);
      expectCleanError(response, 401, [secretValue]);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
    }
    const { rows } = await owner.query<{ revoked_at: Date | null }>('select revoked_at from api_tokens where id = $1', [doomed.id]);
    expect(rows[0]!.revoked_at).toBeInstanceOf(Date);
    // Revoking twice is a 404, not a second success.
    expect((await admin('DELETE', `/orgs/acme/tokens/${doomed.id}`)).status).toBe(404);
  });

  it('is immediate because of the pub/sub eviction: a revocation the gateway is not told about is served from cache', async () => {
    // Control for the test above: proves the cache exists, so immediacy is the eviction's work.
    const cached = await issue('cached', ['read']);
    expect((await cached.api('GET', `${SCOPE}/secrets`)).status).toBe(200);
    await owner.query('update api_tokens set revoked_at = now() where id = $1', [cached.id]);
    expect((await cached.api('GET', `${SCOPE}/secrets`)).status).toBe(200);
    // A token that was never cached is refused at once.
    const cold = await issue('cold', ['read']);
    await owner.query('update api_tokens set revoked_at = now() where id = $1', [cold.id]);
    expect((await cold.api('GET', `${SCOPE}/secrets`)).status).toBe(401);
  });
});

describe('a token without reveal', () => {
  let reader: Api;
  beforeAll(async () => {
    reader = (await issue('reader', ['read'])).api;
  });

  it('lists secrets and reads their metadata and history', async () => {
    const list = await reader('GET', `${SCOPE}/secrets`);
    expect(list.status).toBe(200);
    expect(list.body.data.secrets.map((s: { key: string }) => s.key)).toContain('API_KEY');
    const meta = await reader('GET', `${SCOPE}/secrets/API_KEY`);
    expect(meta.status).toBe(200);
    expect(meta.body.data.key).toBe('API_KEY');
    expect(meta.body.data).not.toHaveProperty('value');
    expect((await reader('GET', `${SCOPE}/secrets/API_KEY/history`)).status).toBe(200);
    expect(JSON.stringify([list.body, meta.body])).not.toContain(secretValue);
  });

  it.each([
    ['reveal', 'GET', `${SCOPE}/secrets/API_KEY?reveal=true`],
    ['reveal of an old version', 'GET', `${SCOPE}/secrets/API_KEY?reveal=true&version=1`],
    ['inject', 'POST', `${SCOPE}/inject`],
    ['diff with values', 'GET', `${SCOPE}/secrets/API_KEY/diff?from=1&to=2&reveal=true`],
    ['diff without values (it still tells whether they differ)', 'GET', `${SCOPE}/secrets/API_KEY/diff?from=1&to=2`],
  ])('gets 403 on %s, with no value', async (_label, method, path) => {
    const response = await reader(method, path);
    expectCleanError(response, 403, [secretValue]);
    expect(response.body.message).toMatch(/reveal/);
  });

  it('cannot write, delete or create tokens', async () => {
    expectCleanError(await reader('POST', `${SCOPE}/secrets/API_KEY`, { body: { value: 'x' } }), 403);
    expectCleanError(await reader('DELETE', `${SCOPE}/secrets/API_KEY`), 403);
    expectCleanError(await reader('POST', '/orgs/acme/tokens', { body: { name: 'x', permissions: ['read'] } }), 403);
    expect((await admin('GET', `${SCOPE}/secrets/API_KEY?reveal=true`)).body.data.value).toBe(`${secretValue}-v2`);
  });
});

describe('no privilege escalation through token creation', () => {
  let manager: { id: string; api: Api };
  beforeAll(async () => {
    manager = await issue('manager', ['tokens:manage', 'read']);
  });

  it.each([[['admin']], [['reveal']], [['read', 'export']], [['tokens:manage', 'orgs:create']]])(
    'a token cannot issue %j, which it does not hold (403)',
    async (permissions) => {
      const before = (await owner.query('select count(*)::int as n from api_tokens')).rows[0].n as number;
      const response = await manager.api('POST', '/orgs/acme/tokens', { body: { name: 'escalated', permissions } });
      expectCleanError(response, 403);
      expect(JSON.stringify(response.body)).not.toMatch(/coffer_[A-Za-z0-9_-]{40}/);
      expect((await owner.query('select count(*)::int as n from api_tokens')).rows[0].n).toBe(before);
    },
  );

  it('but can issue what it holds (control)', async () => {
    const response = await manager.api('POST', '/orgs/acme/tokens', { body: { name: 'narrow', permissions: ['read'] } });
    expect(response.status).toBe(201);
    expect(response.body.data.permissions).toEqual(['read']);
  });
});
