import { randomUUID } from 'node:crypto';
import { generateKey, KEY_BYTES } from '@coffer/crypto';
import type { Knex } from '@coffer/db';
import { createKekCache } from './kek-cache.js';
import { createKekStore, type KekRow, type KekStore } from './kek-store.js';
import type { KmsProvider } from './provider.js';

/** One unwrapped version of an organisation's KEK; `id` is the key_id, stable across versions. */
export interface Kek {
  id: string;
  version: number;
  key: Buffer;
}

export interface KeyringOptions {
  provider: KmsProvider;
  store?: KekStore;
  /** Unwrapped KEK versions kept in memory. */
  cacheSize?: number;
  /** Wraps after which a KEK version is retired; at most 2^30 (see INVARIANTS.md). */
  maxWrapsPerKek?: number;
}

const WRAP_LIMIT = 2 ** 30;

function cacheKey(orgId: string, keyId: string, version: number): string {
  return `${orgId}:${keyId}:${version}`;
}

/**
 * Per-organisation, versioned KEKs: created on first use, rotated on demand or after
 * `maxWrapsPerKek` wraps, unwrapped through the provider and cached in this process.
 *
 * Every function runs in the caller's tenant-scoped transaction and takes the same `orgId` that
 * transaction is scoped to: a cache hit is answered without a query, so that is the check.
 */
