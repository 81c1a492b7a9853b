import { generateKey, open, seal } from './aead.js';
import { dekAad, valueAad } from './aad.js';
import { DecryptionError } from './errors.js';

/** One version of an organisation's key-encryption key, unwrapped. */
export interface EnvelopeKek {
  id: string;
  version: number;
  key: Buffer;
}

export interface EncryptValueInput {
  plaintext: string;
  orgId: string;
  secretId: string;
  version: number;
  kek: EnvelopeKek;
}

/** What a secret version stores: both blobs and the KEK version that can unwrap the DEK. */
export interface SealedValue {
  ciphertext: string;
  wrappedDek: string;
  kekId: string;
  kekVersion: number;
}

export interface DecryptValueInput {
  ciphertext: string;
  wrappedDek: string;
  orgId: string;
  secretId: string;
  version: number;
  kek: EnvelopeKek;
}

// BOM kept: a value that starts with U+FEFF must come back unchanged.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Seals a value under a fresh DEK and wraps that DEK under the KEK. */
export function encryptValue({ plaintext, orgId, secretId, version, kek }: EncryptValueInput): SealedValue {
  const valueBinding = valueAad(orgId, secretId, version);
  const dekBinding = dekAad(orgId, kek.id, kek.version);
  const dek = generateKey();
  const value = Buffer.from(plaintext, 'utf8');
  try {
    return {
      ciphertext: seal(dek, value, valueBinding),
      wrappedDek: seal(kek.key, dek, dekBinding),
      kekId: kek.id,
      kekVersion: kek.version,
    };
  } finally {
    dek.fill(0);
    value.fill(0);
  }
}

/**
 * Unwraps the DEK and opens the value. A blob that is malformed, tampered with, or stored
 * anywhere other than where it was sealed throws `DecryptionError`; malformed binding
 * arguments (a caller bug, not a property of the blob) throw `TypeError` first.
 */
export function decryptValue({ ciphertext, wrappedDek, orgId, secretId, version, kek }: DecryptValueInput): string {
  const dek = unwrapDek({ wrappedDek, orgId, kek });
  try {
    return openValue({ ciphertext, orgId, secretId, version, dek });
  } finally {
    dek.fill(0);
  }
}

/** The DEK of a version, unwrapped under the KEK it names and bound to its organisation; the caller zeroes it. */
export function unwrapDek({ wrappedDek, orgId, kek }: Pick<DecryptValueInput, 'wrappedDek' | 'orgId' | 'kek'>): Buffer {
  return open(kek.key, wrappedDek, dekAad(orgId, kek.id, kek.version));
}

/** Opens a value with its unwrapped DEK; the value must have been sealed for this organisation, secret and version. */
export function openValue({ ciphertext, orgId, secretId, version, dek }: Omit<DecryptValueInput, 'wrappedDek' | 'kek'> & { dek: Buffer }): string {
  const value = open(dek, ciphertext, valueAad(orgId, secretId, version));
  try {
    return utf8.decode(value);
  } catch {
    throw new DecryptionError();
  } finally {
    value.fill(0);
  }
}
