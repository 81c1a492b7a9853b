import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@coffer/test-postgres';
import { openDatabase, type Database } from './database.js';
import { withTenant } from './tenant.js';

async function seedTwoOrgs(db: Database): Promise<[string, string]> {
  const a = randomUUID();
  const b = randomUUID();
  for (const [id, slug] of [
    [a, `org-a-${a}`],
    [b, `org-b-${b}`],
  ] as const) {
    await withTenant(db.knex, id, async (trx) => {
      await trx('organizations').insert({ id, slug, name: slug });
      await trx('projects').insert({ id: randomUUID(), org_id: id, slug: 'api', name: 'api' });
    });
  }
  return [a, b];
}

function describeBackend(name: string, open: () => Promise<{ db: Database; cleanup(): Promise<void> }>) {
  describe(`database on ${name}`, () => {
    let db: Database;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ db, cleanup } = await open());
    });
    afterAll(async () => {
      await db?.close();
      await cleanup?.();
    });

    it('runs every query as the RLS-bound application role', async () => {
      const { rows } = await db.knex.raw('select current_user as role');
      expect(rows[0].role).toBe('coffer_app');
    });

    it('shows a tenant only its own rows, even when the query asks for all', async () => {
      const [a, b] = await seedTwoOrgs(db);
      const seen = await withTenant(db.knex, a, (trx) => trx('projects').select('org_id'));
      expect(seen.map((r: { org_id: string }) => r.org_id)).toEqual([a]);
      const crafted = await withTenant(db.knex, a, (trx) => trx('projects').where('org_id', b).select('id'));
      expect(crafted).toEqual([]);
    });

    it('sees no tenant row at all outside a tenant transaction', async () => {
      expect(await db.knex('projects').select('id')).toEqual([]);
      expect(await db.knex('organizations').select('id')).toEqual([]);
    });

    it('refuses to write a row into another tenant', async () => {
      const [a, b] = await seedTwoOrgs(db);
      await expect(withTenant(db.knex, a, (trx) => trx('projects').insert({ id: randomUUID(), org_id: b, slug: 'x', name: 'x' }))).rejects.toThrow(
        /row-level security/,
      );
    });

    it('keeps the audit trail append-only for the application', async () => {
      await expect(db.knex.raw('delete from audit_logs')).rejects.toThrow(/permission denied/);
      await expect(db.knex.raw(`update audit_logs set action = 'x'`)).rejects.toThrow(/permission denied/);
    });
  });
}

describeBackend('PostgreSQL', async () => {
  const testDb: TestDatabase = await createTestDatabase();
  const db = await openDatabase({ databaseUrl: testDb.url, dataDir: '/nonexistent' });
  return { db, cleanup: () => testDb.drop() };
});

describeBackend('embedded PGlite', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'coffer-db-'));
  const db = await openDatabase({ dataDir });
  return { db, cleanup: () => rm(dataDir, { recursive: true, force: true }) };
});
