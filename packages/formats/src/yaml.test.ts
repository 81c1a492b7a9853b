import { describe, expect, it } from 'vitest';
import { DocumentError } from './document-error.js';
import { parseYaml, serializeYaml } from './yaml.js';

describe('parseYaml', () => {
  it('reads a flat mapping, numbers and booleans as they were written', () => {
    const text = [
      'A: plain text',
      'PORT: 08080',
      'RATIO: 1.50',
      'HEX: 0x1F',
      'BIG: 12345678901234567890',
      'ON: true',
      "QUOTED: '123'",
      'BLOCK: |',
      '  line 1',
      '  line 2',
      '',
    ].join('\n');
    expect(parseYaml(text)).toEqual({
      A: 'plain text',
      PORT: '08080',
      RATIO: '1.50',
      HEX: '0x1F',
      BIG: '12345678901234567890',
      ON: 'true',
      QUOTED: '123',
      BLOCK: 'line 1\nline 2\n',
    });
  });

  it('reads a flow mapping, an alias to a scalar, and an empty document', () => {
    expect(parseYaml('{A: 1, B: two}')).toEqual({ A: '1', B: 'two' });
    expect(parseYaml('A: &shared value\nB: *shared\n')).toEqual({ A: 'value', B: 'value' });
    expect(parseYaml('')).toEqual({});
    expect(parseYaml('# only a comment\n')).toEqual({});
  });

  it('keeps the last value of a repeated key, and __proto__ as an ordinary key', () => {
    const parsed = parseYaml('A: 1\n__proto__: p\nA: 2\n');
    expect(Object.keys(parsed)).toEqual(['A', '__proto__']);
    expect(parsed).toMatchObject({ A: '2' });
    expect(parsed['__proto__']).toBe('p');
  });

  it('reads keys as the text they are, even when they look like other types', () => {
    expect(parseYaml('true: a\n123: b\n')).toEqual({ true: 'a', '123': 'b' });
  });

  it.each([
    ['a nested mapping', 'OK: x\nNESTED:\n  inner: secret\n', 'NESTED: nested mappings and lists are not supported'],
    ['a list', 'LIST:\n  - secret\n', 'LIST: nested mappings and lists are not supported'],
    ['an alias to a mapping', 'BASE: &b {x: secret}\n', 'BASE: nested mappings'],
    ['a missing value', 'GONE:\n', 'GONE: has no value (null)'],
    ['an explicit null', 'GONE: ~\n', 'GONE: has no value (null)'],
    ['a top-level list', '- secret\n', 'the document must be a mapping'],
    ['a top-level scalar', 'secret\n', 'the document must be a mapping'],
    ['a mapping as a key', '? {a: secret}\n: x\n', 'a key must be plain text'],
    ['an empty key', '~: secret\n', 'a key must be plain text'],
    ['two documents', 'A: secret\n---\nB: 2\n', 'not valid YAML (multiple docs)'],
    ['a tab as indentation', 'A: secret\n\tB: 2\n', 'line 2: not valid YAML (tab as indent)'],
    ['a value that is itself a mapping on one line', 'A: 1\nB: secret: x\n', 'line 2: not valid YAML (block as implicit key)'],
  ])('refuses %s without quoting a value', (_what, text, message) => {
    expect(() => parseYaml(text)).toThrow(DocumentError);
    expect(() => parseYaml(text)).toThrow(message);
    try {
      parseYaml(text);
    } catch (err) {
      expect((err as Error).message).not.toContain('secret');
    }
  });
});

describe('serializeYaml', () => {
  it('quotes strings that would otherwise read as other types', () => {
    const text = serializeYaml({ A: 'true', B: '0123', C: '', D: 'null', E: 'plain' });
    expect(text).toBe('A: "true"\nB: "0123"\nC: ""\nD: "null"\nE: plain\n');
  });

  it('does not fold long lines', () => {
    const long = 'word '.repeat(40).trim();
    expect(serializeYaml({ A: long })).toBe(`A: ${long}\n`);
  });
});
