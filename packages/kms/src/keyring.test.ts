import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { decryptValue, DecryptionError, encryptValue, generateKey } from '@coffer/crypto';
import { openDatabase, withTenant, type Database, type Knex } from '@coffer/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAsOwner, createTestDatabase, type TestDatabase } from '@coffer/test-postgres';
import { createKekStore, type KekStore } from './kek-store.js';
import { createKeyring, KekNotFoundError, KekRetiredError, type KeyringOptions } from './keyring.js';
import { createLocalKmsProvider } from './local-provider.js';
import type { KekContext, KmsProvider } from './provider.js';

const masterKey = generateKey();
const provider = createLocalKmsProvider({ masterKey });

let testDb: TestDatabase;
let db: Database;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({ databaseUrl: testDb.url, dataDir: tmpdir() });
});

afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

function tenant<T>(orgId: string, fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return withTenant(db.knex, orgId, fn);
}

async function newOrg(): Promise<string> {
  const orgId = randomUUID();
  await tenant(orgId, (trx) => trx('organizations').insert({ id: orgId, slug: `org-${orgId}`, name: 'x' }));
  return orgId;
}

interface StoredKek {
  key_id: string;
  version: number;
  provider: string;
  wrapped_material: string;
  wrap_count: string;
  state: string;
  retired_at: Date | null;
}

function storedKeks(orgId: string): Promise<StoredKek[]> {
  return tenant(orgId, (trx) => trx('kms_keys').where({ org_id: orgId }).orderBy('version').select('*'));
}

/** Counts the store's reads, to show which calls reach the database. */
function countingStore() {
  const store = createKekStore();
  const reads = { find: 0, latest: 0 };
  const counting: KekStore = {
    ...store,
    find: (...args) => {
      reads.find++;
      return store.find(...args);
    },
    latest: (...args) => {
      reads.latest++;
      return store.latest(...args);
    },
  };
  return { store: counting, reads };
}

/** Counts calls into the real local provider, to show which calls reach the KMS. */
function countingProvider() {
  const calls = { wrap: 0, unwrap: 0 };
  const counting: KmsProvider = {
    name: provider.name,
    wrapKey: (material: Buffer, context: KekContext) => {
      calls.wrap++;
      return provider.wrapKey(material, context);
    },
    unwrapKey: (wrapped: string, context: KekContext) => {
      calls.unwrap++;
      return provider.unwrapKey(wrapped, context);
    },
  };
  return { provider: counting, calls };
}

/**
 * Holds each of the first `parties` transactions right after its first read of the active version
 * until all of them have read it, so they all race on the same state instead of queueing.
 */
function racingStore(parties: number) {
  const store = createKekStore();
  let waiting = 0;
  let release!: () => void;
  const allRead = new Promise<void>((resolve) => (release = resolve));
  const racing: KekStore = {
    ...store,
    latest: async (...args) => {
      const row = await store.latest(...args);
      if (waiting < parties) {
        if (++waiting === parties) release();
        await allRead;
      }
      return row;
    },
  };
  return racing;
}

class Rollback extends Error {}

/** A keyring on the test database, as the Secret service makes one. */
const keyringWith = (options: Omit<KeyringOptions, 'knex'> = { provider }) => createKeyring({ knex: db.knex, ...options });

