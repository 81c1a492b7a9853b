import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as dotenvParse } from 'dotenv';
import { afterAll, describe, expect, it } from 'vitest';
import { FORMATS, parseDocument, serializeDocument } from './document.js';
import { keysWithoutDotenvSpelling } from './dotenv.js';
import { dotenvMisreadKeys, serializeEnv } from './env.js';

/** Values that break naive quoting, by name. */
const NASTY: Record<string, string> = Object.fromEntries([
  ['EMPTY', ''],
  ['SPACES', '  padded on both sides  '],
  ['TABS', '\tindented\t'],
  ['SINGLE_QUOTE', "it's"],
  ['ONLY_A_SINGLE_QUOTE', "'"],
  ['DOUBLE_QUOTES', 'say "hi"'],
  ['BACKTICKS', 'run `id` now'],
  ['EVERY_QUOTE', `'"\`'"\``],
  ['DOLLARS', '$HOME ${HOME} $(id) $1'],
  ['SINGLE_QUOTE_AND_DOLLAR', "it's $HOME"],
  ['BACKSLASHES', 'C:\\Users\\me\\new'],
  ['TRAILING_BACKSLASH', 'ends in \\'],
  ['SINGLE_QUOTE_AND_TRAILING_BACKSLASH', "it's \\"],
  ['ESCAPE_LOOKALIKES', '\\n \\r \\t \\" \\\\ \\\' \\$'],
  ['NEWLINES', 'line 1\nline 2\n'],
  ['LEADING_NEWLINE_AND_ASSIGNMENT', '\nINJECTED_A=1\n'],
  ['SINGLE_QUOTE_NEWLINE_AND_ASSIGNMENT', "it's\nINJECTED_B=1\n$x"],
  ['SINGLE_QUOTE_LINE_SEPARATOR_AND_ASSIGNMENT', "x' $ #\u2028INJECTED_C=1"],
  ['HASHES', 'pa#ss # not a comment'],
  ['EQUALS', 'a=b==c'],
  ['UNICODE', 'héllo wörld ✓ 🔑 \u00a0 \u2028 \u2029 \uFEFF'],
  ['PEM', '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n'],
  ['JSON_LIKE', '{"a": [1, 2], "b": null}'],
  ['YAML_LIKE', 'key: value\n- item\n&anchor *alias'],
  ['LOOKS_LIKE_TRUE', 'true'],
  ['LOOKS_LIKE_A_NUMBER', '0123'],
  ['LOOKS_LIKE_NULL', 'null'],
  ['TILDE', '~'],
  ['EXPORT_LIKE', 'export X=1'],
  ['CARRIAGE_RETURNS', 'a\r\nb\rc'],
  ['CARRIAGE_RETURN_QUOTE_AND_DOLLAR', "it's\r\n$HOME\r"],
  ['__proto__', 'not a prototype'],
]);

/**
 * Values dotenv cannot read back exactly from any spelling a shell also reads exactly (see env.ts):
 * a single quote or a CR together with `$`, a backquote, a double quote or a backslash.
 */
