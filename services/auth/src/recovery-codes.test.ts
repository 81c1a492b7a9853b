import { describe, expect, it } from 'vitest';
import { generateRecoveryCodes, hashRecoveryCode, normalizeRecoveryCode, RECOVERY_CODE_COUNT } from './recovery-codes.js';

const FORMAT = /^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/;

describe('generateRecoveryCodes', () => {
  it('makes ten distinct codes of two groups of five unambiguous symbols', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) {
      expect(code).toMatch(FORMAT);
      expect(code).not.toMatch(/[ilou]/);
    }
  });

  it('draws every symbol of the 32-letter alphabet, so each code carries 50 bits', () => {
    const symbols = new Set(generateRecoveryCodes(100).join('').replaceAll('-', ''));
    expect([...symbols].sort().join('')).toBe('0123456789abcdefghjkmnpqrstvwxyz');
  });

  it('makes a different batch each time', () => {
    const first = generateRecoveryCodes();
    const second = generateRecoveryCodes();
    expect(second.filter((code) => first.includes(code))).toEqual([]);
  });

  it('refuses a count that is not a sensible positive integer', () => {
    expect(() => generateRecoveryCodes(0)).toThrow(/count/);
    expect(() => generateRecoveryCodes(2.5)).toThrow(/count/);
    expect(() => generateRecoveryCodes(1_000_000)).toThrow(/count/);
  });
});

describe('normalizeRecoveryCode', () => {
  it('turns every generated code into its 10-symbol stored form', () => {
    for (const code of generateRecoveryCodes()) expect(normalizeRecoveryCode(code)).toBe(code.replace('-', ''));
  });

  it('ignores case, spaces and dashes, including the dashes phones substitute', () => {
    for (const typed of ['k7m2p-x9q4t', 'K7M2P-X9Q4T', ' k7m2p x9q4t ', 'k7m2px9q4t', 'k7-m2-p x9-q4t', 'k7m2p\u2013x9q4t', 'K7m2P\tx9Q4t\n']) {
      expect(normalizeRecoveryCode(typed), typed).toBe('k7m2px9q4t');
    }
  });

  it('reads the look-alikes o as 0 and i or l as 1', () => {
    expect(normalizeRecoveryCode('ab0c1-d10ef')).toBe('ab0c1d10ef');
    expect(normalizeRecoveryCode('abOcI-dLoef')).toBe('ab0c1d10ef');
  });

  it('refuses what cannot be a code', () => {
    for (const typed of [
      '',
      '     ',
      'k7m2p-x9q4',
      'k7m2p-x9q4tt',
      'k7m2p-x9q4u',
      'k7m2p_x9q4t',
      'k7m2p.x9q4',
      'ｋ７ｍ２ｐ-ｘ９ｑ４ｔ',
      'k7m2p-x9q4é',
      '123456',
    ]) {
      expect(normalizeRecoveryCode(typed), typed).toBeNull();
    }
  });
});

describe('hashRecoveryCode', () => {
  it('stores a stable SHA-256 digest that differs per code and reveals nothing of it', () => {
    const [first, second] = generateRecoveryCodes(2).map((code) => normalizeRecoveryCode(code) ?? '');
    const digest = hashRecoveryCode(first);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode(first)).toBe(digest);
    expect(hashRecoveryCode(second)).not.toBe(digest);
    expect(digest).not.toContain(first.slice(0, 5));
  });

  it('finds the stored digest from the code however the user typed it', () => {
    const stored = hashRecoveryCode(normalizeRecoveryCode('ab0c1-d10ef')!);
    expect(hashRecoveryCode(normalizeRecoveryCode(' AB0CI dLOEF ')!)).toBe(stored);
  });

  it('refuses to hash a code that was not normalised, whose digest would never match', () => {
    expect(() => hashRecoveryCode('k7m2p-x9q4t')).toThrow(/normalised/);
    expect(() => hashRecoveryCode('K7M2PX9Q4T')).toThrow(/normalised/);
  });
});
