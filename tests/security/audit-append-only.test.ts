/**
 * The audit trail can be appended to and read, never rewritten: not by the application role the
 * services run as, and not by the table's owner either (a trigger refuses every UPDATE/DELETE).
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant, type Database } from '@coffer/db';
import { connectAsOwner } from '@coffer/test-kit/postgres';
import { seedOrg, usePlatform } from '@coffer/test-kit/fixtures';
import type { Api } from '@coffer/test-kit/platform';
import { eventually, openAppDatabase } from '@coffer/test-kit/security';

const SCOPE = '/orgs/acme/projects/api/envs/development';

const platform = usePlatform();
let api: Api;
let orgId: string;
let owner: pg.Client;
let db: Database;

async function trail(): Promise<Array<Record<string, unknown>>> {
  return (await owner.query('select * from audit_logs order by id')).rows;
}

beforeAll(async () => {
  const boot = await seedOrg(platform, { org: 'acme', project: 'api' });
  api = boot.api;
  orgId = boot.org.id;
  await api('POST', `${SCOPE}/secrets/AUDITED`, { body: { value: 'v1' } });
  await api('GET', `${SCOPE}/secrets/AUDITED?reveal=true`);
  await api('DELETE', `${SCOPE}/secrets/AUDITED`);
  owner = await connectAsOwner(platform.database.url);
  // The gateway flushes audit events asynchronously; wait until all three are in the table.
  expect(await eventually(async () => (await trail()).length >= 3)).toBe(true);
  db = await openAppDatabase(platform.database.url);
});

afterAll(async () => {
  await db?.close();
  await owner?.end();
});

it('records what happened, readable through the API', async () => {
  const response = await api('GET', '/orgs/acme/audit?resource=orgs/acme/projects/api/envs/development/secrets/AUDITED');
  expect(response.status).toBe(200);
  expect(response.body.data.events.map((e: { action: string }) => e.action).sort()).toEqual(['secret.create', 'secret.delete', 'secret.reveal']);
});

describe('as the application role, within its own tenant', () => {
  it.each([
    ['UPDATE', `update audit_logs set action = 'secret.read', outcome = 'success'`],
    ['UPDATE of a single row', `update audit_logs set actor_id = 'someone-else' where action = 'secret.reveal'`],
    ['DELETE', 'delete from audit_logs'],
    ['DELETE of a single row', `delete from audit_logs where action = 'secret.delete'`],
    ['TRUNCATE', 'truncate audit_logs'],
  ])('%s is refused and changes nothing', async (_label, sql) => {
    const before = await trail();
    await expect(withTenant(db.knex, orgId, (trx) => trx.raw(sql))).rejects.toThrow(/permission denied/);
    // Outside a tenant transaction too.
    await expect(db.knex.raw(sql)).rejects.toThrow(/permission denied/);
    expect(await trail()).toEqual(before);
  });

  it('can still append and read its own rows (so the refusals above are about changing rows)', async () => {
    const rows = await withTenant(db.knex, orgId, (trx) => trx('audit_logs').select('id'));
    expect(rows.length).toBeGreaterThanOrEqual(3);
  });
});

describe('as the owner of the table (superuser connection)', () => {
  it.each([
    ['UPDATE', `update audit_logs set action = 'secret.read'`],
    ['UPDATE of a single row', `update audit_logs set outcome = 'denied' where action = 'secret.reveal'`],
    ['DELETE', 'delete from audit_logs'],
    ['DELETE of a single row', `delete from audit_logs where action = 'secret.delete'`],
  ])('%s is refused by the append-only trigger and changes nothing', async (_label, sql) => {
    const before = await trail();
    expect(before.length).toBeGreaterThanOrEqual(3);
    await expect(owner.query(sql)).rejects.toThrow(/append-only/);
    expect(await trail()).toEqual(before);
  });
});
