import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, withTenant, type Database } from '@coffer/db';
import { isCofferError } from '@coffer/grpc';
import { createKeyring, createLocalKmsProvider } from '@coffer/kms';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/postgres.js';
import { createSecretService, type Caller } from './secret-service.js';
import { createSecretStore } from './secret-store.js';

let testDb: TestDatabase;
let db: Database;
const orgId = randomUUID();
const caller: Caller = { orgId, actor: 'api_token:test' };
const scope = { project: 'api', environment: 'production' };

const masterKey = randomBytes(32);

function serviceWith(store = createSecretStore()) {
  const keyring = createKeyring({ provider: createLocalKmsProvider({ masterKey }) });
  return createSecretService({ knex: db.knex, store, keyring, onDecryptionFailure: () => undefined });
}

async function rowsFor(key: string) {
  return withTenant(db.knex, orgId, async (trx) => ({
    secrets: await trx('secrets').where({ key }).select('id'),
    versions: await trx('secret_versions').join('secrets', 'secrets.id', 'secret_versions.secret_id').where('secrets.key', key).select('secret_versions.id'),
  }));
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({ databaseUrl: testDb.url, dataDir: '/nonexistent' });
  await withTenant(db.knex, orgId, async (trx) => {
    await trx('organizations').insert({ id: orgId, slug: `org-${orgId}`, name: 'org' });
    const projectId = randomUUID();
    await trx('projects').insert({ id: projectId, org_id: orgId, slug: 'api', name: 'api' });
    await trx('environments').insert({ id: randomUUID(), org_id: orgId, project_id: projectId, slug: 'production', name: 'production' });
  });
});

afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

describe('secret writes', () => {
  it('leaves no row and no trace when the version insert fails', async () => {
    const store = createSecretStore();
    const failing = { ...store, insertVersion: () => Promise.reject(new Error('disk full')) };
    await expect(serviceWith(failing).set(caller, scope, { key: 'HALF_WRITTEN', value: 'v' })).rejects.toThrow('disk full');
    expect(await rowsFor('HALF_WRITTEN')).toEqual({ secrets: [], versions: [] });
  });

  it('writes nothing on a check-and-set mismatch', async () => {
    const service = serviceWith();
    await service.set(caller, scope, { key: 'CAS', value: 'one' });
    const attempt = service.set(caller, scope, { key: 'CAS', value: 'two', expectedVersion: 5 });
    await expect(attempt).rejects.toSatisfy((err) => isCofferError(err) && err.code === 'ABORTED');
    expect((await service.get(caller, scope, 'CAS', { reveal: true })).value).toBe('one');
    expect(await service.history(caller, scope, 'CAS')).toHaveLength(1);
  });

  it('serialises concurrent writes of one key into consecutive versions', async () => {
    const service = serviceWith();
    await service.set(caller, scope, { key: 'RACE', value: 'v0' });
    await Promise.all(Array.from({ length: 8 }, (_, n) => service.set(caller, scope, { key: 'RACE', value: `v${n + 1}` })));
    const versions = (await service.history(caller, scope, 'RACE')).map((v) => v.version);
    expect(versions).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });

  it('re-encrypts a rollback under a fresh DEK rather than copying the old blobs', async () => {
    const service = serviceWith();
    await service.set(caller, scope, { key: 'ROLL', value: 'first' });
    await service.set(caller, scope, { key: 'ROLL', value: 'second' });
    await service.rollback(caller, scope, 'ROLL', { version: 1 });
    const blobs = await withTenant(db.knex, orgId, (trx) =>
      trx('secret_versions').join('secrets', 'secrets.id', 'secret_versions.secret_id').where('secrets.key', 'ROLL').orderBy('version').select('version', 'ciphertext', 'wrapped_dek'),
    );
    expect(blobs.map((b: { version: number }) => b.version)).toEqual([1, 2, 3]);
    expect(blobs[2].ciphertext).not.toBe(blobs[0].ciphertext);
    expect(blobs[2].wrapped_dek).not.toBe(blobs[0].wrapped_dek);
    expect((await service.get(caller, scope, 'ROLL', { reveal: true })).value).toBe('first');
  });
});
