import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8Byte, lineOfByte, textProblem } from './text.js';

describe('firstInvalidUtf8Byte', () => {
  it.each([
    ['ASCII', Buffer.from('plain'), -1],
    ['multi-byte', Buffer.from('héllo ✓ 🔑'), -1],
    ['a stray continuation byte', Buffer.from([0x61, 0x80, 0x62]), 1],
    ['a truncated sequence at the end', Buffer.from([0x61, 0x62, 0xe2, 0x82]), 2],
    ['a truncated sequence in the middle', Buffer.from([0xe2, 0x82, 0x61]), 0],
    ['an overlong slash', Buffer.from([0x61, 0xc0, 0xaf]), 1],
    ['an overlong three-byte form', Buffer.from([0xe0, 0x80, 0xaf]), 0],
    ['a UTF-16 surrogate', Buffer.from([0x61, 0xed, 0xa0, 0x80]), 1],
    ['a code point past U+10FFFF', Buffer.from([0xf4, 0x90, 0x80, 0x80]), 0],
    ['0xFF', Buffer.from([0x7b, 0xff, 0xfe]), 1],
  ])('finds %s', (_what, bytes, offset) => {
    expect(firstInvalidUtf8Byte(bytes)).toBe(offset);
    expect(offset === -1).toBe(!Buffer.from(bytes).toString('utf8').includes('\uFFFD'));
  });

  it('counts lines up to a byte', () => {
    expect(lineOfByte(Buffer.from('a\nb\nc'), 4)).toBe(3);
    expect(lineOfByte(Buffer.from('abc'), 0)).toBe(1);
  });
});

describe('textProblem', () => {
  it('refuses NUL and lone surrogates, never quoting the text', () => {
    expect(textProblem('fine ✓ \u{1F600}')).toBeNull();
    expect(textProblem('hunter\u00002')).toMatch(/NUL/);
    expect(textProblem('a\ud800b')).toMatch(/surrogate/);
    expect(textProblem('\udc00')).toMatch(/surrogate/);
    expect(textProblem('hunter\u00002')).not.toContain('hunter');
  });
});
