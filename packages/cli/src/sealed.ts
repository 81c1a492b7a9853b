import { DecryptionError, IV_BYTES, open, openParts, seal, TAG_BYTES } from '@coffer/crypto';

/**
 * How the CLI keeps a secret at rest (the token in config.json, offline snapshots): `enc2:` +
 * `@coffer/crypto`'s seal, base64(12-byte IV ‖ 16-byte GCM tag ‖ ciphertext), AES-256-GCM with
 * `aad` naming what the text is for, so that one sealed text cannot be passed off as another.
 */
const CURRENT = 'enc2:';
/**
 * What earlier versions wrote: `enc:` + base64(12-byte nonce ‖ ciphertext ‖ 16-byte tag). Still
 * read, so an existing config and its snapshots keep working; whoever reads one rewrites it.
 */
const LEGACY = 'enc:';

export function sealText(text: string, key: Buffer, aad: Buffer): string {
  const plaintext = Buffer.from(text, 'utf8');
  try {
    return CURRENT + seal(key, plaintext, aad);
  } finally {
    plaintext.fill(0);
  }
}

/** Whether `text` is sealed at all (in either layout), rather than a plaintext from an older config. */
export const isSealed = (text: string) => text.startsWith(CURRENT) || text.startsWith(LEGACY);

/**
 * Opens what {@link sealText} or an earlier version sealed with the same `aad`. `legacy` says it was
 * in the older layout and should be rewritten. Undefined when it is malformed, altered or the key changed.
 */
export function openSealed(sealed: string, key: Buffer, aad: Buffer): { text: string; legacy: boolean } | undefined {
  try {
    if (sealed.startsWith(CURRENT)) return { text: utf8(open(key, sealed.slice(CURRENT.length), aad)), legacy: false };
    if (sealed.startsWith(LEGACY)) return { text: utf8(openParts(key, legacyParts(sealed.slice(LEGACY.length)), aad)), legacy: true };
    return undefined;
  } catch (err) {
    if (err instanceof DecryptionError) return undefined;
    throw err;
  }
}

/** The older layout sliced into its parts; @coffer/crypto does the decryption (and fails opaquely on a short one). */
function legacyParts(body: string) {
  const raw = Buffer.from(body, 'base64');
  const tagAt = Math.max(IV_BYTES, raw.length - TAG_BYTES);
  return { iv: raw.subarray(0, IV_BYTES), ciphertext: raw.subarray(IV_BYTES, tagAt), tag: raw.subarray(tagAt) };
}

function utf8(plaintext: Buffer): string {
  try {
    return plaintext.toString('utf8');
  } finally {
    plaintext.fill(0);
  }
}
