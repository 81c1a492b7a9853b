import { describe, expect, it } from 'vitest';
import { createKekCache } from './kek-cache.js';

function entry(byte: number) {
  return { material: Buffer.alloc(32, byte) };
}

describe('KEK cache', () => {
  it('evicts the least recently used entry and zeroes its material', () => {
    const cache = createKekCache(2);
    const a = entry(1);
    const b = entry(2);
    cache.set('a', a);
    cache.set('b', b);
    cache.get('a');
    cache.set('c', entry(3));
    expect(cache.get('b')).toBeUndefined();
    expect(b.material.equals(Buffer.alloc(32))).toBe(true);
    expect(cache.get('a')).toBe(a);
    expect(a.material.equals(Buffer.alloc(32, 1))).toBe(true);
  });

  it('zeroes material it replaces', () => {
    const cache = createKekCache(2);
    const old = entry(1);
    cache.set('a', old);
    cache.set('a', entry(2));
    expect(old.material.equals(Buffer.alloc(32))).toBe(true);
    expect(cache.get('a')?.material.equals(Buffer.alloc(32, 2))).toBe(true);
  });

  it('rejects a size that is not a positive integer', () => {
    for (const size of [0, -1, 1.5, Number.NaN]) expect(() => createKekCache(size)).toThrow(TypeError);
  });
});
