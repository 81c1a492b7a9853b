import { DecryptionError, KEY_BYTES, openValue } from '@coffer/crypto';

/** Where one stored value belongs: what its AAD binds. */
export interface SealedItem {
  ciphertext: string;
  secretId: string;
  version: number;
}

/** A batch of values to open and their DEKs packed back to back, `KEY_BYTES` each, in item order. */
export interface ValueBatch {
  orgId: string;
  items: SealedItem[];
  deks: ArrayBuffer;
}

/** Each value opened, or null where its tag did not verify. */
export type OpenedValues = (string | null)[];

/** Opens a batch and zeroes its DEKs, which the caller handed over for this batch alone. */
export function openBatch({ orgId, items, deks }: ValueBatch): OpenedValues {
  try {
    return items.map(({ ciphertext, secretId, version }, i) => {
      try {
        return openValue({ ciphertext, orgId, secretId, version, dek: Buffer.from(deks, i * KEY_BYTES, KEY_BYTES) });
      } catch (err) {
        if (err instanceof DecryptionError) return null;
        throw err;
      }
    });
  } finally {
    new Uint8Array(deks).fill(0);
  }
}
