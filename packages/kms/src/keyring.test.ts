import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { decryptValue, DecryptionError, encryptValue, generateKey } from '@coffer/crypto';
import { openDatabase, withTenant, type Database, type Knex } from '@coffer/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAsOwner, createTestDatabase, type TestDatabase } from '../../../tests/support/postgres.js';
import { createKekStore, type KekStore } from './kek-store.js';
import { createKeyring } from './keyring.js';
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

describe('keyring on PostgreSQL', () => {
  it('creates version 1 on first use and stores it only wrapped', async () => {
    const orgId = await newOrg();
    const keyring = createKeyring({ provider });
    const kek = await tenant(orgId, (trx) => keyring.currentKek(trx, orgId));
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

    const again = await tenant(orgId, (trx) => keyring.currentKek(trx, orgId));
    expect(again).toEqual(kek);
    expect(await storedKeks(orgId)).toHaveLength(1);
  });

  it('creates one version 1 however many first calls race', async () => {
    const orgId = await newOrg();
    const store = racingStore(10);
    const counting = countingProvider();
    // Two keyrings stand for two processes; each also races itself.
    const keyrings = [createKeyring({ provider: counting.provider, store }), createKeyring({ provider: counting.provider, store })];
    const keks = await Promise.all(
      Array.from({ length: 10 }, (_, i) => tenant(orgId, (trx) => keyrings[i % 2]!.currentKek(trx, orgId))),
    );
    expect(counting.calls.wrap).toBe(10);
    const rows = await storedKeks(orgId);
    expect(rows).toHaveLength(1);
    for (const kek of keks) {
      expect(kek).toEqual({ id: rows[0]!.key_id, version: 1, key: keks[0]!.key });
    }
  });

  it('rotates to version 2 while version 1 keeps decrypting', async () => {
    const orgId = await newOrg();
    const keyring = createKeyring({ provider });
    const v1 = await tenant(orgId, (trx) => keyring.currentKek(trx, orgId));
    const secretId = randomUUID();
    const sealed = { secretId, ...encryptValue({ plaintext: 'old value', orgId, secretId, version: 1, kek: v1 }) };

    const v2 = await tenant(orgId, (trx) => keyring.rotate(trx, orgId));
    expect(v2).toMatchObject({ id: v1.id, version: 2 });
    expect(v2.key.equals(v1.key)).toBe(false);
    expect((await tenant(orgId, (trx) => keyring.currentKek(trx, orgId))).version).toBe(2);

    const rows = await storedKeks(orgId);
    expect(rows.map((r) => [r.version, r.state])).toEqual([[1, 'retired'], [2, 'active']]);
    expect(rows[0]!.retired_at).toBeInstanceOf(Date);

    // A fresh process has nothing cached and must unwrap version 1 from the database.
    const cold = createKeyring({ provider });
    const again = await tenant(orgId, (trx) => cold.kekFor(trx, orgId, sealed.kekId, sealed.kekVersion));
    expect(again).toEqual(v1);
    expect(decryptValue({ ...sealed, orgId, secretId: sealed.secretId, version: 1, kek: again })).toBe('old value');
  });

  it('fails to unwrap under the wrong master key', async () => {
    const orgId = await newOrg();
    const kek = await tenant(orgId, (trx) => createKeyring({ provider }).currentKek(trx, orgId));
    const impostor = createKeyring({ provider: createLocalKmsProvider({ masterKey: generateKey() }) });
    await expect(tenant(orgId, (trx) => impostor.kekFor(trx, orgId, kek.id, kek.version))).rejects.toThrow(DecryptionError);
    await expect(tenant(orgId, (trx) => impostor.currentKek(trx, orgId))).rejects.toThrow(DecryptionError);
  });

  it('refuses material wrapped by another provider', async () => {
    const orgId = await newOrg();
    const kek = await tenant(orgId, (trx) => createKeyring({ provider }).currentKek(trx, orgId));
    const other = createKeyring({ provider: { ...provider, name: 'aws' } });
    await expect(tenant(orgId, (trx) => other.kekFor(trx, orgId, kek.id, 1))).rejects.toThrow(/wrapped by provider 'local'/);
  });

  it('retires a version that reaches maxWrapsPerKek and rolls over to the next', async () => {
    const orgId = await newOrg();
    const keyring = createKeyring({ provider, maxWrapsPerKek: 3 });
    const v1 = await tenant(orgId, (trx) => keyring.currentKek(trx, orgId));
    for (let i = 0; i < 2; i++) await tenant(orgId, (trx) => keyring.recordWrap(trx, orgId, v1));
    expect((await tenant(orgId, (trx) => keyring.currentKek(trx, orgId))).version).toBe(1);

    await tenant(orgId, (trx) => keyring.recordWrap(trx, orgId, v1));
    const rows = await storedKeks(orgId);
    expect(rows.map((r) => [r.version, r.state, Number(r.wrap_count)])).toEqual([[1, 'retired', 3], [2, 'active', 0]]);
    const next = await tenant(orgId, (trx) => keyring.currentKek(trx, orgId));
    expect(next).toMatchObject({ id: v1.id, version: 2 });

    // A late wrap under the retired version is still counted but starts no third version.
    await tenant(orgId, (trx) => keyring.recordWrap(trx, orgId, v1));
    expect((await storedKeks(orgId)).map((r) => [r.version, r.state, Number(r.wrap_count)])).toEqual([[1, 'retired', 4], [2, 'active', 0]]);
  });

  it('does not let one organisation read or count on another organisation’s KEK', async () => {
    const a = await newOrg();
    const b = await newOrg();
    const keyring = createKeyring({ provider });
    const kekA = await tenant(a, (trx) => keyring.currentKek(trx, a));

    await expect(tenant(b, (trx) => keyring.kekFor(trx, b, kekA.id, kekA.version))).rejects.toThrow('kek not found');
    await expect(tenant(b, (trx) => keyring.recordWrap(trx, b, kekA))).rejects.toThrow('kek not found');
    // Even asking for A by name inside B's transaction finds nothing: row-level security.
    const cold = createKeyring({ provider });
    await expect(tenant(b, (trx) => cold.kekFor(trx, a, kekA.id, kekA.version))).rejects.toThrow('kek not found');

    const kekB = await tenant(b, (trx) => keyring.currentKek(trx, b));
    expect(kekB.id).not.toBe(kekA.id);
    expect(kekB.key.equals(kekA.key)).toBe(false);
    expect(Number((await storedKeks(a))[0]!.wrap_count)).toBe(0);
  });

  it('throws kek not found for an unknown version', async () => {
    const orgId = await newOrg();
    const keyring = createKeyring({ provider });
    const kek = await tenant(orgId, (trx) => keyring.currentKek(trx, orgId));
    await expect(tenant(orgId, (trx) => keyring.kekFor(trx, orgId, kek.id, 2))).rejects.toThrow('kek not found');
    await expect(tenant(orgId, (trx) => keyring.kekFor(trx, orgId, randomUUID(), 1))).rejects.toThrow('kek not found');
  });

  it('round-trips an envelope with keyring KEKs across rotations and processes', async () => {
    const orgId = await newOrg();
    const writer = createKeyring({ provider });
    const secretId = randomUUID();
    const versions = [];
    for (const [version, plaintext] of [[1, 'first'], [2, 'sëcond 🔑'], [3, '']] as const) {
      versions.push(
        await tenant(orgId, async (trx) => {
          const kek = await writer.currentKek(trx, orgId);
          const sealed = encryptValue({ plaintext, orgId, secretId, version, kek });
          await writer.recordWrap(trx, orgId, kek);
          return { version, plaintext, ...sealed };
        }),
      );
      await tenant(orgId, (trx) => writer.rotate(trx, orgId));
    }
    expect(versions.map((v) => v.kekVersion)).toEqual([1, 2, 3]);

    const reader = createKeyring({ provider });
    for (const v of versions) {
      const kek = await tenant(orgId, (trx) => reader.kekFor(trx, orgId, v.kekId, v.kekVersion));
      expect(decryptValue({ ...v, orgId, secretId, kek })).toBe(v.plaintext);
    }
    expect((await storedKeks(orgId)).map((r) => Number(r.wrap_count))).toEqual([1, 1, 1, 0]);
  });

  it('answers a cached decrypt without a query but re-reads the current version', async () => {
    const orgId = await newOrg();
    const { store, reads } = countingStore();
    const keyring = createKeyring({ provider, store });
    const kek = await tenant(orgId, (trx) => keyring.currentKek(trx, orgId));
    await tenant(orgId, (trx) => keyring.kekFor(trx, orgId, kek.id, kek.version));
    const finds = reads.find;
    for (let i = 0; i < 5; i++) {
      expect(await tenant(orgId, (trx) => keyring.kekFor(trx, orgId, kek.id, kek.version))).toEqual(kek);
    }
    expect(reads.find).toBe(finds);

    // Another process rotates; this one must take new writes on the new version at once.
    await tenant(orgId, (trx) => createKeyring({ provider }).rotate(trx, orgId));
    expect((await tenant(orgId, (trx) => keyring.currentKek(trx, orgId))).version).toBe(2);
  });

  it('hands out copies, so a caller zeroing its KEK cannot corrupt the cache', async () => {
    const orgId = await newOrg();
    const keyring = createKeyring({ provider });
    const { id } = await tenant(orgId, (trx) => keyring.currentKek(trx, orgId));
    const kek = await tenant(orgId, (trx) => keyring.kekFor(trx, orgId, id, 1));
    const expected = Buffer.from(kek.key);
    kek.key.fill(0);
    expect((await tenant(orgId, (trx) => keyring.kekFor(trx, orgId, kek.id, 1))).key.equals(expected)).toBe(true);
    expect((await tenant(orgId, (trx) => keyring.currentKek(trx, orgId))).key.equals(expected)).toBe(true);
  });

  it('reuses a version it just created within the creating transaction', async () => {
    const orgId = await newOrg();
    const { provider: counting, calls } = countingProvider();
    const keyring = createKeyring({ provider: counting });
    await tenant(orgId, async (trx) => {
      const kek = await keyring.currentKek(trx, orgId);
      for (let i = 0; i < 20; i++) {
        expect(await keyring.currentKek(trx, orgId)).toEqual(kek);
        expect(await keyring.kekFor(trx, orgId, kek.id, kek.version)).toEqual(kek);
      }
    });
    expect(calls).toEqual({ wrap: 1, unwrap: 0 });
  });

  it('never caches a version whose creating transaction rolled back', async () => {
    const orgId = await newOrg();
    const keyring = createKeyring({ provider });
    const v1 = await tenant(orgId, (trx) => keyring.currentKek(trx, orgId));

    // A batch that rotates, reads the new version back, then fails.
    await expect(
      tenant(orgId, async (trx) => {
        await keyring.rotate(trx, orgId);
        await keyring.currentKek(trx, orgId);
        await keyring.kekFor(trx, orgId, v1.id, 2);
        throw new Rollback();
      }),
    ).rejects.toThrow(Rollback);

    // Another process then creates version 2 for real, with other material.
    const real = await tenant(orgId, (trx) => createKeyring({ provider }).rotate(trx, orgId));
    expect(real.version).toBe(2);
    expect((await tenant(orgId, (trx) => keyring.kekFor(trx, orgId, v1.id, 2))).key.equals(real.key)).toBe(true);
    expect((await tenant(orgId, (trx) => keyring.currentKek(trx, orgId))).key.equals(real.key)).toBe(true);
  });

  it('rotates once when rotations race', async () => {
    const orgId = await newOrg();
    await tenant(orgId, (trx) => createKeyring({ provider }).currentKek(trx, orgId));
    const store = racingStore(6);
    const keyrings = [createKeyring({ provider, store }), createKeyring({ provider, store })];
    const rotated = await Promise.all(Array.from({ length: 6 }, (_, i) => tenant(orgId, (trx) => keyrings[i % 2]!.rotate(trx, orgId))));
    const rows = await storedKeks(orgId);
    expect(rows.map((r) => [r.version, r.state])).toEqual([[1, 'retired'], [2, 'active']]);
    const v2 = await tenant(orgId, (trx) => createKeyring({ provider }).kekFor(trx, orgId, rows[1]!.key_id, 2));
    for (const kek of rotated) expect(kek).toEqual(v2);
  });

  it('rejects a wrap limit outside 1..2^30', () => {
    for (const maxWrapsPerKek of [0, -1, 1.5, 2 ** 30 + 1]) {
      expect(() => createKeyring({ provider, maxWrapsPerKek })).toThrow(TypeError);
    }
  });
});
