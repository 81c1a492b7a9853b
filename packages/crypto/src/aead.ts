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

/**
 * The three parts of a blob, for a caller that stored them in another order than `seal` (an older
 * format it still reads, such as the coffer CLI's `nonce ‖ ciphertext ‖ tag`): it slices its bytes
 * and opens them here instead of running AES-GCM itself.
 */
export interface SealedParts {
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

/** Reverses `seal`; any failure at all becomes the same `DecryptionError`. */
export function open(key: Buffer, blob: string, aad: Buffer): Buffer {
  return openParts(
    key,
    opaque(() => partsOf(blob)),
    aad,
  );
}

/** Opens a blob given as its parts, with the same checks and the same `DecryptionError` as `open`. */
export function openParts(key: Buffer, parts: SealedParts, aad: Buffer): Buffer {
  return opaque(() => decrypt(key, parts, aad));
}

/** The one place a failure to open becomes `DecryptionError`: which check failed is never told. */
function opaque<T>(step: () => T): T {
  try {
    return step();
  } catch {
    throw new DecryptionError();
  }
}

/**
 * Base64 exactly as Buffer#toString writes it: padded, and the unused low bits of the last
 * character zero (before `=` one of every fourth letter, before `==` one of every sixteenth).
 * Testing it costs no allocation, unlike encoding the decoded bytes again to compare.
 */
const CANONICAL_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}[AEIMQUYcgkosw048]=|[A-Za-z0-9+/][AQgw]==)?$/;

function partsOf(blob: string): SealedParts {
  // Node's decoder skips characters it does not know and ignores stray bits; only canonical base64 is accepted.
  if (!CANONICAL_BASE64.test(blob)) throw new Error('malformed blob');
  const raw = Buffer.from(blob, 'base64');
  if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('malformed blob');
  return { iv: raw.subarray(0, IV_BYTES), tag: raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES), ciphertext: raw.subarray(IV_BYTES + TAG_BYTES) };
}

function decrypt(key: Buffer, { iv, tag, ciphertext }: SealedParts, aad: Buffer): Buffer {
  if (key.length !== KEY_BYTES) throw new Error('bad key length');
  // GCM would take other IV and tag lengths (a short tag is easier to forge): only those seal makes.
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error('bad iv or tag length');
  const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  // GCM is a stream mode: update yields every byte and final only verifies the tag.
  const plaintext = decipher.update(ciphertext);
  try {
    decipher.final();
  } catch (err) {
    // Unauthenticated output is attacker-shaped plaintext; do not leave it lying in memory.
    plaintext.fill(0);
    throw err;
  }
  return plaintext;
}
