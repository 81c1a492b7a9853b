import { describe, expect, it } from 'vitest';
import { DocumentError } from './document-error.js';
import { parseJson, serializeJson } from './json.js';

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

  it('keeps the last value of a repeated key, and __proto__ as an ordinary key', () => {
    const parsed = parseJson('{"A": "1", "__proto__": "p", "A": "2"}');
    expect(Object.keys(parsed)).toEqual(['A', '__proto__']);
    expect(parsed).toMatchObject({ A: '2' });
    expect(parsed['__proto__']).toBe('p');
  });

  it.each([
    ['a nested object', '{"OK": "x", "NESTED": {"secret": "value"}}', 'NESTED: nested mappings and lists are not supported'],
    ['a list', '{"LIST": ["secret"]}', 'LIST: nested mappings and lists are not supported'],
    ['null', '{"GONE": null}', 'GONE: has no value (null)'],
    ['an integer beyond 2^53', '{"ID": 12345678901234567890}', 'ID: the number is too large to keep exactly'],
    ['a top-level list', '["secret"]', 'the document must be a mapping'],
    ['a top-level string', '"secret"', 'the document must be a mapping'],
    ['text that is not JSON', '{"A": secret}', 'not valid JSON'],
    ['a truncated document', '{"A": "secret', 'not valid JSON'],
  ])('refuses %s without quoting a value', (_what, text, message) => {
    expect(() => parseJson(text)).toThrow(DocumentError);
    expect(() => parseJson(text)).toThrow(message);
    try {
      parseJson(text);
    } catch (err) {
      expect((err as Error).message).not.toContain('secret');
    }
  });

  it('names the line of a syntax error when the parser knows it', () => {
    expect(() => parseJson('{\n"A": "x",\n"B" 1}')).toThrow('not valid JSON (line 3)');
  });
});

describe('serializeJson', () => {
  it('writes an indented object in the given order', () => {
    expect(serializeJson({ B: '1', A: 'two\nlines' })).toBe('{\n  "B": "1",\n  "A": "two\\nlines"\n}\n');
  });
});
