import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { openDatabase, withTenant, type Database, type Knex } from '@coffer/db';
import { createTestDatabase, type TestDatabase } from '@coffer/test-postgres';

/** For the tests beside this service: an organisation with project `api` and these environments. */
export async function seedTenant(knex: Knex, orgId: string, environments: readonly string[] = ['production']): Promise<void> {
  await withTenant(knex, orgId, async (trx) => {
    await trx('organizations').insert({ id: orgId, slug: `org-${orgId}`, name: 'org' });
    const projectId = randomUUID();
    await trx('projects').insert({ id: projectId, org_id: orgId, slug: 'api', name: 'api' });
    for (const slug of environments) {
      await trx('environments').insert({ id: randomUUID(), org_id: orgId, project_id: projectId, slug, name: slug });
    }
  });
}

/** A fresh database with `orgId` seeded (seedTenant), for the tests of one file: made in a beforeAll, dropped in an afterAll. */
export function useTenantDatabase(orgId: string): {
  readonly knex: Knex;
  /** The owner's URL, to tamper as an attacker with database access would. */ readonly url: string;
} {
  let testDb: TestDatabase | undefined;
  let db: Database | undefined;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = await openDatabase({ databaseUrl: testDb.url, dataDir: '/nonexistent' });
    await seedTenant(db.knex, orgId);
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });
  const during = () => {
    if (!db || !testDb) throw new Error('useTenantDatabase(): the database exists from its beforeAll to its afterAll');
    return { db, testDb };
  };
  return {
    get knex() {
      return during().db.knex;
    },
    get url() {
      return during().testDb.url;
    },
  };
}
