import { describe, expect, it } from 'vitest';
import { printJson, shown, terminalSafe } from './output.js';

describe('terminalSafe', () => {
  it.each([
    ['an ANSI colour', 'a\u001b[31mred', 'a\\u{001b}[31mred'],
    ['a window title (OSC)', '\u001b]0;pwned\u0007', '\\u{001b}]0;pwned\\u{0007}'],
    ['the 8-bit CSI', '\u009b2J', '\\u{009b}2J'],
    ['a carriage return that would overwrite the line', 'visible\rhidden', 'visible\\rhidden'],
    ['a backspace', 'ab\u0008c', 'ab\\u{0008}c'],
    ['DEL', 'a\u007f', 'a\\u{007f}'],
    ['a tab', 'a\tb', 'a\\tb'],
    ['NUL', 'a\u0000b', 'a\\u{0000}b'],
    ['a right-to-left override', 'abc\u202edcba', 'abc\\u{202e}dcba'],
    ['a bidi isolate', '\u2066x\u2069', '\\u{2066}x\\u{2069}'],
    ['a zero-width space', 'a\u200bb', 'a\\u{200b}b'],
    ['a line separator', 'a\u2028b', 'a\\u{2028}b'],
  ])('escapes %s', (_what, text, expected) => {
    expect(terminalSafe(text)).toBe(expected);
  });

  it('leaves printable text alone, non-ASCII included', () => {
    const text = 'postgres://u:p@db/app?x=1 héllo ✓ 🔑 日本 "quotes" \\backslash';
    expect(terminalSafe(text)).toBe(text);
  });

  it('keeps line breaks only when asked', () => {
    expect(terminalSafe('a\nb')).toBe('a\\nb');
    expect(terminalSafe('a\nb\u001b', true)).toBe('a\nb\\u{001b}');
  });

  it('changes nothing when the output is not a terminal', () => {
    const pipe = { isTTY: false } as NodeJS.WriteStream;
    const tty = { isTTY: true } as NodeJS.WriteStream;
    expect(shown('a\u001b[2Jb', pipe)).toBe('a\u001b[2Jb');
    expect(shown('a\u001b[2Jb', tty)).toBe('a\\u{001b}[2Jb');
  });
});

describe('printJson', () => {
  const capture = (isTTY: boolean) => {
    let written = '';
    const stream = { isTTY, write: (text: string) => (written += text) } as unknown as NodeJS.WriteStream;
    return { stream, text: () => written };
  };
  const value = { value: 'a\u009b2J\u007f\u202eb\u2028c\u001b[31m', plain: 'héllo ✓ 🔑' };

  it('writes on a terminal what JSON.stringify leaves raw as escapes, and the document parses to the same data', () => {
    const tty = capture(true);
    printJson(value, tty.stream);
    expect(tty.text()).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e\u2028]/);
    expect(tty.text()).toContain('a\\u009b2J\\u007f\\u202eb\\u2028c\\u001b[31m');
    expect(JSON.parse(tty.text())).toEqual(value);
  });

  it('leaves output to a pipe exactly as JSON.stringify writes it', () => {
    const pipe = capture(false);
    printJson(value, pipe.stream);
    expect(pipe.text()).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });
});
