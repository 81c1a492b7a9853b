import { describe, expect, it } from 'vitest';
import { dekAad, kekAad, valueAad } from './aad.js';

describe('AAD builders', () => {
  it('encode exactly the documented bindings', () => {
    expect(valueAad('o', 's', 3).toString('utf8')).toBe('o|s|3');
    expect(dekAad('o', 'k', 2).toString('utf8')).toBe('o|k|2');
    expect(kekAad('o', 'k', 2).toString('utf8')).toBe('kek|o|k|2');
  });

  it('refuse parts that could shift a separator', () => {
    expect(() => valueAad('a|b', 'c', 1)).toThrow(TypeError);
    expect(() => valueAad('a', 'b|c', 1)).toThrow(TypeError);
    expect(() => dekAad('a', 'k|1', 1)).toThrow(TypeError);
    expect(() => kekAad('a|', 'k', 1)).toThrow(TypeError);
  });

  it('refuse empty parts and versions that are not non-negative integers', () => {
    expect(() => valueAad('', 's', 1)).toThrow(TypeError);
    for (const version of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => valueAad('o', 's', version)).toThrow(TypeError);
      expect(() => dekAad('o', 'k', version)).toThrow(TypeError);
    }
  });
});