describe('keyring on PostgreSQL', () => {
  it('creates version 1 on first use and stores it only wrapped', async () => {
    const orgId = await newOrg();
    const keyring = keyringWith();
    const kek = await keyring.currentKek(orgId);
    expect(kek.version).toBe(1);
    expect(kek.key).toHaveLength(32);

    const owner = await connectAsOwner(testDb.url);
    try {
      const { rows } = await owner.query('select * from kms_keys where org_id = $1', [orgId]);
      expect(rows).toHaveLength(1);
      const [row] = rows;
      expect(row).toMatchObject({ key_id: kek.id, version: 1, provider: 'local', state: 'active', retired_at: null });
      const dump = JSON.stringify(row);
      for (const encoding of ['hex', 'base64', 'base64url'] as const) {
        expect(dump.toLowerCase()).not.toContain(kek.key.toString(encoding).toLowerCase());
      }
      expect(Buffer.from(row.wrapped_material, 'base64').includes(kek.key)).toBe(false);
    } finally {
      await owner.end();
    }

    const again = await keyring.currentKek(orgId);
    expect(again).toEqual(kek);
    expect(await storedKeks(orgId)).toHaveLength(1);
  });

  it('creates one version 1 however many first calls race', async () => {
    const orgId = await newOrg();
    const store = racingStore(10);
    const counting = countingProvider();
    // Two keyrings stand for two processes; each also races itself.
    const keyrings = [keyringWith({ provider: counting.provider, store }), keyringWith({ provider: counting.provider, store })];
    const keks = await Promise.all(Array.from({ length: 10 }, (_, i) => keyrings[i % 2]!.currentKek(orgId)));
    expect(counting.calls.wrap).toBe(10);
    const rows = await storedKeks(orgId);
    expect(rows).toHaveLength(1);
    for (const kek of keks) {
      expect(kek).toEqual({ id: rows[0]!.key_id, version: 1, key: keks[0]!.key });
    }
  });

  it('rotates to version 2 while version 1 keeps decrypting', async () => {
    const orgId = await newOrg();
    const keyring = keyringWith();
    const v1 = await keyring.currentKek(orgId);
    const secretId = randomUUID();
    const sealed = { secretId, ...encryptValue({ plaintext: 'old value', orgId, secretId, version: 1, kek: v1 }) };

    const v2 = await keyring.rotate(orgId);
    expect(v2).toMatchObject({ id: v1.id, version: 2 });
    expect(v2.key.equals(v1.key)).toBe(false);
    expect((await keyring.currentKek(orgId)).version).toBe(2);

    const rows = await storedKeks(orgId);
    expect(rows.map((r) => [r.version, r.state])).toEqual([
      [1, 'retired'],
      [2, 'active'],
    ]);
    expect(rows[0]!.retired_at).toBeInstanceOf(Date);

    // A fresh process has nothing cached and must unwrap version 1 from the database.
    const cold = keyringWith();
    const again = await cold.kekFor(orgId, sealed.kekId, sealed.kekVersion);
    expect(again).toEqual(v1);
    expect(decryptValue({ ...sealed, orgId, secretId: sealed.secretId, version: 1, kek: again })).toBe('old value');
  });

  it('fails to unwrap under the wrong master key with the opaque DecryptionError', async () => {
    const orgId = await newOrg();
    const kek = await keyringWith().currentKek(orgId);
    const impostor = keyringWith({ provider: createLocalKmsProvider({ masterKey: generateKey() }) });
    await expect(impostor.kekFor(orgId, kek.id, kek.version)).rejects.toThrow(DecryptionError);
    await expect(impostor.currentKek(orgId)).rejects.toThrow(DecryptionError);
  });

  it('answers UNAVAILABLE, never a decryption failure, when the KMS cannot be reached', async () => {
    const orgId = await newOrg();
    const kek = await keyringWith().currentKek(orgId);
    const down: KmsProvider = {
      name: 'local',
      wrapKey: () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 10.0.0.9:443'), { code: 'ECONNREFUSED' })),
      unwrapKey: () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 10.0.0.9:443'), { code: 'ECONNREFUSED' })),
    };
    const unavailable = { code: 'UNAVAILABLE', message: 'the key management service is unavailable; retry later' };
    await expect(keyringWith({ provider: down }).kekFor(orgId, kek.id, kek.version)).rejects.toMatchObject(unavailable);
    await expect(keyringWith({ provider: down }).currentKek(await newOrg())).rejects.toMatchObject(unavailable);
  });

  it('refuses material wrapped by another provider', async () => {
    const orgId = await newOrg();
    const kek = await keyringWith().currentKek(orgId);
    const other = keyringWith({ provider: { ...provider, name: 'aws' } });
    await expect(other.kekFor(orgId, kek.id, 1)).rejects.toThrow(/wrapped by provider 'local'/);
  });

  it('retires a version that reaches maxWrapsPerKek; the next write starts the next version', async () => {
    const orgId = await newOrg();
    const keyring = keyringWith({ provider, maxWrapsPerKek: 3 });
    const v1 = await keyring.currentKek(orgId);
    for (let i = 0; i < 2; i++) await tenant(orgId, (trx) => keyring.recordWrap(trx, orgId, v1));
    expect((await keyring.currentKek(orgId)).version).toBe(1);

    await tenant(orgId, (trx) => keyring.recordWrap(trx, orgId, v1));
    expect((await storedKeks(orgId)).map((r) => [r.version, r.state, Number(r.wrap_count)])).toEqual([[1, 'retired', 3]]);
    const next = await keyring.currentKek(orgId);
    expect(next).toMatchObject({ id: v1.id, version: 2 });
    expect((await storedKeks(orgId)).map((r) => [r.version, r.state, Number(r.wrap_count)])).toEqual([
      [1, 'retired', 3],
      [2, 'active', 0],
    ]);

    // A late wrap under the retired version is refused inside its transaction, counted nowhere.
    await expect(tenant(orgId, (trx) => keyring.recordWrap(trx, orgId, v1))).rejects.toThrow(KekRetiredError);
    expect((await storedKeks(orgId)).map((r) => [r.version, r.state, Number(r.wrap_count)])).toEqual([
      [1, 'retired', 3],
      [2, 'active', 0],
    ]);
  });

  it('does not let one organisation read or count on another organisation’s KEK', async () => {
    const a = await newOrg();
    const b = await newOrg();
    const keyring = keyringWith();
    const kekA = await keyring.currentKek(a);

    await expect(keyring.kekFor(b, kekA.id, kekA.version)).rejects.toThrow(KekNotFoundError);
    await expect(tenant(b, (trx) => keyring.recordWrap(trx, b, kekA))).rejects.toThrow(KekRetiredError);
    // Even asking for A by name inside B's transaction finds nothing: row-level security.
    await expect(tenant(b, (trx) => createKekStore().find(trx, a, kekA.id, kekA.version))).resolves.toBeUndefined();

    const kekB = await keyring.currentKek(b);
    expect(kekB.id).not.toBe(kekA.id);
    expect(kekB.key.equals(kekA.key)).toBe(false);
    expect(Number((await storedKeks(a))[0]!.wrap_count)).toBe(0);
  });

  it('throws kek not found for an unknown version', async () => {
    const orgId = await newOrg();
    const keyring = keyringWith();
    const kek = await keyring.currentKek(orgId);
    await expect(keyring.kekFor(orgId, kek.id, 2)).rejects.toThrow('kek not found');
    await expect(keyring.kekFor(orgId, randomUUID(), 1)).rejects.toThrow('kek not found');
  });

  it('round-trips an envelope with keyring KEKs across rotations and processes', async () => {
    const orgId = await newOrg();
    const writer = keyringWith();
    const secretId = randomUUID();
    const versions = [];
    for (const [version, plaintext] of [
      [1, 'first'],
      [2, 'sëcond 🔑'],
      [3, ''],
    ] as const) {
      const kek = await writer.currentKek(orgId);
      versions.push(
        await tenant(orgId, async (trx) => {
          const sealed = encryptValue({ plaintext, orgId, secretId, version, kek });
          await writer.recordWrap(trx, orgId, kek);
          return { version, plaintext, ...sealed };
        }),
      );
      await writer.rotate(orgId);
    }
    expect(versions.map((v) => v.kekVersion)).toEqual([1, 2, 3]);

    const reader = keyringWith();
    for (const v of versions) {
      const kek = await reader.kekFor(orgId, v.kekId, v.kekVersion);
      expect(decryptValue({ ...v, orgId, secretId, kek })).toBe(v.plaintext);
    }
    expect((await storedKeks(orgId)).map((r) => Number(r.wrap_count))).toEqual([1, 1, 1, 0]);
  });

  it('answers a cached decrypt without a query; a write under a version another process retired is refused in its transaction', async () => {
    const orgId = await newOrg();
    const { store, reads } = countingStore();
    const keyring = keyringWith({ provider, store });
    const kek = await keyring.currentKek(orgId);
    await keyring.kekFor(orgId, kek.id, kek.version);
    const finds = reads.find;
    for (let i = 0; i < 5; i++) {
      expect(await keyring.kekFor(orgId, kek.id, kek.version)).toEqual(kek);
    }
    expect(reads.find).toBe(finds);

    // Another process rotates; this one's next write, sealed under version 1, must not land on it.
    await keyringWith().rotate(orgId);
    const stale = await keyring.currentKek(orgId);
    await expect(tenant(orgId, (trx) => keyring.recordWrap(trx, orgId, stale))).rejects.toThrow(KekRetiredError);
    // ... and the retry takes the new version.
    const fresh = await keyring.currentKek(orgId);
    expect(fresh.version).toBe(2);
    await tenant(orgId, (trx) => keyring.recordWrap(trx, orgId, fresh));
    expect((await storedKeks(orgId)).map((r) => [r.version, r.state, Number(r.wrap_count)])).toEqual([
      [1, 'retired', 0],
      [2, 'active', 1],
    ]);
  });

  it('hands out copies, so a caller zeroing its KEK cannot corrupt the cache', async () => {
    const orgId = await newOrg();
    const keyring = keyringWith();
    const { id } = await keyring.currentKek(orgId);
    const kek = await keyring.kekFor(orgId, id, 1);
    const expected = Buffer.from(kek.key);
    kek.key.fill(0);
    expect((await keyring.kekFor(orgId, kek.id, 1)).key.equals(expected)).toBe(true);
    expect((await keyring.currentKek(orgId)).key.equals(expected)).toBe(true);
  });

  it('creates a version in a transaction of its own, so the writer that created it needs no unwrap, and its own rollback loses nothing', async () => {
    const orgId = await newOrg();
    const { provider: counting, calls } = countingProvider();
    const keyring = keyringWith({ provider: counting });
    const kek = await keyring.currentKek(orgId);
    // A write under it that fails rolls back its own rows only; the committed version stays.
    await expect(
      tenant(orgId, async (trx) => {
        await keyring.recordWrap(trx, orgId, kek);
        throw new Rollback();
      }),
    ).rejects.toThrow(Rollback);
    for (let i = 0; i < 20; i++) {
      expect(await keyring.currentKek(orgId)).toEqual(kek);
      expect(await keyring.kekFor(orgId, kek.id, kek.version)).toEqual(kek);
    }
    expect(calls).toEqual({ wrap: 1, unwrap: 0 });
    expect((await storedKeks(orgId)).map((r) => [r.version, r.state, Number(r.wrap_count)])).toEqual([[1, 'active', 0]]);
    // Another process finds the same material.
    expect((await keyringWith().kekFor(orgId, kek.id, 1)).key.equals(kek.key)).toBe(true);
  });

  it('calls the KMS outside every transaction', async () => {
    const orgId = await newOrg();
    const owner = await connectAsOwner(testDb.url);
    const inTransaction: number[] = [];
    const watching: KmsProvider = {
      name: provider.name,
      wrapKey: async (material, context) => {
        inTransaction.push(await openTransactions(owner));
        return provider.wrapKey(material, context);
      },
      unwrapKey: async (wrapped, context) => {
        inTransaction.push(await openTransactions(owner));
        return provider.unwrapKey(wrapped, context);
      },
    };
    try {
      const kek = await keyringWith({ provider: watching }).currentKek(orgId);
      await keyringWith({ provider: watching }).rotate(orgId);
      await keyringWith({ provider: watching }).kekFor(orgId, kek.id, 1);
      await keyringWith({ provider: watching }).currentKek(orgId);
    } finally {
      await owner.end();
    }
    expect(inTransaction).toEqual([0, 0, 0, 0]);
  });

  it('rotates once when rotations race', async () => {
    const orgId = await newOrg();
    await keyringWith().currentKek(orgId);
    const store = racingStore(6);
    const keyrings = [keyringWith({ provider, store }), keyringWith({ provider, store })];
    const rotated = await Promise.all(Array.from({ length: 6 }, (_, i) => keyrings[i % 2]!.rotate(orgId)));
    const rows = await storedKeks(orgId);
    expect(rows.map((r) => [r.version, r.state])).toEqual([
      [1, 'retired'],
      [2, 'active'],
    ]);
    const v2 = await keyringWith().kekFor(orgId, rows[1]!.key_id, 2);
    for (const kek of rotated) expect(kek).toEqual(v2);
  });

  it('rejects a wrap limit outside 1..2^30', () => {
    for (const maxWrapsPerKek of [0, -1, 1.5, 2 ** 30 + 1]) {
      expect(() => keyringWith({ provider, maxWrapsPerKek })).toThrow(TypeError);
    }
  });
});

/** Sessions of the test database (other than the watcher's own) that are inside a transaction right now. */
async function openTransactions(owner: Awaited<ReturnType<typeof connectAsOwner>>): Promise<number> {
  const { rows } = await owner.query(
    `select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and state in ('active', 'idle in transaction') and xact_start is not null`,
  );
  return rows[0].n as number;
}
