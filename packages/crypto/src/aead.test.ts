import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateKey, IV_BYTES, open, openParts, seal, TAG_BYTES, type SealedParts } from './aead.js';
import { DecryptionError } from './errors.js';

const aad = Buffer.from('org|secret|1');

function flipBit(blob: string, bit: number): string {
  const raw = Buffer.from(blob, 'base64');
  raw[bit >> 3]! ^= 1 << (bit & 7);
  return raw.toString('base64');
}

describe('generateKey', () => {
  it('returns 32 fresh random bytes each time', () => {
    const a = generateKey();
    const b = generateKey();
    expect(a).toHaveLength(32);
    expect(a.equals(b)).toBe(false);
  });
});

describe('seal and open', () => {
  it('round-trips bytes, including none', () => {
    const key = generateKey();
    for (const plaintext of [Buffer.alloc(0), Buffer.from('hello'), generateKey(), Buffer.alloc(100_000, 7)]) {
      expect(open(key, seal(key, plaintext, aad), aad).equals(plaintext)).toBe(true);
    }
  });

  it('lays the blob out as iv ‖ tag ‖ ciphertext', () => {
    const key = generateKey();
    const plaintext = Buffer.from('exactly this long');
    const raw = Buffer.from(seal(key, plaintext, aad), 'base64');
    expect(raw).toHaveLength(IV_BYTES + TAG_BYTES + plaintext.length);
    expect(IV_BYTES).toBe(12);
    expect(TAG_BYTES).toBe(16);
  });

  it('uses a fresh IV every time', () => {
    const key = generateKey();
    const ivs = new Set(
      Array.from({ length: 1000 }, () =>
        Buffer.from(seal(key, Buffer.from('x'), aad), 'base64')
          .subarray(0, IV_BYTES)
          .toString('hex'),
      ),
    );
    expect(ivs.size).toBe(1000);
  });

  it('refuses to seal under a key that is not 32 bytes', () => {
    expect(() => seal(Buffer.alloc(16), Buffer.from('x'), aad)).toThrow(TypeError);
  });

  it('rejects every single flipped bit', () => {
    const key = generateKey();
    const blob = seal(key, Buffer.from('hunter2'), aad);
    const bits = Buffer.from(blob, 'base64').length * 8;
    for (let bit = 0; bit < bits; bit++) {
      expect(() => open(key, flipBit(blob, bit), aad)).toThrow(DecryptionError);
    }
  });

  it('opens blobs of every padding, and rejects non-canonical base64 that a lenient decoder would accept', () => {
    const key = generateKey();
    for (let length = 0; length < 6; length++) {
      const plaintext = randomBytes(length);
      expect(open(key, seal(key, plaintext, aad), aad)).toEqual(plaintext);
    }
    const blob = seal(key, Buffer.from('hunter2'), aad);
    expect(blob).toMatch(/[^=]=$/);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    // The same bytes to Node's decoder: the last character's unused bits set.
    const strayBits = `${blob.slice(0, -2)}${alphabet[alphabet.indexOf(blob.at(-2)!) + 1]}=`;
    expect(Buffer.from(strayBits, 'base64')).toEqual(Buffer.from(blob, 'base64'));
    for (const variant of [` ${blob}`, `${blob}\n`, `${blob.slice(0, 10)}!${blob.slice(10)}`, blob.replace(/=+$/, ''), strayBits]) {
      expect(variant).not.toBe(blob);
      expect(() => open(key, variant, aad)).toThrow(DecryptionError);
    }
  });

  it('gives the same opaque error for every kind of failure', () => {
    const key = generateKey();
    const blob = seal(key, Buffer.from('hunter2'), aad);
    const failures: Array<() => unknown> = [
      () => open(key, '%%% not base64 %%%', aad),
      () => open(key, Buffer.alloc(IV_BYTES + TAG_BYTES - 1).toString('base64'), aad),
      () => open(key, '', aad),
      () => open(generateKey(), blob, aad),
      () => open(key, blob, Buffer.from('org|secret|2')),
      () => open(key, flipBit(blob, 200), aad),
      () => open(Buffer.alloc(16), blob, aad),
      () => open(key, undefined as unknown as string, aad),
    ];
    const errors = failures.map((fail) => {
      try {
        fail();
      } catch (err) {
        return err;
      }
      throw new Error('expected a failure');
    });
    for (const err of errors) {
      expect(err).toBeInstanceOf(DecryptionError);
      const e = err as DecryptionError;
      expect({ name: e.name, message: e.message, code: e.code, cause: e.cause }).toEqual({
        name: 'DecryptionError',
        message: 'decryption failed',
        code: 'DECRYPTION_FAILED',
        cause: undefined,
      });
      expect(Object.getOwnPropertyNames(e).sort()).toEqual(['code', 'message', 'name', 'stack']);
    }
  });
});

