import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DecryptionError } from './errors.js';

const ALGORITHM = 'aes-256-gcm';
export const KEY_BYTES = 32;
export const IV_BYTES = 12;
export const TAG_BYTES = 16;

/** A fresh 256-bit key from the CSPRNG. */
export function generateKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** AES-256-GCM under a fresh random IV; returns `base64(iv ‖ tag ‖ ciphertext)`. */
export function seal(key: Buffer, plaintext: Buffer, aad: Buffer): string {
  if (key.length !== KEY_BYTES) throw new TypeError(`key must be ${KEY_BYTES} bytes`);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** Reverses `seal`; any failure at all becomes the same `DecryptionError`. */
export function open(key: Buffer, blob: string, aad: Buffer): Buffer {
  try {
    return decrypt(key, blob, aad);
  } catch {
    throw new DecryptionError();
  }
}

function decrypt(key: Buffer, blob: string, aad: Buffer): Buffer {
  if (key.length !== KEY_BYTES) throw new Error('bad key length');
  const raw = Buffer.from(blob, 'base64');
  // Node's decoder skips characters it does not know; only canonical base64 is accepted.
  if (raw.toString('base64') !== blob || raw.length < IV_BYTES + TAG_BYTES) throw new Error('malformed blob');
  const decipher = createDecipheriv(ALGORITHM, key, raw.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  // GCM is a stream mode: update yields every byte and final only verifies the tag.
  const plaintext = decipher.update(raw.subarray(IV_BYTES + TAG_BYTES));
  try {
    decipher.final();
  } catch (err) {
    // Unauthenticated output is attacker-shaped plaintext; do not leave it lying in memory.
    plaintext.fill(0);
    throw err;
  }
  return plaintext;
}
