import { describe, expect, it } from 'vitest';
import { JsonParseError, parseStrictJson, pathAtOffset, showPath } from './strict-json.js';

function refusal(text: string, options = {}): JsonParseError {
  try {
    parseStrictJson(text, options);
  } catch (err) {
    expect(err).toBeInstanceOf(JsonParseError);
    return err as JsonParseError;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be refused`);
}

describe('parseStrictJson', () => {
  it.each([
    '{}',
    '[]',
    '""',
    '0',
    '-0',
    '1.5e-3',
    '-12E+4',
    'true',
    'false',
    'null',
    ' \t\r\n{ "a" : [ 1 , "two" , { "b" : null } ] , "c" : "\\u00e9\\n\\"\\\\\\/\\b\\f\\r\\t" } ',
    '{"emoji":"\\ud83d\\ude00","lone":"\\ud800","raw":"héllo ✓ 🔑"}',
    '[[[[[]]]]]',
  ])('builds what JSON.parse builds from %s', (text) => {
    expect(parseStrictJson(text)).toEqual(JSON.parse(text));
  });

  it('keeps __proto__ and constructor as own properties, as JSON.parse does, without touching any prototype', () => {
    const parsed = parseStrictJson('{"__proto__":{"admin":true},"constructor":"x"}') as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect((parsed as { admin?: unknown }).admin).toBeUndefined();
    expect(({} as { admin?: unknown }).admin).toBeUndefined();
  });

  it.each([
    ['{"slug":"a","slug":"b"}', ['slug'], 1],
    ['{"slug":"a","\\u0073lug":"b"}', ['slug'], 1],
    ['{"a":{"b":1,\n"b":2}}', ['a', 'b'], 2],
    ['[{"k":1},{"k":1,"k":2}]', [1, 'k'], 1],
    ['{"__proto__":1,"__proto__":2}', ['__proto__'], 1],
  ])('refuses the member given twice in %s, naming its path and line', (text, path, line) => {
    const error = refusal(text);
    expect(error).toMatchObject({ problem: 'duplicate', path, line });
  });

  it('lets one name appear once in each of several objects', () => {
    expect(parseStrictJson('[{"a":1},{"a":2}]')).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it.each([
    '',
    '{',
    '{"a":1,}',
    '[1,]',
    '{"a" 1}',
    "{'a':1}",
    '{"a":01}',
    '{"a":+1}',
    '{"a":.5}',
    '{"a":NaN}',
    '{"a":"tab\tinside"}',
    '{"a":"\\x41"}',
    '{"a":"\\u12"}',
    '{"a":1} x',
    '{"a":1}{"b":2}',
    'True',
    '[1 2]',
    '\u00a0{}',
  ])('refuses %j as JSON.parse does', (text) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(refusal(text).problem).toBe('syntax');
  });

  it('names the line of a syntax error, never the text', () => {
    const error = refusal('{\n  "a": "secret-value",\n  "b": secret\n}');
    expect(error).toMatchObject({ problem: 'syntax', line: 3 });
    expect(error.message).not.toContain('secret');
  });

  it('refuses nesting deeper than maxDepth', () => {
    expect(refusal('[[[1]]]', { maxDepth: 2 }).problem).toBe('depth');
    expect(parseStrictJson('[[1]]', { maxDepth: 2 })).toEqual([[1]]);
    expect(refusal(`${'['.repeat(100_000)}${']'.repeat(100_000)}`).problem).toBe('depth');
  });

  it('tells every value its path and the line it starts on', () => {
    const seen: [string, number][] = [];
    parseStrictJson('{\n"A": "1",\n"B":\n  "2"\n}', { onValue: (path, line) => seen.push([path.join('.'), line]) });
    expect(seen).toEqual([
      ['', 1],
      ['A', 2],
      ['B', 4],
    ]);
  });
});

describe('pathAtOffset', () => {
  const text = '{"name":"ok","entries":[{"key":"K","value":"x\uFFFDy"}],"n\uFFFDme":1}';
  it('finds the value or member name holding a character', () => {
    expect(pathAtOffset(text, text.indexOf('x\uFFFD') + 1)).toEqual(['entries', 0, 'value']);
    expect(pathAtOffset(text, text.indexOf('ok'))).toEqual(['name']);
    expect(pathAtOffset(text, text.lastIndexOf('\uFFFD'))).toEqual(['n\uFFFDme']);
  });
  it('finds nothing outside strings', () => {
    expect(pathAtOffset('{"a":1,\uFFFD}', 7)).toBeUndefined();
  });
});

describe('showPath', () => {
  it('shows identifiers and indexes, and never echoes other names', () => {
    expect(showPath(['entries', 2, 'value'])).toBe('entries.2.value');
    expect(showPath(['__proto__'])).toBe('__proto__');
    expect(showPath(['\u001b[31mred', 'x'])).toBe('?.x');
    expect(showPath(['hunter2 is my password'])).toBe('?');
    expect(showPath(['a'.repeat(65)])).toBe('?');
  });
});
