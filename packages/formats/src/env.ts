import { Cursor } from './cursor.js';
import { DocumentError } from './document-error.js';
import { EntryCollector, type DocumentEntry } from './entries.js';

/*
 * .env files: read as dotenv reads them, written so that dotenv (16 to 18, both parsers) and a
 * POSIX shell (`set -a; . ./.env`) read back exactly the stored value.
 *
 * Reading. `KEY=value` (or `KEY: value`) lines with an optional `export ` prefix; blank lines and
 * `#` comments; unquoted values have their surrounding whitespace trimmed and may hold `=`;
 * `'single'` (literal), `"double"` (escapes `\n` `\r` `\t` `\"` `\\`; any other backslash stays) and
 * `` `back` `` (literal) quotes, which may span lines; empty values; CRLF and CR read as LF
 * everywhere, as in dotenv. No variable expansion. A key given twice keeps its last value. Where
 * this reader departs from dotenv, and why:
 *  - A `#` starts a comment only where it cannot belong to a value: at the start of a line, after
 *    whitespace, or after a closing quote. dotenv also cuts an unquoted value at a `#` inside it
 *    (`pa#ss` reads `pa`), which would silently truncate a secret.
 *  - `\t`, `\"` and `\\` are escapes in double quotes, as in python-dotenv, docker compose and the
 *    shell; dotenv expands only `\n` and `\r` and keeps the backslash of the others.
 *  - Adjacent quoted parts join into one value, as in a shell (`'it'"'"'s'`, `'it'\''s'`); dotenv
 *    reads such a line as one raw unquoted value, quotes included.
 *  - What dotenv skips or reads raw by accident (a line without `=`, an unclosed quote, text after a
 *    closing quote) is an error naming the line: a push must not guess.
 *
 * Writing. Every value is quoted, in the first form that fits:
 *  1. `'value'` when it holds no single quote and no CR: literal for dotenv, the shell and this reader.
 *  2. `"value"` when none of `$` `` ` `` `"` `\` is in it: literal for all three, except that a CR is
 *     written `\r`. No reader of .env files keeps a raw CR (dotenv turns it into LF), so dotenv's
 *     escape wins over the shell, which reads a backslash and an `r` there: harmless, as nothing in
 *     this form is special to it.
 *  3. Otherwise single-quoted pieces joined with double-quoted runs of quotes and line breaks:
 *     `it's $HOME` is written `'it'"'"'s $HOME'`. The shell and this reader read it exactly (a CR
 *     again as `\r`); dotenv does not, and no spelling exists that both read alike: dotenv keeps
 *     every backslash, so `\'`, `\$` and `'\''` survive into its value, and in double quotes the
 *     shell expands `$` and runs `` `...` ``. The shell wins because sourcing a pulled file must
 *     never run part of a value as code. Line breaks (LF, U+2028, U+2029, all line ends to dotenv)
 *     go in the double-quoted runs so that every continuation line starts with a quote: dotenv,
 *     which reads such a value line by line, can then never take a line of it for an assignment.
 *     A pull in this format names these keys (`dotenvMisreadKeys`), and the `dotenv` format
 *     (dotenv.ts) writes a file that dotenv reads exactly but a shell must never source.
 *  dotenv reads `\'` inside single quotes as an escaped quote, so after a single-quoted part ending in
 *  a backslash it would run on to the next quote in the file and resume inside a later value,
 *  swallowing the keys in between; a comment line holding a quote follows such a value to stop it.
 */

