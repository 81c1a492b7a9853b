import { randomUUID } from 'node:crypto';
import { CofferError } from '@coffer/contract';
import { DecryptionError, generateKey, KEY_BYTES } from '@coffer/crypto';
import { withTenant, type Knex } from '@coffer/db';
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
  /** Where `kms_keys` lives; the keyring reads and creates KEK rows in short transactions of its own. */
  knex: Knex;
  store?: KekStore;
  /** Unwrapped KEK versions kept in memory. */
  cacheSize?: number;
  /** Wraps after which a KEK version is retired; at most 2^30 (see INVARIANTS.md). */
  maxWrapsPerKek?: number;
}

/** No KEK row for the version a blob names: the blob cannot be opened by anyone. */
export class KekNotFoundError extends Error {
  override readonly name = 'KekNotFoundError';
  constructor() {
    super('kek not found');
  }
}

/**
 * The version a write sealed under was retired after it was resolved (a rotation or the wrap
 * limit, in any process): the write's transaction must roll back and start again with the
 * current version, so that nothing is ever wrapped under a retired KEK.
 */
export class KekRetiredError extends Error {
  override readonly name = 'KekRetiredError';
  constructor() {
    super('kek version was retired meanwhile');
  }
}

const WRAP_LIMIT = 2 ** 30;

function cacheKey(orgId: string, keyId: string, version: number): string {
  return `${orgId}:${keyId}:${version}`;
}

/** A KMS that cannot be reached or refuses is an outage (503), never a corrupt secret; a failed tag stays a DecryptionError. */
async function kms<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof DecryptionError || err instanceof CofferError) throw err;
    throw new CofferError('UNAVAILABLE', 'the key management service is unavailable; retry later', { cause: err });
  }
}

/**
 * Per-organisation, versioned KEKs: created on first use, rotated on demand or after
 * `maxWrapsPerKek` wraps, unwrapped through the provider and cached in this process.
 *
 * Nothing here runs inside a caller's transaction except `recordWrap`: KEKs are read, created and
 * unwrapped (the KMS round trips) before the caller's transaction opens, so no transaction ever
 * waits on a KMS, and `recordWrap` then checks, inside it, that the version is still the active one.
 */
