import { randomUUID } from 'node:crypto';
import { DecryptionError, generateKey } from '@coffer/crypto';
import { describe, expect, it } from 'vitest';
import { createLocalKmsProvider } from './local-provider.js';

const context = { orgId: randomUUID(), keyId: randomUUID(), version: 1 };

describe('local KMS provider', () => {
  it('wraps and unwraps KEK material', async () => {
    const provider = createLocalKmsProvider({ masterKey: generateKey() });
    const material = generateKey();
    const wrapped = await provider.wrapKey(material, context);
    expect(provider.name).toBe('local');
    expect(wrapped).not.toContain(material.toString('base64'));
    expect((await provider.unwrapKey(wrapped, context)).equals(material)).toBe(true);
  });

  it('binds wrapped material to its organisation, key and version', async () => {
    const provider = createLocalKmsProvider({ masterKey: generateKey() });
    const wrapped = await provider.wrapKey(generateKey(), context);
    for (const other of [
      { ...context, orgId: randomUUID() },
      { ...context, keyId: randomUUID() },
      { ...context, version: 2 },
    ]) {
      await expect(provider.unwrapKey(wrapped, other)).rejects.toThrow(DecryptionError);
    }
  });

  it('cannot unwrap under another master key', async () => {
    const wrapped = await createLocalKmsProvider({ masterKey: generateKey() }).wrapKey(generateKey(), context);
    await expect(createLocalKmsProvider({ masterKey: generateKey() }).unwrapKey(wrapped, context)).rejects.toThrow(DecryptionError);
  });

  it('rejects a master key that is not 32 bytes', () => {
    for (const masterKey of [Buffer.alloc(0), Buffer.alloc(16), Buffer.alloc(31), Buffer.alloc(33)]) {
      expect(() => createLocalKmsProvider({ masterKey })).toThrow(TypeError);
    }
  });

  it('keeps working after the caller zeroes its copy of the master key', async () => {
    const masterKey = generateKey();
    const provider = createLocalKmsProvider({ masterKey });
    const material = generateKey();
    const wrapped = await provider.wrapKey(material, context);
    masterKey.fill(0);
    expect((await provider.unwrapKey(wrapped, context)).equals(material)).toBe(true);
  });
});
