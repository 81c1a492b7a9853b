import { describe, expect, it } from 'vitest';
import { parseDocument, parseDocumentEntries } from './document.js';
import { DocumentError } from './document-error.js';
import { thrownBy } from './thrown-by.js';
import { serializeYaml } from './yaml.js';

const parseYaml = (text: string) => parseDocument('yaml', text);

describe('parseYaml', () => {
  it('reads a flat mapping, numbers, booleans and other scalars as they were written', () => {
    const text = [
      'A: plain text',
      'PORT: 08080',
      'RATIO: 1.50',
      'HEX: 0x1F',
      'BIG: 12345678901234567890',
      'ON: true',
      "QUOTED: '123'",
      'INFINITE: .inf',
      'BINARY: !!binary aGVsbG8=',
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
      INFINITE: '.inf',
      BINARY: 'aGVsbG8=',
      BLOCK: 'line 1\nline 2\n',
    });
  });

  it('reads a flow mapping, an alias to a scalar, and an empty document', () => {
    expect(parseYaml('{A: 1, B: two}')).toEqual({ A: '1', B: 'two' });
    expect(parseYaml('A: &shared value\nB: *shared\n')).toEqual({ A: 'value', B: 'value' });
    expect(parseYaml('')).toEqual({});
    expect(parseYaml('# only a comment\n')).toEqual({});
  });

  it('gives each key with the line it is on', () => {
    expect(parseDocumentEntries('yaml', '# comment\nA: 1\n\nB: |\n  two\n  lines\nC: 3\n')).toEqual([
      { key: 'A', value: '1', line: 2 },
      { key: 'B', value: 'two\nlines\n', line: 4 },
      { key: 'C', value: '3', line: 7 },
    ]);
  });

  it('keeps __proto__ as an ordinary key', () => {
    const parsed = parseYaml('A: 1\n__proto__: p\n');
    expect(Object.keys(parsed)).toEqual(['A', '__proto__']);
    expect(parsed['__proto__']).toBe('p');
  });

  it('reads keys as the text they are, even when they look like other types', () => {
    expect(parseYaml('true: a\n123: b\n')).toEqual({ true: 'a', '123': 'b' });
  });

  it.each([
    ['a key given twice', 'SECRET_KEY: first-secret\nOTHER: x\nSECRET_KEY: second-secret\n', 3, 'expected each key once; this key was given before'],
    ['a key given twice, once quoted', 'SECRET_KEY: 1\n"SECRET_KEY": 2\n', 2, 'expected each key once; this key was given before'],
    ['a key given twice as a number and as text', '123: secret\n"123": secret\n', 2, 'expected each key once; this key was given before'],
    ['a nested mapping', 'OK: x\nNESTED_SECRET:\n  inner: secret\n', 3, 'expected a string, number or boolean; nested mappings and lists are not supported'],
    ['a list', 'LIST_SECRET:\n  - secret\n', 2, 'expected a string, number or boolean; nested mappings and lists are not supported'],
    [
      'an alias to a mapping',
      'BASE: &b {x: secret}\nALIAS_SECRET: *b\n',
      1,
      'expected a string, number or boolean; nested mappings and lists are not supported',
    ],
    ['a missing value', 'A: 1\nGONE_SECRET:\n', 2, 'expected a value, not null; write "" for an empty value'],
    ['an explicit null', 'GONE_SECRET: ~\n', 1, 'expected a value, not null; write "" for an empty value'],
    ['an alias to nothing', 'A: *secret\n', 1, 'expected a value, not null; write "" for an empty value'],
    ['a top-level list', '- secret\n', 1, 'expected a mapping of keys to values, not a list or a single value'],
    ['a top-level scalar', '# comment\nsecret\n', 2, 'expected a mapping of keys to values, not a list or a single value'],
    ['a mapping as a key', '? {a: secret}\n: x\n', 1, 'expected a key of plain text, not empty, a mapping or a list'],
    ['an empty key', 'A: 1\n~: secret\n', 2, 'expected a key of plain text, not empty, a mapping or a list'],
    ['two documents', 'A: secret\n---\nB: 2\n', 2, 'expected valid YAML (multiple docs)'],
    ['a tab as indentation', 'A: secret\n\tB: 2\n', 2, 'expected valid YAML (tab as indent)'],
    ['a value that is itself a mapping on one line', 'A: 1\nB: secret: x\n', 2, 'expected valid YAML (block as implicit key)'],
    ['a bare password line', 'A: 1\nhunter2-secret\n', 2, 'expected valid YAML (missing char)'],
    ['a lone surrogate escaped in a value', 'A: x\nB: "secret\\ud800"\n', 2, 'the value must be well-formed Unicode (no lone surrogates)'],
  ])('refuses %s, naming the line and nothing of the document', (_what, text, line, expected) => {
    const error = thrownBy(() => parseYaml(text));
    expect(error).toBeInstanceOf(DocumentError);
    expect(error.message).toMatch(new RegExp(`^line ${line}: `));
    expect(error.message).toContain(expected);
    expect(error.message).not.toMatch(/secret|SECRET|hunter/i);
  });

  it('reads NUL characters in keys and values as they are (the service refuses them)', () => {
    expect(parseDocumentEntries('yaml', 'A\u0000B: x\nC: "y\\0z"\n')).toEqual([
      { key: 'A\u0000B', value: 'x', line: 1 },
      { key: 'C', value: 'y\u0000z', line: 2 },
    ]);
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
