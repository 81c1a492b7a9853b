import { KEY_BYTES, kekAad, open, seal } from '@coffer/crypto';
import type { KekContext, KmsProvider } from './provider.js';

export interface LocalKmsProviderOptions {
  /** 32 bytes from the environment or rebuilt from Shamir shares at unseal. */
  masterKey: Buffer;
}

function aad({ orgId, keyId, version }: KekContext): Buffer {
  return kekAad(orgId, keyId, version);
}

/** Seals KEK material with a master key held in this process. */
export function createLocalKmsProvider({ masterKey }: LocalKmsProviderOptions): KmsProvider {
  if (!Buffer.isBuffer(masterKey) || masterKey.length !== KEY_BYTES) {
    throw new TypeError(`local KMS master key must be ${KEY_BYTES} bytes`);
  }
  // Our own copy: the caller may zero theirs once the provider exists.
  const key = Buffer.from(masterKey);
  return {
    name: 'local',
    async wrapKey(material, context) {
      return seal(key, material, aad(context));
    },
    async unwrapKey(wrapped, context) {
      return open(key, wrapped, aad(context));
    },
  };
}
