import { parse as dotenvParse } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { DocumentError } from './document-error.js';
import { thrownBy } from './thrown-by.js';
import { parseDocument } from './document.js';
import { dotenvMisreadKeys, parseEnvEntries, serializeEnv } from './env.js';

const parseEnv = (text: string) => parseDocument('env', text);

/** One of every construct dotenv accepts, with the values dotenv itself reads. */
const DOTENV_FILE = [
  '# a full-line comment',
  '   # an indented comment',
  '',
  'export EXPORTED=yes',
  'BASIC=basic',
  'SPACED   =   spaced out   ',
  'TRAILING_COMMENT=value # a comment',
  'EQUALS=a=b==c',
  'EMPTY=',
  "EMPTY_SINGLE=''",
  'EMPTY_DOUBLE=""',
  "SINGLE='literal $HOME \\n # kept'",
  'DOUBLE="line1\\nline2\\rend"',
  'BACKTICK=`it\'s "both"`',
  'MULTI_DOUBLE="first',
  'second"',
  "MULTI_SINGLE='first",
  "second'",
  "QUOTED_COMMENT='value' # comment",
  'COLON: colon value',
  'DUPLICATE=first',
  'DUPLICATE=last',
  'URL=postgres://user:pw@db:5432/app?sslmode=require',
  '',
].join('\n');

