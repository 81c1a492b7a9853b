import { CofferError } from '@coffer/contract';
import { DecryptionError, encryptValue, KEY_BYTES, openValue, unwrapDek, type SealedValue } from '@coffer/crypto';
import type { Knex } from '@coffer/db';
import { KekNotFoundError, type Kek, type Keyring } from '@coffer/kms';
import { createDekCache, type DekCache } from './dek-cache.js';
import { createValueOpener, type ValueOpener } from './value-opener.js';

/** What a stored version holds of its encryption: both blobs and the KEK version that wraps the DEK. */
export interface StoredBlobs {
  secret_id: string;
  version: number;
  ciphertext: string;
  wrapped_dek: string;
  kms_key_id: string;
  kms_key_version: number;
}

/** A KEK this module could not get for a version: why, so that opening that version says so. */
type Unavailable = { failed: 'not-found' | 'tag' };

/**
 * KEKs resolved for one operation, before its transaction: opening a value with them is pure CPU.
 * Opening a version whose KEK is neither here nor in the process cache throws KekNotInHand, so
 * that the caller resolves it outside the transaction and runs the transaction again.
 */
export interface KeysInHand {
  open(key: string, row: StoredBlobs): string;
  /** Opens many values at once, in order, through the sealer's ValueOpener (`load` says where). */
  openAll(entries: readonly { key: string; row: StoredBlobs }[], load: { alone: boolean }): Promise<string[]>;
}

export class KekNotInHand extends Error {
  override readonly name = 'KekNotInHand';
  constructor(readonly row: StoredBlobs) {
    super('kek not resolved before the transaction');
  }
}

const refOf = (row: Pick<StoredBlobs, 'kms_key_id' | 'kms_key_version'>) => `${row.kms_key_id}:${row.kms_key_version}`;

/**
 * Seals and opens secret values: the only place the Secret service touches keys. The KMS work
 * (reading, creating and unwrapping KEKs) happens here, before any transaction; inside one only
 * the wrap counter (`recordSeal`) and pure AES-GCM remain. Failures are precise: a KMS or database
 * outage is UNAVAILABLE (503); only a failed authentication tag is a decryption failure (DATA_LOSS,
 * counted in the metric); a version whose KEK row is gone is DATA_LOSS too, not counted.
 */
export function createSecretSealer({
  keyring,
  onDecryptionFailure,
  deks = createDekCache(),
  opener = createValueOpener({ thread: false }),
}: {
  keyring: Keyring;
  onDecryptionFailure(): void;
  deks?: DekCache;
  opener?: ValueOpener;
}) {
  /** The version's DEK, from the cache or unwrapped (and then cached) under its KEK: lent by the cache, read it at once. */
  function dekOf(orgId: string, row: StoredBlobs, kek: Kek): Buffer {
    const ref = { orgId, kmsKeyId: row.kms_key_id, kmsKeyVersion: row.kms_key_version, wrappedDek: row.wrapped_dek };
    const cached = deks.get(ref);
    if (cached) return cached;
    const dek = unwrapDek({ wrappedDek: row.wrapped_dek, orgId, kek });
    deks.set(ref, dek);
    return dek;
  }

  function unreadable(key: string, version: number, tagFailed: boolean): CofferError {
    if (tagFailed) onDecryptionFailure();
    return new CofferError('DATA_LOSS', `secret '${key}' version ${version} could not be decrypted`);
  }

  /** Resolves the KEKs of these rows (cache, else database and KMS) ahead of a transaction. */
  async function prepare(orgId: string, rows: readonly StoredBlobs[]): Promise<KeysInHand> {
    const keks = new Map<string, Kek | Unavailable>();
    for (const row of rows) {
      const ref = refOf(row);
      if (keks.has(ref)) continue;
      try {
        keks.set(ref, await keyring.kekFor(orgId, row.kms_key_id, row.kms_key_version));
      } catch (err) {
        if (err instanceof KekNotFoundError) keks.set(ref, { failed: 'not-found' });
        else if (err instanceof DecryptionError) keks.set(ref, { failed: 'tag' });
        else throw err;
      }
    }
    function kekOf(key: string, row: StoredBlobs): Kek {
      const kek = keks.get(refOf(row)) ?? keyring.cachedKek(orgId, row.kms_key_id, row.kms_key_version);
      if (!kek) throw new KekNotInHand(row);
      if ('failed' in kek) throw unreadable(key, row.version, kek.failed === 'tag');
      return kek;
    }
    function dekFor(key: string, row: StoredBlobs): Buffer {
      const kek = kekOf(key, row);
      try {
        return dekOf(orgId, row, kek);
      } catch (err) {
        if (err instanceof DecryptionError) throw unreadable(key, row.version, true);
        throw err;
      }
    }
    return {
      open(key, row) {
        const dek = dekFor(key, row);
        try {
          return openValue({ ciphertext: row.ciphertext, orgId, secretId: row.secret_id, version: row.version, dek });
        } catch (err) {
          if (err instanceof DecryptionError) throw unreadable(key, row.version, true);
          throw err;
        }
      },
      async openAll(entries, load) {
        const packed = new Uint8Array(entries.length * KEY_BYTES);
        entries.forEach(({ key, row }, i) => packed.set(dekFor(key, row), i * KEY_BYTES));
        const items = entries.map(({ row }) => ({ ciphertext: row.ciphertext, secretId: row.secret_id, version: row.version }));
        const values = await opener.open({ orgId, items, deks: packed.buffer }, load);
        return values.map((value, i) => {
          if (value === null) throw unreadable(entries[i]!.key, entries[i]!.row.version, true);
          return value;
        });
      },
    };
  }

  return {
    prepare,

    /** The KEK new versions are sealed under, resolved before the write's transaction. */
    writeKek: (orgId: string): Promise<Kek> => keyring.currentKek(orgId),

    /** Pure: a fresh DEK for this version, bound to its place. */
    seal: (kek: Kek, input: { plaintext: string; orgId: string; secretId: string; version: number }): SealedValue => encryptValue({ ...input, kek }),

    /** Inside the write's transaction: the KEK is still active, and one more DEK is counted on it. */
    recordSeal: (trx: Knex.Transaction, orgId: string, kek: Kek): Promise<void> => keyring.recordWrap(trx, orgId, kek),
  };
}

export type SecretSealer = ReturnType<typeof createSecretSealer>;
