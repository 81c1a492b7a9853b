import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@coffer/test-postgres';
import { openDatabase, type Database } from './database.js';
import { withTenant } from './tenant.js';

/** What a caller was told versus what the database holds, for writes that run into their deadline. */
describe('a tenant transaction with the caller deadline', () => {
  let testDb: TestDatabase;
  let db: Database;
  const orgId = randomUUID();
  const projects = async () => (await withTenant(db.knex, orgId, (trx) => trx('projects').pluck('slug'))).sort();
  const insertProject = (trx: Parameters<Parameters<typeof withTenant>[2]>[0], slug: string) =>
    trx('projects').insert({ id: randomUUID(), org_id: orgId, slug, name: slug });

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = await openDatabase({ databaseUrl: testDb.url, dataDir: '/nonexistent' });
    await withTenant(db.knex, orgId, (trx) => trx('organizations').insert({ id: orgId, slug: `org-${orgId}`, name: 'org' }));
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  it('commits a write that finishes in time', async () => {
    await withTenant(db.knex, orgId, (trx) => insertProject(trx, 'in-time'), Date.now() + 2_000);
    expect(await projects()).toContain('in-time');
  });

  it('answers DEADLINE_EXCEEDED at the deadline when a statement hangs, and the write is never applied', async () => {
    const started = Date.now();
    const attempt = withTenant(
      db.knex,
      orgId,
      async (trx) => {
        await insertProject(trx, 'hung');
        await trx.raw('select pg_sleep(3)');
      },
      started + 500,
    );
    await expect(attempt).rejects.toMatchObject({ code: 'DEADLINE_EXCEEDED', message: 'the database did not answer in time; nothing was changed' });
    expect(Date.now() - started).toBeLessThan(900);
    // statement_timeout ends the sleep on the server, which rolls the transaction back.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await projects()).not.toContain('hung');
  });

  it('does not commit work that finished after the deadline passed', async () => {
    const attempt = withTenant(
      db.knex,
      orgId,
      async (trx) => {
        await insertProject(trx, 'late');
        await new Promise((resolve) => setTimeout(resolve, 400));
      },
      Date.now() + 300,
    );
    await expect(attempt).rejects.toMatchObject({ code: 'DEADLINE_EXCEEDED' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await projects()).not.toContain('late');
  });

  it('refuses to start when the deadline has already passed', async () => {
    let ran = false;
    await expect(
      withTenant(
        db.knex,
        orgId,
        async () => {
          ran = true;
        },
        Date.now() - 1,
      ),
    ).rejects.toMatchObject({ code: 'DEADLINE_EXCEEDED' });
    expect(ran).toBe(false);
  });
});