describe('openParts', () => {
  const key = generateKey();
  /** A blob in another layout, nonce ‖ ciphertext ‖ tag, made with node:crypto directly as an older writer did. */
  function otherLayout(plaintext: Buffer, options: { ivBytes?: number; tagBytes?: number } = {}): SealedParts {
    const iv = randomBytes(options.ivBytes ?? IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: options.tagBytes ?? TAG_BYTES });
    cipher.setAAD(aad);
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const raw = Buffer.concat([iv, ciphertext, cipher.getAuthTag()]);
    const tagAt = raw.length - (options.tagBytes ?? TAG_BYTES);
    return { iv: raw.subarray(0, iv.length), ciphertext: raw.subarray(iv.length, tagAt), tag: raw.subarray(tagAt) };
  }

  it('opens the parts of what seal made, as open does', () => {
    const raw = Buffer.from(seal(key, Buffer.from('hunter2'), aad), 'base64');
    const parts = { iv: raw.subarray(0, IV_BYTES), tag: raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES), ciphertext: raw.subarray(IV_BYTES + TAG_BYTES) };
    expect(openParts(key, parts, aad).toString()).toBe('hunter2');
  });

  it('opens a blob sealed in another layout once its bytes are sliced, including an empty plaintext', () => {
    expect(openParts(key, otherLayout(Buffer.from('cft_legacy-token')), aad).toString()).toBe('cft_legacy-token');
    expect(openParts(key, otherLayout(Buffer.alloc(0)), aad)).toHaveLength(0);
  });

  it('refuses an authentic blob with an IV or a tag of another length than seal makes', () => {
    // GCM itself accepts both; a 4-byte tag is easy to forge.
    expect(() => openParts(key, otherLayout(Buffer.from('x'), { ivBytes: 16 }), aad)).toThrow(DecryptionError);
    expect(() => openParts(key, otherLayout(Buffer.from('x'), { tagBytes: 4 }), aad)).toThrow(DecryptionError);
  });

  it('rejects every flipped bit of every part, and gives the same opaque error as open for each failure', () => {
    const parts = otherLayout(Buffer.from('hunter2'));
    const failures: Array<() => unknown> = [
      () => openParts(generateKey(), parts, aad),
      () => openParts(key, parts, Buffer.from('org|secret|2')),
      () => openParts(Buffer.alloc(16), parts, aad),
      () => openParts(key, { ...parts, tag: parts.tag.subarray(1) }, aad),
      () => openParts(key, { ...parts, iv: Buffer.alloc(0) }, aad),
      () => openParts(key, undefined as unknown as SealedParts, aad),
      () => openParts(key, { iv: parts.iv } as unknown as SealedParts, aad),
    ];
    for (const name of ['iv', 'tag', 'ciphertext'] as const) {
      for (let bit = 0; bit < parts[name].length * 8; bit++) {
        const flipped = Buffer.from(parts[name]);
        flipped[bit >> 3]! ^= 1 << (bit & 7);
        failures.push(() => openParts(key, { ...parts, [name]: flipped }, aad));
      }
    }
    for (const fail of failures) {
      let error: unknown;
      try {
        fail();
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(DecryptionError);
      expect({ message: (error as Error).message, cause: (error as Error).cause }).toEqual({ message: 'decryption failed', cause: undefined });
    }
    expect(openParts(key, parts, aad).toString()).toBe('hunter2');
  });
});