const EXPORT = /export[ \t]+/y;
const KEY = /[\w.-]+/y;
const SEPARATOR = /[ \t]*=|:[ \t]/y;
const BLANKS = /[ \t]*/y;
const REST_OF_LINE = /[^\n]*/y;
const LINE_END = /\n|$/y;
const AFTER_VALUE = /[ \t]*(?:#[^\n]*)?/y;
const DOUBLE_QUOTED_RUN = /[^"\\]*/y;
const ESCAPES = new Map([
  ['n', '\n'],
  ['r', '\r'],
  ['t', '\t'],
  ['"', '"'],
  ['\\', '\\'],
]);

/** The entries of a .env file, each with the line its assignment starts on. */
export function parseEnvEntries(text: string): DocumentEntry[] {
  const unmarked = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const cursor: Cursor = new Cursor(unmarked.replace(/\r\n?/g, '\n'));
  const entries = new EntryCollector();
  while (!cursor.done) {
    cursor.take(BLANKS);
    if (cursor.peek() === '#') cursor.take(REST_OF_LINE);
    if (cursor.take(LINE_END) !== undefined) continue;
    const line = cursor.line;
    cursor.take(EXPORT);
    const key = cursor.take(KEY);
    if (key === undefined) cursor.fail('expected KEY=value, a comment or a blank line');
    if (cursor.take(SEPARATOR) === undefined) cursor.fail("expected '=' after the key");
    entries.set(key, readValue(cursor), line);
    cursor.take(AFTER_VALUE);
    if (cursor.take(LINE_END) === undefined) cursor.fail('expected the end of the line (or a # comment) after the value');
  }
  return entries.entries;
}

function readValue(cursor: Cursor): string {
  const start = cursor.pos;
  cursor.take(BLANKS);
  const first = cursor.peek();
  if (first === '`') return readQuoted(cursor, '`');
  if (first === "'" || first === '"') return readShellWord(cursor);
  cursor.pos = start;
  const rest = cursor.take(REST_OF_LINE) ?? '';
  const comment = /[ \t]#/.exec(rest);
  if (comment) cursor.pos -= rest.length - comment.index;
  return (comment ? rest.slice(0, comment.index) : rest).trim();
}

/** Adjacent `'...'`, `"..."` and `\'` parts, joined into one value as a shell joins them. */
function readShellWord(cursor: Cursor): string {
  let value = '';
  for (;;) {
    const next = cursor.peek();
    if (next === "'") value += readQuoted(cursor, "'");
    else if (next === '"') value += readDoubleQuoted(cursor);
    else if (next === '\\' && cursor.peek(1) === "'") {
      value += "'";
      cursor.skip(2);
    } else return value;
  }
}

const NEVER_CLOSED = 'expected a closing quote; the quote opened here is never closed';

/** A literal quoted part: everything up to the next `quote`. */
function readQuoted(cursor: Cursor, quote: string): string {
  const openedOn = cursor.line;
  const end = cursor.text.indexOf(quote, cursor.pos + 1);
  if (end === -1) cursor.fail(NEVER_CLOSED, openedOn);
  const value = cursor.text.slice(cursor.pos + 1, end);
  cursor.skip(end + 1 - cursor.pos);
  return value;
}

function readDoubleQuoted(cursor: Cursor): string {
  const openedOn = cursor.line;
  cursor.skip(1);
  let value = '';
  for (;;) {
    value += cursor.take(DOUBLE_QUOTED_RUN) ?? '';
    const next = cursor.peek();
    if (next === '"') {
      cursor.skip(1);
      return value;
    }
    const escaped = cursor.peek(1);
    if (next === undefined || escaped === undefined) cursor.fail(NEVER_CLOSED, openedOn);
    value += ESCAPES.get(escaped) ?? `\\${escaped}`;
    cursor.skip(2);
  }
}

/** A name a shell can assign to: anything else would make `. ./.env` run something. */
const SHELL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SHELL_SPECIAL_IN_DOUBLE_QUOTES = /[$`"\\]/;
const QUOTES_AND_LINE_BREAKS = /(['\r\n\u2028\u2029]+)/;
const ENDS_IN_BACKSLASH_GUARD = "# a part of the value above ends in a backslash: this 'quote' keeps dotenv from reading past it";

export function serializeEnv(record: Record<string, string>): string {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (!SHELL_NAME.test(key)) throw new DocumentError(`${key} cannot be written to a .env file: it is not a shell variable name`);
    const quoted = quote(value);
    lines.push(`${key}=${quoted}`);
    if (quoted.includes("\\'")) lines.push(ENDS_IN_BACKSLASH_GUARD);
  }
  return lines.map((line) => `${line}\n`).join('');
}

/** Whether a value is written in form 3 (see the comment at the top), which dotenv misreads. */
const isJoinedForm = (value: string) => /['\r]/.test(value) && SHELL_SPECIAL_IN_DOUBLE_QUOTES.test(value);

/** The keys of `record` whose values dotenv does not read back exactly from `serializeEnv(record)`, in record order. */
export function dotenvMisreadKeys(record: Record<string, string>): string[] {
  return Object.keys(record).filter((key) => isJoinedForm(record[key]!));
}

function quote(value: string): string {
  if (!/['\r]/.test(value)) return `'${value}'`;
  if (!isJoinedForm(value)) return doubleQuoted(value);
  return value
    .split(QUOTES_AND_LINE_BREAKS)
    .filter((part) => part !== '')
    .map((part) => (QUOTES_AND_LINE_BREAKS.test(part) ? doubleQuoted(part) : `'${part}'`))
    .join('');
}

/** Only for text without `$` `` ` `` `"` `\`, so a CR is the one character that needs an escape. */
function doubleQuoted(text: string): string {
  return `"${text.replaceAll('\r', '\\r')}"`;
}