const DOTENV_DIFFERS = new Set([
  'EVERY_QUOTE',
  'SINGLE_QUOTE_AND_DOLLAR',
  'SINGLE_QUOTE_AND_TRAILING_BACKSLASH',
  'ESCAPE_LOOKALIKES',
  'SINGLE_QUOTE_NEWLINE_AND_ASSIGNMENT',
  'SINGLE_QUOTE_LINE_SEPARATOR_AND_ASSIGNMENT',
  'CARRIAGE_RETURN_QUOTE_AND_DOLLAR',
]);
/** A CR is written as dotenv's `\r` escape, which a shell reads as a backslash and an `r`. */
const SHELL_DIFFERS = new Set(['CARRIAGE_RETURNS', 'CARRIAGE_RETURN_QUOTE_AND_DOLLAR']);
const scratch = mkdtempSync(join(tmpdir(), 'coffer-formats-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** What a shell has in its environment after `set -a; . ./file` (NUL-separated, so any value fits). */
function sourcedByShell(shell: string, text: string): Record<string, string> {
  const file = join(scratch, `${shell.replaceAll('/', '_')}.env`);
  writeFileSync(file, text);
  const output = execFileSync('/usr/bin/env', ['-i', shell, '-c', 'set -a; . "$1"; exec /usr/bin/env -0', 'sh', file], { encoding: 'utf8' });
  return Object.fromEntries(
    output
      .split('\0')
      .filter(Boolean)
      .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
  );
}

function pick(record: Record<string, string>, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.filter((key) => Object.hasOwn(record, key)).map((key) => [key, record[key]!]));
}

/** dotenv collects into a plain object, whose setter swallows the key __proto__ whatever its spelling. */
const withoutProto = (record: Record<string, string>) => Object.fromEntries(Object.entries(record).filter(([key]) => key !== '__proto__'));

describe.each(FORMATS)('%s', (format) => {
  it('reads back exactly the values it wrote', () => {
    const record = format === 'dotenv' ? withoutProto(NASTY) : NASTY;
    const parsed = parseDocument(format, serializeDocument(format, record));
    expect(Object.entries(parsed)).toEqual(Object.entries(record));
  });
});

describe('a written dotenv file', () => {
  it.each([
    ['the default parser', {}],
    ['the fast parser', { fast: true }],
  ])("is read by dotenv's %s exactly, every one of these values included", (_parser, options) => {
    const record = withoutProto(NASTY);
    expect(keysWithoutDotenvSpelling(record)).toEqual([]);
    expect(dotenvParse(serializeDocument('dotenv', record), options)).toEqual(record);
  });
});

describe('a written .env file', () => {
  const text = serializeEnv(NASTY);

  it.each(['/bin/sh', '/usr/bin/dash', '/usr/bin/bash'].filter((shell) => existsSync(shell)))('is read exactly by %s', (shell) => {
    const environment = sourcedByShell(shell, text);
    const exact = Object.keys(NASTY).filter((key) => !SHELL_DIFFERS.has(key));
    expect(pick(environment, exact)).toEqual(pick(NASTY, exact));
    for (const key of SHELL_DIFFERS) expect(environment[key], key).toBe(NASTY[key]!.replaceAll('\r', '\\r'));
    expect(Object.keys(environment).filter((key) => key.startsWith('INJECTED'))).toEqual([]);
  });

  it.each([
    ['the default parser', {}],
    ['the fast parser', { fast: true }],
  ])("is read by dotenv's %s exactly, except for the values no spelling can give it", (_parser, options) => {
    const read = dotenvParse(text, options);
    // dotenv collects into a plain object, whose setter swallows the key __proto__ whatever its spelling.
    const keys = Object.keys(NASTY).filter((key) => key !== '__proto__');
    const exact = keys.filter((key) => !DOTENV_DIFFERS.has(key));
    expect(pick(read, exact)).toEqual(pick(NASTY, exact));
    for (const key of DOTENV_DIFFERS) expect(read[key], key).not.toBe(NASTY[key]);
    // However dotenv misreads a value, it never reads a line of one as a variable of its own.
    expect(Object.keys(read).sort()).toEqual(keys.sort());
  });

  it('names exactly the keys dotenv misreads, for the warning of a pull', () => {
    expect(new Set(dotenvMisreadKeys(NASTY))).toEqual(DOTENV_DIFFERS);
  });

  it('needs the comment after a value ending in a backslash, or dotenv reads into the next value', () => {
    const guarded = serializeEnv({ A: 'ends in \\', B: '\nINJECTED=1\n' });
    const unguarded = guarded.replace(/^#.*\n/m, '');
    expect(dotenvParse(guarded)).toEqual({ A: 'ends in \\', B: '\nINJECTED=1\n' });
    expect(Object.keys(dotenvParse(unguarded))).toContain('INJECTED');
  });
});

/** Every string over `alphabet` of length `min` to `max`. */
function* strings(alphabet: readonly string[], max: number, min = 0): Generator<string> {
  let level = [''];
  for (let length = 0; length <= max; length++) {
    if (length >= min) yield* level;
    level = level.flatMap((prefix) => alphabet.map((char) => prefix + char));
  }
}

describe('a written .env file of every short value', () => {
  /** What a shell or dotenv treats specially, and two ordinary characters a line could be mistaken with. */
  const values = [
    ...strings(['a', ' ', '\t', "'", '"', '`', '#', '\n', '\r', '\\', '$', '=', '\u2028', '!', '*'], 3),
    ...strings(["'", '"', '`', '\\', '$', '\n', '\r', ' ', '#', '\u2029'], 4, 4),
  ];
  const record = Object.fromEntries(values.map((value, i) => [`V${i}`, value]));
  const text = serializeEnv(record);

  it.each(['/bin/sh', '/usr/bin/dash', '/usr/bin/bash'].filter((shell) => existsSync(shell)))('is read exactly by %s, a CR as \\r', (shell) => {
    const environment = sourcedByShell(shell, text);
    expect(pick(environment, Object.keys(record))).toEqual(
      Object.fromEntries(Object.entries(record).map(([key, value]) => [key, value.replaceAll('\r', '\\r')])),
    );
    // Nothing else: no line of a value became a variable of its own.
    const own = new Set(Object.keys(sourcedByShell(shell, '')));
    expect(Object.keys(environment).filter((key) => !Object.hasOwn(record, key) && !own.has(key))).toEqual([]);
  });

  it.each([
    ['the default parser', {}],
    ['the fast parser', { fast: true }],
  ])("is misread by dotenv's %s at exactly the keys the warning names", (_parser, options) => {
    const read = dotenvParse(text, options);
    const misread = Object.keys(record).filter((key) => read[key] !== record[key]);
    expect(misread).toEqual(dotenvMisreadKeys(record));
    expect(misread.length).toBeGreaterThan(1_000);
    expect(Object.keys(read).sort()).toEqual(Object.keys(record).sort());
  });
});
