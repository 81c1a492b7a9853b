export { generateKey, seal, open, openParts, KEY_BYTES, IV_BYTES, TAG_BYTES, type SealedParts } from './aead.js';
export { valueAad, dekAad, kekAad } from './aad.js';
export {
  encryptValue,
  decryptValue,
  unwrapDek,
  openValue,
  type EnvelopeKek,
  type EncryptValueInput,
  type DecryptValueInput,
  type SealedValue,
} from './envelope.js';
export { DecryptionError } from './errors.js';