export function createKeyring({ provider, knex, store = createKekStore(), cacheSize = 1000, maxWrapsPerKek = WRAP_LIMIT }: KeyringOptions) {
  if (!Number.isSafeInteger(maxWrapsPerKek) || maxWrapsPerKek < 1 || maxWrapsPerKek > WRAP_LIMIT) {
    throw new TypeError('maxWrapsPerKek must be an integer from 1 to 2^30');
  }
  const cache = createKekCache(cacheSize);
  // The version each organisation's writes go to, as last seen: a write checks it inside its
  // transaction (recordWrap), so a stale entry costs that write one retry, never a retired wrap.
  const active = new Map<string, { keyId: string; version: number }>();
  // One provider call per row however many requests miss the cache at once (cold start).
  const unwrapping = new Map<string, Promise<Buffer>>();

  async function unwrap(row: KekRow): Promise<Buffer> {
    if (row.provider !== provider.name) {
      throw new Error(`kek ${row.keyId} version ${row.version} is wrapped by provider '${row.provider}', not '${provider.name}'`);
    }
    const material = await kms(() => provider.unwrapKey(row.wrappedMaterial, { orgId: row.orgId, keyId: row.keyId, version: row.version }));
    if (material.length !== KEY_BYTES) {
      material.fill(0);
      throw new Error(`kek ${row.keyId} version ${row.version} unwrapped to the wrong length`);
    }
    return material;
  }

  /** The unwrapped material of a committed row, from the cache or the provider (once per row however many ask). */
  async function load(row: KekRow): Promise<Kek> {
    const cached = copyOf(row.orgId, row.keyId, row.version);
    if (cached) return cached;
    let pending = unwrapping.get(row.id);
    if (!pending) {
      pending = unwrap(row)
        .then((material) => {
          // The cache zeroes what it evicts: it gets a copy of its own.
          cache.set(cacheKey(row.orgId, row.keyId, row.version), { material: Buffer.from(material) });
          return material;
        })
        .finally(() => unwrapping.delete(row.id));
      unwrapping.set(row.id, pending);
    }
    return { id: row.keyId, version: row.version, key: Buffer.from(await pending) };
  }

  function copyOf(orgId: string, keyId: string, version: number): Kek | undefined {
    const cached = cache.get(cacheKey(orgId, keyId, version));
    return cached ? { id: keyId, version, key: Buffer.from(cached.material) } : undefined;
  }

  /**
   * Creates the version after `previous` (version 1 for a new organisation) and commits it at
   * once: the material is wrapped by the provider first, outside any transaction, then inserted in
   * one of its own. Loses gracefully to a concurrent creation of the same version: the unique
   * (org_id, version) makes the insert do nothing, and the re-read sees the winner's row.
   */
  async function createNext(orgId: string, previous: KekRow | undefined): Promise<Kek> {
    const keyId = previous?.keyId ?? randomUUID();
    const version = (previous?.version ?? 0) + 1;
    const material = generateKey();
    const id = randomUUID();
    try {
      const wrappedMaterial = await kms(() => provider.wrapKey(material, { orgId, keyId, version }));
      if (await withTenant(knex, orgId, (trx) => store.insert(trx, { id, orgId, keyId, version, provider: provider.name, wrappedMaterial }))) {
        // Committed: its material can be shared with every later caller without unwrapping it again.
        cache.set(cacheKey(orgId, keyId, version), { material: Buffer.from(material) });
        return copyOf(orgId, keyId, version)!;
      }
    } finally {
      material.fill(0);
    }
    const winner = await withTenant(knex, orgId, (trx) => store.latest(trx, orgId));
    if (winner?.state !== 'active') throw new Error('no active kek after a concurrent creation');
    return load(winner);
  }

  function rememberActive(orgId: string, kek: Kek): Kek {
    if (active.size >= cacheSize && !active.has(orgId)) active.delete(active.keys().next().value!);
    active.set(orgId, { keyId: kek.id, version: kek.version });
    return kek;
  }

  /**
   * The version new DEKs are wrapped with, resolved before the write's transaction: the version
   * last seen active in this process, else the active row (created when there is none). A rotation
   * or rollover by another process is caught by `recordWrap` inside the write, which forgets the
   * stale version so that the retry reads the new one.
   */
  async function currentKek(orgId: string): Promise<Kek> {
    const known = active.get(orgId);
    const cached = known && copyOf(orgId, known.keyId, known.version);
    if (cached) return cached;
    const latest = await withTenant(knex, orgId, (trx) => store.latest(trx, orgId));
    return rememberActive(orgId, latest?.state === 'active' ? await load(latest) : await createNext(orgId, latest));
  }

  /** Any version, for decryption; a cached version is returned without any I/O. */
  async function kekFor(orgId: string, keyId: string, version: number): Promise<Kek> {
    const cached = copyOf(orgId, keyId, version);
    if (cached) return cached;
    const row = await withTenant(knex, orgId, (trx) => store.find(trx, orgId, keyId, version));
    if (!row) throw new KekNotFoundError();
    return load(row);
  }

  /**
   * Inside the write's transaction: counts one DEK wrapped under `kek`, which must still be the
   * active version (else KekRetiredError: the caller retries with the current one). The counter
   * row stays locked until commit, so a rotation waits for this write instead of overtaking it. At
   * the limit the version retires; the next write creates the next version.
   */
  async function recordWrap(trx: Knex.Transaction, orgId: string, kek: Pick<Kek, 'id' | 'version'>): Promise<void> {
    const wraps = await store.incrementActiveWraps(trx, orgId, kek.id, kek.version);
    if (wraps === undefined) {
      active.delete(orgId);
      throw new KekRetiredError();
    }
    if (wraps >= maxWrapsPerKek) {
      await store.retire(trx, orgId, kek.id, kek.version);
      active.delete(orgId);
    }
  }

  /** A version already unwrapped in this process, without any I/O; undefined when it is not. */
  function cachedKek(orgId: string, keyId: string, version: number): Kek | undefined {
    return copyOf(orgId, keyId, version);
  }

  /** Retires the active version and starts the next; retired versions keep decrypting. */
  async function rotate(orgId: string): Promise<Kek> {
    const { latest, retired } = await withTenant(knex, orgId, async (trx) => {
      const row = await store.latest(trx, orgId);
      return { latest: row, retired: row?.state === 'active' ? await store.retire(trx, orgId, row.keyId, row.version) : true };
    });
    active.delete(orgId);
    // A concurrent rotation retired it first and created (or is creating) the next version: use theirs.
    if (!retired) return currentKek(orgId);
    return rememberActive(orgId, await createNext(orgId, latest));
  }

  return { currentKek, kekFor, cachedKek, recordWrap, rotate };
}

export type Keyring = ReturnType<typeof createKeyring>;
