import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateKey, IV_BYTES, TAG_BYTES } from './aead.js';
import { decryptValue, encryptValue, type EnvelopeKek } from './envelope.js';
import { DecryptionError } from './errors.js';

const orgId = randomUUID();
const secretId = randomUUID();
const kek: EnvelopeKek = { id: randomUUID(), version: 1, key: generateKey() };

function flipBit(blob: string, bit: number): string {
  const raw = Buffer.from(blob, 'base64');
  raw[bit >> 3]! ^= 1 << (bit & 7);
  return raw.toString('base64');
}

function sealed(plaintext = 'postgres://user:hunter2@db/app') {
  return encryptValue({ plaintext, orgId, secretId, version: 1, kek });
}

function failure(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
}

describe('envelope encryption', () => {
  it('round-trips text, including unicode, a BOM and the empty string', () => {
    for (const plaintext of ['', 'hunter2', 'żółć 秘密 🔐 \u0000 \r\n', '\uFEFFbom', 'x'.repeat(70_000)]) {
      const blob = sealed(plaintext);
      expect(decryptValue({ ...blob, orgId, secretId, version: 1, kek })).toBe(plaintext);
    }
  });

  it('records which KEK version wrapped the DEK', () => {
    const blob = sealed();
    expect({ kekId: blob.kekId, kekVersion: blob.kekVersion }).toEqual({ kekId: kek.id, kekVersion: 1 });
  });

  it('stores iv ‖ tag ‖ ciphertext for the value and for the DEK', () => {
    const plaintext = 'żółć';
    const blob = sealed(plaintext);
    expect(Buffer.from(blob.ciphertext, 'base64')).toHaveLength(IV_BYTES + TAG_BYTES + Buffer.byteLength(plaintext));
    expect(Buffer.from(blob.wrappedDek, 'base64')).toHaveLength(IV_BYTES + TAG_BYTES + 32);
  });

  it('uses a fresh IV and a fresh DEK every time', () => {
    const a = sealed('same');
    const b = sealed('same');
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(a.wrappedDek).not.toBe(b.wrappedDek);
    // Swapping DEKs between two encryptions of the same value fails: the DEKs differ.
    expect(() => decryptValue({ ...a, wrappedDek: b.wrappedDek, orgId, secretId, version: 1, kek })).toThrow(DecryptionError);
  });

  it('rejects any single flipped bit in the ciphertext or the wrapped DEK', () => {
    const blob = sealed('hunter2');
    for (const field of ['ciphertext', 'wrappedDek'] as const) {
      const bits = Buffer.from(blob[field], 'base64').length * 8;
      for (let bit = 0; bit < bits; bit++) {
        const tampered = { ...blob, [field]: flipBit(blob[field], bit) };
        expect(() => decryptValue({ ...tampered, orgId, secretId, version: 1, kek })).toThrow(DecryptionError);
      }
    }
  });

  it('refuses a blob moved to another secret, version, organisation or KEK version', () => {
    const blob = sealed();
    const moved = [
      { orgId, secretId: randomUUID(), version: 1, kek },
      { orgId, secretId, version: 2, kek },
      { orgId: randomUUID(), secretId, version: 1, kek },
      { orgId, secretId, version: 1, kek: { ...kek, version: 2 } },
      { orgId, secretId, version: 1, kek: { ...kek, id: randomUUID() } },
    ];
    for (const place of moved) {
      expect(() => decryptValue({ ...blob, ...place })).toThrow(DecryptionError);
    }
  });

  it('refuses the wrong KEK', () => {
    const blob = sealed();
    expect(() => decryptValue({ ...blob, orgId, secretId, version: 1, kek: { ...kek, key: generateKey() } })).toThrow(DecryptionError);
  });

  it('fails identically whatever went wrong', () => {
    const blob = sealed();
    const errors = [
      failure(() => decryptValue({ ...blob, orgId, secretId, version: 1, kek: { ...kek, key: generateKey() } })),
      failure(() => decryptValue({ ...blob, orgId, secretId, version: 9, kek })),
      failure(() => decryptValue({ ...blob, ciphertext: flipBit(blob.ciphertext, 1), orgId, secretId, version: 1, kek })),
      failure(() => decryptValue({ ...blob, wrappedDek: 'not base64!', orgId, secretId, version: 1, kek })),
      failure(() => decryptValue({ ...blob, ciphertext: 'AAAA', orgId, secretId, version: 1, kek })),
      failure(() => decryptValue({ ...blob, orgId, secretId, version: 1, kek: { ...kek, key: Buffer.alloc(31) } })),
    ];
    for (const err of errors) {
      expect(err).toBeInstanceOf(DecryptionError);
      expect((err as Error).message).toBe('decryption failed');
      expect((err as DecryptionError).code).toBe('DECRYPTION_FAILED');
    }
  });

  it('rejects malformed bindings before touching any key', () => {
    expect(() => encryptValue({ plaintext: 'x', orgId: 'a|b', secretId, version: 1, kek })).toThrow(TypeError);
    expect(() => decryptValue({ ...sealed(), orgId, secretId: 'a|b', version: 1, kek })).toThrow(TypeError);
  });
});
