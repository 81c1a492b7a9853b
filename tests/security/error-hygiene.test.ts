/**
 * Requests that reach the database with something they cannot hold, or meet a record it cannot answer. The caller gets
 * the error envelope — never SQL, a driver message or a stack trace — and the operator gets the
 * detail in the log.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAsOwner } from '@coffer/test-kit/postgres';
import { seedOrg, usePlatform } from '@coffer/test-kit/fixtures';
import type { Api } from '@coffer/test-kit/platform';
import { canary, expectCleanError, hasSql, leaksIn } from '@coffer/test-kit/security';

const SCOPE = '/orgs/acme/projects/api/envs/development';

const platform = usePlatform();
let api: Api;
let orgId: string;
let owner: pg.Client;

async function countRows(table: string): Promise<number> {
  return (await owner.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n;
}

beforeAll(async () => {
  const boot = await seedOrg(platform, { org: 'acme', project: 'api' });
  api = boot.api;
  orgId = boot.org.id;
  owner = await connectAsOwner(platform.database.url);
});

afterAll(async () => {
  await owner?.end();
});

describe('a NUL character (which PostgreSQL text cannot store) in a field that is stored or queried', () => {
  const NUL = 'before\u0000after';
  it.each([
    ['secret description', 'POST', `${SCOPE}/secrets/NUL_DESCRIPTION`, { value: 'v', description: NUL }, 'description', 'secrets'],
    ['token name', 'POST', '/orgs/acme/tokens', { name: NUL, permissions: ['read'] }, 'name', 'api_tokens'],
    ['organisation name', 'POST', '/orgs', { slug: 'nul-org', name: NUL }, 'name', 'organizations'],
    ['project name', 'POST', '/orgs/acme/projects', { slug: 'nul-project', name: NUL }, 'name', 'projects'],
    ['environment name', 'POST', '/orgs/acme/projects/api/envs', { slug: 'nul-env', name: NUL }, 'name', 'environments'],
    // Reads: nothing to write, but the value went into a WHERE clause.
    ['audit search by action', 'GET', '/orgs/acme/audit?action=a%00b', undefined, 'action', null],
    ['audit search by resource', 'GET', '/orgs/acme/audit?resource=orgs%00', undefined, 'resource', null],
  ] as const)('in the %s answers 400 naming the field, with no SQL, and writes nothing', async (_label, method, path, body, field, table) => {
    const rowsBefore = table && (await countRows(table));
    const response = await api(method, path, body === undefined ? {} : { body });
    expectCleanError(response, 400);
    expect(response.body.message).toContain(field);
    if (table) expect(await countRows(table)).toBe(rowsBefore);
  });

  it('in a secret value is refused too (no environment variable can hold it), without quoting the value', async () => {
    const value = `a\u0000b-${randomBytes(4).toString('hex')}`;
    const rowsBefore = await countRows('secret_versions');
    const response = await api('POST', `${SCOPE}/secrets/NUL_VALUE`, { body: { value } });
    expectCleanError(response, 400, [value.slice(2)]);
    expect(response.body.message).toContain('value');
    expect(await countRows('secret_versions')).toBe(rowsBefore);
    expect((await api('GET', `${SCOPE}/secrets/NUL_VALUE`)).status).toBe(404);
  });
});

describe('an internal error', () => {
  it('from the database (a version number past the integer range) answers a bare 500, detail only in the log', async () => {
    const value = `past-the-range-${randomBytes(6).toString('hex')}`;
    expect((await api('POST', `${SCOPE}/secrets/OVERFLOW`, { body: { value } })).status).toBe(201);
    // What a very long-lived secret (or an attacker with the database) could leave behind.
    await owner.query(`update secrets set current_version = 2147483647 where org_id = $1 and key = 'OVERFLOW'`, [orgId]);
    const logsBefore = platform.logs().length;

    const response = await api('POST', `${SCOPE}/secrets/OVERFLOW`, { body: { value: `${value}-next` } });
    expectCleanError(response, 500, [value, 'OVERFLOW', 'integer', 'range', orgId]);
    expect(response.body).toEqual({ error: true, code: 'INTERNAL', message: 'internal error', data: null });
    expect(response.headers.get('x-request-id')).toBeTruthy();

    // The operator still learns what happened, from the log, without the value.
    const logged = platform.logs().slice(logsBefore);
    expect(logged).toMatch(/"level":"error"/);
    expect(hasSql(logged)).toBe(true);
    expect(logged).not.toContain(value);
    // Nothing was half-written.
    const { rows } = await owner.query<{ n: number }>(
      `select count(*)::int as n from secret_versions v join secrets s on s.id = v.secret_id where s.org_id = $1 and s.key = 'OVERFLOW'`,
      [orgId],
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('from a corrupted idempotency record answers a bare 500 on replay, without echoing the record or the value', async () => {
    const path = `${SCOPE}/secrets/IDEM_CORRUPT`;
    const value = canary();
    const headers = { 'Idempotency-Key': 'corrupt-me' };
    expect((await api('POST', path, { body: { value }, headers })).status).toBe(201);
    // What a damaged row (or an attacker with the database) could leave: valid JSON, not a reply.
    const marker = `SELECT-${randomBytes(4).toString('hex')}`;
    const garbage = { meta: marker, stack: `at ${marker} (/srv/coffer/secret-store.ts:1:1)` };
    const corrupted = await owner.query(`update idempotency_records set reply = $2::jsonb where org_id = $1 and key = 'corrupt-me'`, [
      orgId,
      JSON.stringify(garbage),
    ]);
    expect(corrupted.rowCount).toBe(1);
    const logsBefore = platform.logs().length;
    const versionsBefore = await countRows('secret_versions');

    const response = await api('POST', path, { body: { value }, headers });
    expectCleanError(response, 500, [marker, value, 'meta', 'reply', 'idempotency']);
    expect(response.body).toMatchObject({ error: true, code: 'INTERNAL', data: null });
    // Plain words only: nothing quoted from the record, the encoder or the driver.
    expect(response.body.message).toMatch(/^[a-z][a-z ]*$/);
    expect(response.headers.get('idempotent-replayed')).toBeNull();
    const logged = platform.logs().slice(logsBefore);
    expect(logged).toMatch(/"status":500/);
    expect(leaksIn(logged, [value])).toEqual([]);
    // A replay writes nothing, even one that fails.
    expect(await countRows('secret_versions')).toBe(versionsBefore);
  });
});
