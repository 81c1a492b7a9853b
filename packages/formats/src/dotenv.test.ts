import { parse as dotenvParse } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { parseDocument, parseDocumentEntries } from './document.js';
import { DocumentError } from './document-error.js';
import { keysWithoutDotenvSpelling, parseDotenvEntries, serializeDotenv } from './dotenv.js';

/*
 * dotenv itself is the oracle: both of its parsers, in documents where a value has neighbours
 * before and after it, so that reading on past a value's line into the next one is caught.
 */

const PARSERS = [
  ['the default parser', (text: string) => dotenvParse(text)],
  ['the fast parser', (text: string) => dotenvParse(text, { fast: true })],
] as const;

/** Every string over `alphabet` of length `min` to `max`. */
function* strings(alphabet: readonly string[], max: number, min = 0): Generator<string> {
  let level = [''];
  for (let length = 0; length <= max; length++) {
    if (length >= min) yield* level;
    level = level.flatMap((prefix) => alphabet.map((char) => prefix + char));
  }
}

/** The characters dotenv's parsers treat specially, and two ordinary ones. */
const ALPHABET = ['a', ' ', '\t', "'", '"', '`', '#', '\n', '\r', '\\', '$', '=', 'n'];
/** With the characters JavaScript's regular expressions take for line ends. */
const SEPARATOR_ALPHABET = ['a', ' ', "'", '"', '`', '#', '\n', '\r', '\\', '\u2028', '\u2029'];

/** Neighbours that end in a backslash, or hold a lookalike assignment or quotes of every kind. */
const NEIGHBOURS = { N1: 'b', N2: "it's", N3: '\'"', N4: 'ends in \\', N5: '\'"`\nK0=wrong', N6: '`\'"x' };
/** Lines that end right after a quote of each kind: where dotenv would stop a value that read on past its own line. */
const STOPS = '#\'\n#`\n#"\n';

/** The values dotenv does not read back exactly from the writer's lines, each line followed by STOPS, among neighbours. */
function misreadByDotenv(values: readonly string[]): string[] {
  const record = Object.fromEntries(values.map((value, i) => [`K${i}`, value]));
  const text = [serializeDotenv(NEIGHBOURS), ...values.map((value, i) => serializeDotenv({ [`K${i}`]: value }) + STOPS), serializeDotenv(NEIGHBOURS)].join('');
  const misread = new Set<string>();
  for (const [, parse] of PARSERS) {
    const read = parse(text);
    for (const [key, value] of Object.entries(record)) if (read[key] !== value) misread.add(value);
    for (const [key, value] of Object.entries(NEIGHBOURS)) if (read[key] !== value) misread.add(`a neighbour, ${key}`);
  }
  return [...misread];
}

/** The writer's answer for each value: written (those) or refused. */
function sortByWriter(values: Iterable<string>): { written: string[]; refused: string[] } {
  const written: string[] = [];
  const refused: string[] = [];
  for (const value of values) (keysWithoutDotenvSpelling({ K: value }).length > 0 ? refused : written).push(value);
  return { written, refused };
}

function expectReadByDotenv(values: readonly string[]): void {
  for (let i = 0; i < values.length; i += 2000) expect(misreadByDotenv(values.slice(i, i + 2000))).toEqual([]);
}

/** Ways to spell the content of a value, found without the writer: escapes for line breaks, and backslashes before quotes. */
function contents(value: string): string[] {
  let escaped = [''];
  for (const char of value) {
    const ways = char === '\n' ? ['\n', '\\n'] : char === '\r' ? ['\r', '\\r'] : [char];
    escaped = escaped.flatMap((prefix) => ways.map((way) => prefix + way));
  }
  const backslashed = ["'", '"', '`'].map((quote) => value.replaceAll(quote, `\\${quote}`));
  return [...new Set([...escaped, ...backslashed])];
}

const WRAPPERS = ['', "'", '"', '`', "''", '""', '``', '\'"', '"\'', "'`", "`'", '"`', '`"'];
const HEADS = ['K=', 'export K = '];
const LEADS = ['', ' '];
const TAILS = ['', ' #c'];

