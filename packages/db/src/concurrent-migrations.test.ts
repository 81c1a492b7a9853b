/**
 * Roles are shared by every database of a cluster. Servers of several databases starting at once
 * (environments of one cluster, parallel test files) migrate at the same moment; none may fail
 * because another one changed the shared role. Needs a cluster of its own: on the shared server
 * the role has long been set up, so the race could not happen there.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import pg from 'pg';
import { startPrivateCluster, type PrivateCluster } from '@coffer/test-postgres/private-cluster';
import { migrateDatabase } from './database.js';

let cluster: PrivateCluster;

beforeAll(async () => {
  cluster = await startPrivateCluster();
}, 60_000);

afterAll(async () => {
  await cluster?.destroy();
});

it('migrates many fresh databases of one cluster at once, each completely', async () => {
  const urls = await Promise.all(Array.from({ length: 12 }, (_, i) => cluster.createDatabase(`coffer_concurrent_${i}`)));
  const results = await Promise.allSettled(urls.map((databaseUrl) => migrateDatabase({ databaseUrl, dataDir: '/nonexistent' })));
  expect(results.filter((result) => result.status === 'rejected').map((result) => String((result as PromiseRejectedResult).reason))).toEqual([]);
  const applied = results.map((result) => (result as PromiseFulfilledResult<string[]>).value.length);
  expect(new Set(applied).size).toBe(1);
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  try {
    const { rows } = await admin.query(`select rolcanlogin from pg_roles where rolname = 'coffer_app'`);
    expect(rows).toEqual([{ rolcanlogin: true }]);
  } finally {
    await admin.end();
  }
}, 120_000);