describe('parseEnv', () => {
  it('reads what dotenv reads from a file of its edge cases', () => {
    const parsed = parseEnv(DOTENV_FILE);
    expect(parsed).toEqual(dotenvParse(DOTENV_FILE));
    expect(parsed).toEqual({
      EXPORTED: 'yes',
      BASIC: 'basic',
      SPACED: 'spaced out',
      TRAILING_COMMENT: 'value',
      EQUALS: 'a=b==c',
      EMPTY: '',
      EMPTY_SINGLE: '',
      EMPTY_DOUBLE: '',
      SINGLE: 'literal $HOME \\n # kept',
      DOUBLE: 'line1\nline2\rend',
      BACKTICK: 'it\'s "both"',
      MULTI_DOUBLE: 'first\nsecond',
      MULTI_SINGLE: 'first\nsecond',
      QUOTED_COMMENT: 'value',
      COLON: 'colon value',
      DUPLICATE: 'last',
      URL: 'postgres://user:pw@db:5432/app?sslmode=require',
    });
  });

  it('keeps the document order, with a repeated key where it first appeared', () => {
    expect(Object.keys(parseEnv('B=1\nA=2\nB=3\n'))).toEqual(['B', 'A']);
  });

  it('reads a file saved with CRLF or CR line ends, and a byte order mark, as dotenv does', () => {
    const windows = DOTENV_FILE.replaceAll('\n', '\r\n');
    expect(parseEnv(`\uFEFF${windows}`)).toEqual(parseEnv(DOTENV_FILE));
    expect(parseEnv(windows)).toEqual(dotenvParse(windows));
    expect(parseEnv('A="one\rtwo"\rB=2\r')).toEqual({ A: 'one\ntwo', B: '2' });
  });

  it('unescapes \\t, \\" and \\\\ in double quotes and keeps unknown escapes', () => {
    expect(parseEnv('A="tab\\there \\"quoted\\" back\\\\slash \\$HOME \\q"')).toEqual({ A: 'tab\there "quoted" back\\slash \\$HOME \\q' });
  });

  it('treats # as a comment only after whitespace, at line start or after a closing quote', () => {
    expect(parseEnv("A=pa#ss\nB=pa #ss\nC=#hash\nD= #comment\nE='x'#c\n")).toEqual({ A: 'pa#ss', B: 'pa', C: '#hash', D: '', E: 'x' });
  });

  it("joins adjacent quoted parts as a shell does, including the '\\'' idiom", () => {
    expect(parseEnv(`A='it'"'"'s'\nB='it'\\''s'\nC="a"'$b'\n`)).toEqual({ A: "it's", B: "it's", C: 'a$b' });
  });

  it('does not check key names (the service does), beyond what dotenv accepts', () => {
    expect(parseEnv('lower.case-key=1\n1DIGIT=2\n')).toEqual({ 'lower.case-key': '1', '1DIGIT': '2' });
  });

  it('stores __proto__ as an ordinary key', () => {
    const parsed = parseEnv('__proto__=polluted\n');
    expect(Object.keys(parsed)).toEqual(['__proto__']);
    expect(parsed['__proto__']).toBe('polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('gives each key once, with the line of the assignment that gave its last value', () => {
    expect(parseEnvEntries('# head\nB=1\nA="two\nlines"\n\nB=3\nexport C=4\n')).toEqual([
      { key: 'B', value: '3', line: 6 },
      { key: 'A', value: 'two\nlines', line: 3 },
      { key: 'C', value: '4', line: 7 },
    ]);
  });

  it.each([
    ['a bare password line', 'A=1\nJUST_A_SECRET_WORD\n', 2, "expected '=' after the key"],
    ['a line without a key', 'A=1\n=secret-value\n', 2, 'expected KEY=value, a comment or a blank line'],
    ['a line of symbols', 'A=1\n!secret-value\n', 2, 'expected KEY=value, a comment or a blank line'],
    ['a NUL in a key', 'A=1\nSECRET\u0000KEY=x\n', 2, "expected '=' after the key"],
    ['an unclosed double quote', 'A=1\n\nB_SECRET="secret-value\nC=3\n', 3, 'expected a closing quote; the quote opened here is never closed'],
    ['an unclosed single quote', "A_SECRET='secret-value", 1, 'expected a closing quote; the quote opened here is never closed'],
    ['an unclosed escape at the end', 'A_SECRET="secret-value\\', 1, 'expected a closing quote; the quote opened here is never closed'],
    ['text after a closing quote', "A_SECRET='secret'-value\n", 1, 'expected the end of the line (or a # comment) after the value'],
    ['a backtick part followed by more', "A_SECRET=`secret`'-value'\n", 1, 'expected the end of the line (or a # comment) after the value'],
  ])('refuses %s, naming the line and nothing of the document, not even a key', (_what, text, line, message) => {
    const error = thrownBy(() => parseEnv(text));
    expect(error).toBeInstanceOf(DocumentError);
    expect(error.message).toBe(`line ${line}: ${message}`);
    expect(error.message).not.toMatch(/secret/i);
  });
});

describe('serializeEnv', () => {
  it('single-quotes a value without a single quote, whatever else it holds', () => {
    expect(serializeEnv({ A: 'p$ss "w`rd" \\ # = \n end' })).toBe(`A='p$ss "w\`rd" \\ # = \n end'\n`);
  });

  it('double-quotes a value with a single quote when nothing in it is special to a shell there', () => {
    expect(serializeEnv({ A: "it's # fine\n" })).toBe(`A="it's # fine\n"\n`);
  });

  it('double-quotes a value with a CR, written as the \\r escape: no raw CR survives a .env reader', () => {
    expect(serializeEnv({ A: 'one\r\ntwo' })).toBe('A="one\\r\ntwo"\n');
  });

  it('writes quotes and line breaks of the other values in double-quoted runs between single-quoted pieces', () => {
    expect(serializeEnv({ A: "it's $HOME", B: "'$\n\nX=1'", C: '$x\r\n' })).toBe(`A='it'"'"'s $HOME'\nB="'"'$'"\n\n"'X=1'"'"\nC='$x'"\\r\n"\n`);
  });

  it('follows a single-quoted value ending in a backslash with a comment holding a quote', () => {
    const text = serializeEnv({ A: 'ends in \\', B: 'x' });
    expect(text.split('\n')).toEqual(["A='ends in \\'", expect.stringMatching(/^# .*'\w/), "B='x'", '']);
  });

  it('names the keys whose values it writes in the joined form, which dotenv misreads', () => {
    const record = { PLAIN: 'p$ss \\ `x`', QUOTE: "it's", QUOTE_AND_DOLLAR: "it's $HOME", CR_AND_BACKSLASH: 'a\r\\', CR: 'a\r\n' };
    expect(dotenvMisreadKeys(record)).toEqual(['QUOTE_AND_DOLLAR', 'CR_AND_BACKSLASH']);
    const read = dotenvParse(serializeEnv(record));
    expect(Object.keys(record).filter((key) => read[key] !== record[key as keyof typeof record])).toEqual(['QUOTE_AND_DOLLAR', 'CR_AND_BACKSLASH']);
  });

  it('follows a value with a single-quoted part ending in a backslash with that comment, or dotenv swallows the next key', () => {
    const record = { A: 'C:\\\r\n', B: ' # b' };
    const text = serializeEnv(record);
    expect(text).toMatch(/^A='C:\\'"\\r\n"\n# .*'/);
    expect(dotenvParse(text).B).toBe(' # b');
    expect(dotenvParse(text.replace(/^#.*\n/m, '')).B).toBeUndefined();
  });

  it('writes nothing for an empty record', () => {
    expect(serializeEnv({})).toBe('');
  });

  it('refuses a key a shell could not assign, which would make sourcing the file run it', () => {
    expect(() => serializeEnv({ 'A;touch x': 'v' })).toThrow(DocumentError);
    expect(() => serializeEnv({ 'dotted.key': 'v' })).toThrow('not a shell variable name');
  });
});