/** A spelling of `value` that both parsers read back exactly, at the end of a file (where nothing can follow it), or undefined. */
function anySpelling(value: string): string | undefined {
  for (const content of contents(value)) {
    for (const wrapper of WRAPPERS) {
      const spelling = wrapper + content + [...wrapper].reverse().join('');
      for (const head of HEADS) {
        for (const lead of LEADS) {
          for (const tail of TAILS) {
            const line = `${head}${lead}${spelling}${tail}`;
            for (const text of [line, `${line}\n`]) if (PARSERS.every(([, parse]) => parse(text).K === value)) return line;
          }
        }
      }
    }
  }
  return undefined;
}

describe('serializeDotenv, with dotenv as the oracle', () => {
  it('writes every string up to length 4 over the characters that matter so that dotenv reads it back, or refuses it and no spelling exists', () => {
    const { written, refused } = sortByWriter(strings(ALPHABET, 4));
    expectReadByDotenv(written);
    for (const value of refused) expect(anySpelling(value), JSON.stringify(value)).toBeUndefined();
    // Not vacuous: most values are written, and a few hundred need a refusal.
    expect(written.length).toBeGreaterThan(30_000);
    expect(refused.length).toBeGreaterThan(300);
  }, 120_000);

  it('does the same for every string of length 5 over the quotes, #, backslash, line breaks and space', () => {
    const { written, refused } = sortByWriter(strings(["'", '"', '`', '#', '\\', '\n', '\r', ' '], 5, 5));
    expectReadByDotenv(written);
    for (const value of refused) expect(anySpelling(value), JSON.stringify(value)).toBeUndefined();
    expect(refused.length).toBeGreaterThan(2_000);
  }, 300_000);

  it('writes every string of length 5 that it does not refuse so that dotenv reads it back, and a sample of the refused ones has no spelling', () => {
    const { written, refused } = sortByWriter(strings(ALPHABET, 5, 5));
    expectReadByDotenv(written);
    expect(refused.length).toBeGreaterThan(10_000);
    for (let i = 0; i < refused.length; i += 11) expect(anySpelling(refused[i]!), JSON.stringify(refused[i])).toBeUndefined();
  }, 300_000);

  it('writes nothing that dotenv misreads when values hold U+2028 or U+2029, which its regular expressions take for line ends', () => {
    const { written } = sortByWriter(strings(SEPARATOR_ALPHABET, 4));
    expectReadByDotenv(written);
    expect(written.length).toBeGreaterThan(14_000);
  }, 120_000);

  it('refuses exactly the values the rule in dotenv.ts states, for every string up to length 5 over the characters that matter', () => {
    const bare = (value: string, quote: string) => new RegExp(`(^|[^\\\\])${quote}`).test(value);
    const escapes = (value: string) => /\\[nr]/.test(value);
    const rule = (value: string) =>
      (value.includes('#') || (/[\n\r]/.test(value) && escapes(value))) &&
      (bare(value, "'") || value.includes('\r')) &&
      (bare(value, '`') || value.includes('\r')) &&
      (bare(value, '"') || escapes(value));
    for (const value of strings(["'", '"', '`', '#', '\\', '\n', '\r', ' ', 'n'], 5)) {
      expect(keysWithoutDotenvSpelling({ K: value }).length > 0, JSON.stringify(value)).toBe(rule(value));
    }
  });

  it('refuses a value only on rules dotenv dictates: a # (or a line break or CR with a \\n or \\r), with every quote kind bare or a CR', () => {
    const refused = (value: string) => keysWithoutDotenvSpelling({ K: value }).length > 0;
    expect(refused(`'"\` #`)).toBe(true);
    expect(refused(`'"\`\n\\n`)).toBe(true); // the line break needs the \n escape, which would also expand the \n
    expect(refused('\r\\r"')).toBe(true); // a CR needs double quotes, which would expand the \r
    expect(refused(`'"\` `)).toBe(false); // dotenv drops a pair of outer quotes from a line it reads unquoted
    expect(refused(`'"\`\n`)).toBe(false); // ... and expands \n when they are double quotes
    expect(refused(`'"\`\r`)).toBe(false);
    expect(refused(`\\'"\` #`)).toBe(false); // the single quote follows a backslash, so single quotes carry it
    expect(refused(`'"\\n\n#`)).toBe(false); // no backquote: backquotes carry it
    expect(refused('')).toBe(false);
  });

  it('names the refused keys, never a value, and writes nothing', () => {
    expect(keysWithoutDotenvSpelling({ OK: 'fine', BAD_1: `'"\` #x`, ALSO_OK: "it's", BAD_2: `'"\`\n\\n` })).toEqual(['BAD_1', 'BAD_2']);
    expect(() => serializeDotenv({ OK: 'fine', BAD_1: `'"\` #x` })).toThrow(new DocumentError('no dotenv spelling reads back exactly the values of BAD_1'));
  });

  it('follows a value ending in a backslash with a comment that stops dotenv from reading on into the next value', () => {
    const text = serializeDotenv({ A: 'ends in \\', B: '\nINJECTED=1\n' });
    expect(text.split('\n')[1]).toMatch(/^# .*'.*".*`/);
    for (const [, parse] of PARSERS) expect(parse(text)).toEqual({ A: 'ends in \\', B: '\nINJECTED=1\n' });
    const unguarded = text.replace(/^#.*\n/m, '');
    expect(Object.keys(dotenvParse(unguarded))).toContain('INJECTED');
  });

  it('refuses a key dotenv cannot read back, __proto__ included', () => {
    expect(() => serializeDotenv({ 'A B': 'v' })).toThrow(DocumentError);
    expect(() => serializeDotenv(Object.fromEntries([['__proto__', 'v']]))).toThrow('not a name dotenv reads');
  });
});

describe('parseDotenvEntries', () => {
  it('reads back every value the writer writes, in one file with all of them', () => {
    const record: Record<string, string> = {};
    let i = 0;
    for (const value of strings([...ALPHABET, '\u2028'], 4)) if (keysWithoutDotenvSpelling({ K: value }).length === 0) record[`V${i++}`] = value;
    const text = serializeDotenv(record);
    expect(parseDocument('dotenv', text)).toEqual(record);
    for (const [, parse] of PARSERS) expect(parse(text)).toEqual(record);
  }, 60_000);

  it('reads exactly what both of dotenv\u2019s parsers read, whenever it reads a line at all', () => {
    let read = 0;
    for (const raw of strings([...ALPHABET, '\u2028'], 4)) {
      const text = `A=1\nK=${raw}\nB='b'\nC=2\n`;
      let entries;
      try {
        entries = parseDotenvEntries(text);
      } catch (err) {
        expect(err).toBeInstanceOf(DocumentError);
        continue;
      }
      const mine = Object.fromEntries(entries.map(({ key, value }) => [key, value]));
      for (const [name, parse] of PARSERS) expect(parse(text), `${name}: ${JSON.stringify(raw)}`).toEqual(mine);
      read++;
    }
    expect(read).toBeGreaterThan(10_000);
  }, 60_000);

  it('reads what dotenv reads from random documents it accepts', () => {
    const FRAGMENTS = [
      'K',
      'A_B',
      'x.y-z',
      'export ',
      '=',
      ' = ',
      ': ',
      "'",
      '"',
      '`',
      '\\',
      '\\n',
      '#',
      ' #c',
      '\n',
      '\r\n',
      '\r',
      ' ',
      '\t',
      'v',
      '$',
      '\u2028',
      '\ufeff',
    ];
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let read = 0;
    for (let doc = 0; doc < 20_000; doc++) {
      const text = Array.from({ length: 1 + random(12) }, () => FRAGMENTS[random(FRAGMENTS.length)]).join('');
      let mine: Record<string, string>;
      try {
        mine = Object.fromEntries(parseDotenvEntries(text).map(({ key, value }) => [key, value]));
      } catch {
        continue;
      }
      for (const [name, parse] of PARSERS) expect(parse(text), `${name}: ${JSON.stringify(text)}`).toEqual(mine);
      read++;
    }
    expect(read).toBeGreaterThan(1_000);
  });

  it('reads comments, blank lines, export, spaces around =, KEY: value, every quote, escapes and multi-line values as dotenv does', () => {
    const text = [
      '\uFEFF# a comment',
      '   # an indented comment',
      '',
      'export EXPORTED=yes',
      'SPACED   =   spaced out   ',
      'TRAILING_COMMENT=value # a comment',
      'EQUALS=a=b==c',
      'EMPTY=',
      "SINGLE='literal $HOME \\n # kept'",
      'DOUBLE="line1\\nline2\\rend \\t \\" kept"',
      'BACKTICK=`it\'s "both"`',
      'MULTI="first',
      'second"',
      "QUOTED_COMMENT='value' # comment",
      "WRAPPED='it's \"all\" `three`'",
      'COLON: colon value',
      'DUPLICATE=first',
      'DUPLICATE=last',
      '',
    ].join('\r\n');
    const expected = {
      EXPORTED: 'yes',
      SPACED: 'spaced out',
      TRAILING_COMMENT: 'value',
      EQUALS: 'a=b==c',
      EMPTY: '',
      SINGLE: 'literal $HOME \\n # kept',
      DOUBLE: 'line1\nline2\rend \\t \\" kept',
      BACKTICK: 'it\'s "both"',
      MULTI: 'first\nsecond',
      QUOTED_COMMENT: 'value',
      WRAPPED: 'it\'s "all" `three`',
      COLON: 'colon value',
      DUPLICATE: 'last',
    };
    expect(parseDocument('dotenv', text)).toEqual(expected);
    for (const [, parse] of PARSERS) expect(parse(text)).toEqual(expected);
    expect(parseDocumentEntries('dotenv', text).find(({ key }) => key === 'DUPLICATE')).toEqual({ key: 'DUPLICATE', value: 'last', line: 18 });
  });

  it.each([
    ['a bare password line, which dotenv skips', 'A=1\nhunter2-secret\n', 2, "expected '=' after the key"],
    ['a line of symbols', 'A=1\n!secret\n', 2, 'expected KEY=value, a comment or a blank line'],
    [
      'a # inside an unquoted value, where dotenv cuts it',
      'A=1\nPASSWORD=pa#ss-secret\n',
      2,
      "expected a blank before '#': dotenv ends an unquoted value at any '#'; quote the value",
    ],
    ['a value starting with #', 'PASSWORD=#secret\n', 1, "expected a blank before '#': dotenv ends an unquoted value at any '#'; quote the value"],
    [
      'an unclosed quote, which dotenv reads into the value',
      'A=1\n\nB="secret-value\nC=3\n',
      3,
      'expected a closing quote at the end of the value; dotenv would read the opening quote into it',
    ],
    ['text after a closing quote', "A='secret'-value\n", 1, 'expected a closing quote at the end of the value; dotenv would read the opening quote into it'],
    [
      'text after a closing quote on a later line',
      "A='secret\nvalue' x\n",
      1,
      'expected a closing quote at the end of the value; dotenv would read the opening quote into it',
    ],
    ['a comment after a value ending in a backslash', "A='secret\\' # it's\n", 1, 'expected the end of the line after a quoted value ending in a backslash'],
    ['a quoted value on the line after an empty one, which dotenv takes for it', 'A=\n"secret"\n', 2, 'expected KEY=value, a comment or a blank line'],
    ['a key alone on its line, which dotenv joins with the next', 'SECRET\n=value\n', 1, "expected '=' after the key"],
    ['a closing quote followed by U+2028', "A='secret'\u2028B=1\n", 1, 'expected the end of the line (or a # comment) after the closing quote'],
    ['a comment holding U+2028', '# secret\u2028B=1\n', 1, 'expected a comment without U+2028 or U+2029, which dotenv reads as line ends'],
    [
      'an unquoted value with a quoted part after U+2028',
      "A=x\u2028'secret'\n",
      1,
      'expected quotes around a value holding U+2028 or U+2029 followed by a quote',
    ],
  ])('refuses %s, naming the line and nothing of the document', (_what, text, line, expected) => {
    let error: unknown;
    try {
      parseDotenvEntries(text);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DocumentError);
    expect((error as Error).message).toBe(`line ${line}: ${expected}`);
    expect((error as Error).message).not.toMatch(/secret|hunter|PASSWORD/i);
  });

  it('reads a file without a trailing line break, and __proto__ as an ordinary key for the service to refuse', () => {
    expect(parseDocumentEntries('dotenv', 'A=1\n__proto__=x')).toEqual([
      { key: 'A', value: '1', line: 1 },
      { key: '__proto__', value: 'x', line: 2 },
    ]);
  });
});
