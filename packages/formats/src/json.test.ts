import { describe, expect, it } from 'vitest';
import { parseDocument, parseDocumentEntries } from './document.js';
import { DocumentError } from './document-error.js';
import { thrownBy } from './thrown-by.js';
import { serializeJson } from './json.js';

const parseJson = (text: string) => parseDocument('json', text);

describe('parseJson', () => {
  it('reads a flat object, numbers and booleans as their string form', () => {
    expect(parseJson('{"A": "a", "PORT": 8080, "RATIO": 1.5, "NEGATIVE": -3, "ON": true, "OFF": false, "EMPTY": ""}')).toEqual({
      A: 'a',
      PORT: '8080',
      RATIO: '1.5',
      NEGATIVE: '-3',
      ON: 'true',
      OFF: 'false',
      EMPTY: '',
    });
  });

  it('gives each key with the line of its value, in document order, integer-like names included', () => {
    expect(parseDocumentEntries('json', '{\n  "B": "1",\n  "2": "two",\n  "A":\n    true\n}')).toEqual([
      { key: 'B', value: '1', line: 2 },
      { key: '2', value: 'two', line: 3 },
      { key: 'A', value: 'true', line: 5 },
    ]);
  });

  it('keeps __proto__ as an ordinary key', () => {
    const parsed = parseJson('{"A": "1", "__proto__": "p"}');
    expect(Object.keys(parsed)).toEqual(['A', '__proto__']);
    expect(parsed['__proto__']).toBe('p');
    expect(({} as Record<string, unknown>).p).toBeUndefined();
  });

  it.each([
    ['a key given twice', '{\n"SECRET_KEY": "first-secret",\n"SECRET_KEY": "second-secret"\n}', 3, 'expected each key once; this key was given before'],
    [
      'a nested object',
      '{"OK": "x",\n "NESTED_SECRET": {"secret": "value"}}',
      2,
      'expected a string, number or boolean; nested mappings and lists are not supported',
    ],
    ['a list', '{"LIST_SECRET": ["secret"]}', 1, 'expected a string, number or boolean; nested mappings and lists are not supported'],
    ['null', '{\n\n"GONE_SECRET": null}', 3, 'expected a value, not null; write "" for an empty value'],
    ['an integer beyond 2^53', '{"ID_SECRET": 12345678901234567890}', 1, 'expected a number that can be kept exactly; write this one as a string'],
    ['a number beyond a double', '{"ID_SECRET": 1e400}', 1, 'expected a number that can be kept exactly; write this one as a string'],
    ['a top-level list', '\n["secret"]', 2, 'expected a mapping of keys to values, not a list or a single value'],
    ['a top-level string', '"secret"', 1, 'expected a mapping of keys to values, not a list or a single value'],
    ['text that is not JSON', '{"A": secret}', 1, 'expected valid JSON'],
    ['a bare password line', '{"A": "1"}\nhunter2-secret\n', 2, 'expected valid JSON'],
    ['a truncated document', '{"A": "secret', 1, 'expected valid JSON'],
    ['a syntax error on a later line', '{\n"A": "x",\n"SECRET" 1}', 3, 'expected valid JSON'],
    ['a raw control character in a key', '{"SECRET\u0000KEY": "x"}', 1, 'expected valid JSON'],
    ['a lone surrogate escaped in a value', '{"A": "x",\n"B": "secret\\ud800"}', 2, 'the value must be well-formed Unicode (no lone surrogates)'],
    ['a lone surrogate escaped in a key', '{"SECRET\\udc00": "x"}', 1, 'the key must be well-formed Unicode (no lone surrogates)'],
  ])('refuses %s, naming the line and nothing of the document', (_what, text, line, expected) => {
    const error = thrownBy(() => parseJson(text));
    expect(error).toBeInstanceOf(DocumentError);
    expect(error.message).toBe(`line ${line}: ${expected}`);
    expect(error.message).not.toMatch(/secret|SECRET/i);
  });

  it('reads a key holding an escaped NUL as that key (the service refuses it as a key)', () => {
    expect(parseDocumentEntries('json', '{"A\\u0000B": "x"}')).toEqual([{ key: 'A\u0000B', value: 'x', line: 1 }]);
  });
});

describe('serializeJson', () => {
  it('writes an indented object in the given order', () => {
    expect(serializeJson({ B: '1', A: 'two\nlines' })).toBe('{\n  "B": "1",\n  "A": "two\\nlines"\n}\n');
  });
});