export function createKeyring({ provider, store = createKekStore(), cacheSize = 1000, maxWrapsPerKek = WRAP_LIMIT }: KeyringOptions) {
  if (!Number.isSafeInteger(maxWrapsPerKek) || maxWrapsPerKek < 1 || maxWrapsPerKek > WRAP_LIMIT) {
    throw new TypeError('maxWrapsPerKek must be an integer from 1 to 2^30');
  }
  const cache = createKekCache(cacheSize);
  // One provider call per row however many requests miss the cache at once (cold start).
  const unwrapping = new Map<string, Promise<Buffer>>();
  // KEK versions each open transaction created itself, by row id; dropped with the transaction.
  const created = new WeakMap<Knex.Transaction, Map<string, Buffer>>();

  async function unwrap(row: KekRow): Promise<Buffer> {
    if (row.provider !== provider.name) {
      throw new Error(`kek ${row.keyId} version ${row.version} is wrapped by provider '${row.provider}', not '${provider.name}'`);
    }
    const material = await provider.unwrapKey(row.wrappedMaterial, { orgId: row.orgId, keyId: row.keyId, version: row.version });
    if (material.length !== KEY_BYTES) {
      material.fill(0);
      throw new Error(`kek ${row.keyId} version ${row.version} unwrapped to the wrong length`);
    }
    return material;
  }

  function unwrapOnce(row: KekRow): Promise<Buffer> {
    let pending = unwrapping.get(row.id);
    if (!pending) {
      pending = unwrap(row).finally(() => unwrapping.delete(row.id));
      unwrapping.set(row.id, pending);
    }
    return pending;
  }

  async function load(trx: Knex.Transaction, row: KekRow): Promise<Kek> {
    const kek = (material: Buffer): Kek => ({ id: row.keyId, version: row.version, key: Buffer.from(material) });
    if (row.createdByThisTransaction) {
      // It may yet roll back and its version be created again with other material, so it is
      // shared with no other transaction, but reused within this one (a first bulk import).
      const own = created.get(trx)?.get(row.id);
      if (own) return kek(own);
      const material = await unwrapOnce(row);
      remember(trx, row.id, material);
      return kek(material);
    }
    const key = cacheKey(row.orgId, row.keyId, row.version);
    const cached = cache.get(key);
    // The row id check means a write never wraps under material from some other row of this version.
    if (cached?.rowId === row.id) return kek(cached.material);
    const material = await unwrapOnce(row);
    cache.set(key, { rowId: row.id, material: Buffer.from(material) });
    return kek(material);
  }

  function remember(trx: Knex.Transaction, rowId: string, material: Buffer): void {
    const own = created.get(trx) ?? new Map<string, Buffer>();
    own.set(rowId, Buffer.from(material));
    created.set(trx, own);
  }

  /**
   * Creates the version after `previous` (version 1 for a new organisation). Loses gracefully to a
   * concurrent transaction creating the same version: the unique (org_id, version) makes our insert
   * wait for theirs and then do nothing, and the re-read sees their committed row.
   */
  async function createNext(trx: Knex.Transaction, orgId: string, previous: KekRow | undefined): Promise<Kek> {
    const keyId = previous?.keyId ?? randomUUID();
    const version = (previous?.version ?? 0) + 1;
    const material = generateKey();
    const id = randomUUID();
    let inserted = false;
    try {
      const wrappedMaterial = await provider.wrapKey(material, { orgId, keyId, version });
      inserted = await store.insert(trx, { id, orgId, keyId, version, provider: provider.name, wrappedMaterial });
    } finally {
      if (!inserted) material.fill(0);
    }
    if (inserted) {
      remember(trx, id, material);
      return { id: keyId, version, key: material };
    }
    const winner = await store.latest(trx, orgId);
    if (winner?.state !== 'active') throw new Error('no active kek after a concurrent creation');
    return load(trx, winner);
  }

  /**
   * The version new DEKs are wrapped with. The tiny active row is re-read on every call rather than
   * cached: a rotation or wrap-limit rollover by any process is seen at once, and within the
   * caller's transaction, so no write ever lands on a retired version. Only the unwrap is cached.
   */
  async function currentKek(trx: Knex.Transaction, orgId: string): Promise<Kek> {
    const latest = await store.latest(trx, orgId);
    return latest?.state === 'active' ? load(trx, latest) : createNext(trx, orgId, latest);
  }

  /** Any version, for decryption; a cached version is returned without touching the database. */
  async function kekFor(trx: Knex.Transaction, orgId: string, keyId: string, version: number): Promise<Kek> {
    const cached = cache.get(cacheKey(orgId, keyId, version));
    if (cached) return { id: keyId, version, key: Buffer.from(cached.material) };
    const row = await store.find(trx, orgId, keyId, version);
    if (!row) throw new Error('kek not found');
    return load(trx, row);
  }

  /** Counts one DEK wrapped under `kek`; at the limit the version retires and the next one starts. */
  async function recordWrap(trx: Knex.Transaction, orgId: string, kek: Pick<Kek, 'id' | 'version'>): Promise<void> {
    const wraps = await store.incrementWraps(trx, orgId, kek.id, kek.version);
    if (wraps === undefined) throw new Error('kek not found');
    if (wraps < maxWrapsPerKek) return;
    // Already retired (by a rotation, or another writer reaching the limit): nothing to roll over.
    if (!(await store.retire(trx, orgId, kek.id, kek.version))) return;
    const next = await createNext(trx, orgId, await store.latest(trx, orgId));
    next.key.fill(0);
  }

  /** A version already unwrapped in this process, without any I/O; undefined when it is not. */
  function cachedKek(orgId: string, keyId: string, version: number): Kek | undefined {
    const cached = cache.get(cacheKey(orgId, keyId, version));
    return cached ? { id: keyId, version, key: Buffer.from(cached.material) } : undefined;
  }

  /** Retires the active version and starts the next; retired versions keep decrypting. */
  async function rotate(trx: Knex.Transaction, orgId: string): Promise<Kek> {
    const latest = await store.latest(trx, orgId);
    if (latest?.state === 'active' && !(await store.retire(trx, orgId, latest.keyId, latest.version))) {
      // A concurrent rotation retired it first and created the next version; use theirs.
      return currentKek(trx, orgId);
    }
    return createNext(trx, orgId, latest);
  }

  return { currentKek, kekFor, cachedKek, recordWrap, rotate };
}

export type Keyring = ReturnType<typeof createKeyring>;
