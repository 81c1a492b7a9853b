import { Cursor } from './cursor.js';
import { DocumentError } from './document-error.js';
import { EntryCollector, type DocumentEntry } from './entries.js';

/*
 * Files for the dotenv package (18: `parse`, its default parser and `{ fast: true }`), which
 * reads .env syntax differently from a shell: it keeps every backslash except `\n` and `\r` in
 * double quotes, and reads a line whose quoted value does not end the line as one unquoted value.
 * Such a file must never be sourced by a shell: `$`, backquotes and backslashes in it are literal
 * to dotenv and code or escapes to a shell. For the shell there is the `env` format (env.ts).
 *
 * How dotenv reads a value (both parsers agree on all of this):
 *  - Quoted, when it starts with `'`, `"` or a backquote: up to a later same quote followed by
 *    blanks and the end of the line (or `#`); a quote right after a backslash may also be passed
 *    over, the first one without a backslash may not. Literal, except `\n` and `\r` in double quotes.
 *  - Otherwise (also when no such closing quote exists): the rest of the line up to the first `#`,
 *    trimmed; a pair of the same quote at both ends is dropped, and `\n` and `\r` are expanded when
 *    the first character is a double quote. A raw CR is a line break, as in every .env reader.
 *  - JavaScript's regular expressions treat U+2028 and U+2029 as line ends: dotenv ends a quoted
 *    value's line there, and in an unquoted value drops the quotes around a part that follows one.
 *
 * Writing. Each value takes the first form that dotenv reads back exactly:
 *  1. `'value'`, `` `value` `` or `"value"` (a CR written `\r`): when every such quote in the value
 *     follows a backslash, the value holds no CR for the first two, and no `\n` or `\r` for the last.
 *  2. The value between quotes that dotenv reads through its unquoted path: `'value'` or `` `value` ``
 *     for a value without `#`, line breaks and CRs; `"value"` with line breaks and CRs written `\n`
 *     and `\r` for one without `#`, `\n` and `\r`. The value holds a bare quote of that kind (else
 *     form 1 would have fitted), so dotenv's quoted reading stops at it and falls back to the line,
 *     unless that quote is followed by a U+2028 or U+2029: then the next quote kind is tried.
 *  3. The value as it is, when dotenv's unquoted path leaves it alone: one line, no `#`, no blanks
 *     at either end, no quote at the start or right after a U+2028 or U+2029.
 * A value that fits none of these is refused, never written as something else. Without U+2028 and
 * U+2029 these forms carry every value some dotenv line can (dotenv.test.ts, with dotenv as the
 * oracle): a value is refused exactly when it holds a `#` (or a line break or CR together with a
 * `\n` or `\r` in its text), and a bare `'` or a CR, and a bare backquote or a CR, and a bare `"`
 * or a `\n` or `\r` (bare: not right after a backslash). With U+2028 or U+2029, dotenv also reads a few values from
 * lines whose meaning depends on where those characters fall; such lines are not written, so a
 * value holding them may be refused although a contrived line could carry it.
 * A value ending in a backslash could let dotenv read past its closing quote, into a later value; a
 * comment line holding quotes that cannot close anything follows it.
 *
 * Reading (push, diff) takes exactly what dotenv reads, strictly: a line dotenv would skip or read
 * other than it looks is an error naming the line. That is a line that is not an assignment, a
 * comment or blank; a `#` in an unquoted value not after a blank (dotenv cuts the value there); a
 * quote that is never closed or is followed by more text (dotenv would read the quote itself into
 * the value); a value ending in a backslash followed by more than blanks; U+2028 or U+2029 where
 * dotenv reads them as line ends.
 * A key given twice keeps its last value, as dotenv does.
 */

const QUOTES = new Set(["'", '"', '`']);
/** Blanks as dotenv skips and trims them (JavaScript's `\s`) without the line breaks. */
const INLINE_BLANK = '\\t\\v\\f \\u00a0\\u1680\\u2000-\\u200a\\u202f\\u205f\\u3000\\ufeff';
/** What dotenv also skips before a key and around `=`: blanks, and U+2028 and U+2029. */
const BLANK = `${INLINE_BLANK}\\u2028\\u2029`;
const BLANKS = new RegExp(`[${BLANK}]*`, 'y');
const INLINE_BLANKS = new RegExp(`[${INLINE_BLANK}]*`, 'y');
const IS_BLANK = new RegExp(`[${BLANK}]`);
const EXPORT = new RegExp(`export[${BLANK}]+(?=[\\w.-])`, 'y');
const KEY = /[\w.-]+/y;
const SEPARATOR = new RegExp(`[${BLANK}]*=|:(?=[${BLANK}])`, 'y');
const COMMENT = /#[^\n\u2028\u2029]*/y;
const REST_OF_LINE = /[^\n]*/y;
const LINE_END = /\n|$/y;
const LINE_SEPARATORS = /[\u2028\u2029]/;
/** Where dotenv's unquoted reading would drop the quotes around a part of the value. */
const QUOTE_AFTER_LINE_SEPARATOR = /[\u2028\u2029]['"`]/;
/** dotenv's closing quote: followed by blanks, then the end of a line (U+2028 and U+2029 included) or `#`. */
const DOTENV_CLOSES = new RegExp(`[${INLINE_BLANK}]*(?:[\\n\\u2028\\u2029#]|$)`, 'y');

/** The entries of a file as dotenv reads it, each with the line its assignment starts on. */
export function parseDotenvEntries(text: string): DocumentEntry[] {
  const cursor: Cursor = new Cursor(text.replace(/\r\n?/g, '\n'));
  const entries = new EntryCollector();
  while (!cursor.done) {
    cursor.take(BLANKS);
    if (cursor.peek() === '#') {
      const comment = cursor.take(REST_OF_LINE)!;
      if (LINE_SEPARATORS.test(comment)) cursor.fail('expected a comment without U+2028 or U+2029, which dotenv reads as line ends');
    }
    if (cursor.take(LINE_END) !== undefined) continue;
    const line = cursor.line;
    cursor.take(EXPORT);
    const key = cursor.take(KEY);
    if (key === undefined) cursor.fail('expected KEY=value, a comment or a blank line');
    if (cursor.take(SEPARATOR) === undefined) cursor.fail("expected '=' after the key");
    entries.set(key, readValue(cursor), line);
  }
  return entries.entries;
}

/** Reads the value after `=` and the rest of its line (or lines, for a quoted value). */
function readValue(cursor: Cursor): string {
  const start = cursor.pos;
  cursor.take(BLANKS);
  const quote = cursor.peek();
  if (quote !== undefined && QUOTES.has(quote)) {
    const closing = dotenvClosingQuote(cursor.text, cursor.pos, quote);
    if (closing !== -1) return readQuoted(cursor, quote, closing);
  }
  cursor.pos = start;
  const value = readUnquoted(cursor);
  cursor.take(LINE_END);
  return value;
}

/**
 * Where dotenv's quoted reading of the value opened at `open` ends, or -1 when it reads the line
 * unquoted: the last same quote, up to the first one not after a backslash, that closes a line.
 */
function dotenvClosingQuote(text: string, open: number, quote: string): number {
  let closing = -1;
  for (let at = text.indexOf(quote, open + 1); at !== -1; at = text.indexOf(quote, at + 1)) {
    DOTENV_CLOSES.lastIndex = at + 1;
    if (DOTENV_CLOSES.test(text)) closing = at;
    if (text[at - 1] !== '\\') break;
  }
  return closing;
}

function readQuoted(cursor: Cursor, quote: string, closing: number): string {
  const content = cursor.text.slice(cursor.pos + 1, closing);
  const closedOn = cursor.lineOf(closing);
  cursor.skip(closing + 1 - cursor.pos);
  cursor.take(INLINE_BLANKS);
  if (content.endsWith('\\')) {
    // dotenv may also take that quote as escaped: only the end of the line shows where the value ends.
    if (cursor.take(LINE_END) === undefined) cursor.fail('expected the end of the line after a quoted value ending in a backslash', closedOn);
  } else {
    cursor.take(COMMENT);
    if (cursor.take(LINE_END) === undefined) cursor.fail('expected the end of the line (or a # comment) after the closing quote', closedOn);
  }
  return quote === '"' ? expandEscapes(content) : content;
}

/** The rest of the line as dotenv reads an unquoted value; the cursor stops at the line end. */
function readUnquoted(cursor: Cursor): string {
  const line = cursor.take(REST_OF_LINE)!;
  const hash = line.indexOf('#');
  if (hash !== -1 && (hash === 0 || !IS_BLANK.test(line[hash - 1]!))) {
    cursor.fail("expected a blank before '#': dotenv ends an unquoted value at any '#'; quote the value");
  }
  if (hash !== -1 && LINE_SEPARATORS.test(line.slice(hash))) cursor.fail('expected a comment without U+2028 or U+2029, which dotenv reads as line ends');
  const text = (hash === -1 ? line : line.slice(0, hash)).trim();
  const first = text[0];
  if (first !== undefined && QUOTES.has(first)) {
    // The quoted reading found no closing quote: dotenv drops a pair of quotes around the whole line, or keeps the quote in the value.
    if (text.length < 2 || !text.endsWith(first)) cursor.fail('expected a closing quote at the end of the value; dotenv would read the opening quote into it');
    const inner = text.slice(1, -1);
    return first === '"' ? expandEscapes(inner) : inner;
  }
  if (QUOTE_AFTER_LINE_SEPARATOR.test(text)) cursor.fail('expected quotes around a value holding U+2028 or U+2029 followed by a quote');
  return text;
}

/** The only escapes dotenv knows, in double quotes: every other backslash stays. */
function expandEscapes(text: string): string {
  return text.replaceAll('\\n', '\n').replaceAll('\\r', '\r');
}

/** A name dotenv reads as a key; `__proto__` it would lose (it collects into a plain object). */
const DOTENV_KEY = /^(?!__proto__$)[\w.-]+$/;
const ENDS_IN_BACKSLASH_GUARD = '# the value above ends in a backslash: these \'quotes\' "quotes" and `quotes` keep dotenv from reading past it';

/** Whether `text` holds `quote` other than right after a backslash: dotenv ends a quoted value there. */
function hasBareQuote(text: string, quote: string): boolean {
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) if (text[at - 1] !== '\\') return true;
  return false;
}

/** Whether dotenv's quoted reading of `quote` + `value` + `quote` would end at a quote inside the value, before a U+2028 or U+2029. */
function closesInside(value: string, quote: string): boolean {
  for (let at = value.indexOf(quote); at !== -1; at = value.indexOf(quote, at + 1)) {
    INLINE_BLANKS.lastIndex = at + 1;
    INLINE_BLANKS.test(value);
    if (LINE_SEPARATORS.test(value[INLINE_BLANKS.lastIndex] ?? '')) return true;
    if (value[at - 1] !== '\\') return false;
  }
  return false;
}

/** How dotenv is given `value` back exactly (see the comment at the top), or undefined when it cannot be. */
function dotenvSpelling(value: string): string | undefined {
  const noCarriageReturn = !value.includes('\r');
  const noEscapes = !/\\[nr]/.test(value);
  if (noCarriageReturn && !hasBareQuote(value, "'")) return `'${value}'`;
  if (noCarriageReturn && !hasBareQuote(value, '`')) return `\`${value}\``;
  if (noEscapes && !hasBareQuote(value, '"')) return `"${value.replaceAll('\r', '\\r')}"`;
  if (value.includes('#')) return undefined;
  const oneLine = !/[\n\r]/.test(value);
  if (oneLine && !closesInside(value, "'")) return `'${value}'`;
  if (oneLine && !closesInside(value, '`')) return `\`${value}\``;
  if (noEscapes && !closesInside(value, '"')) return `"${value.replaceAll('\n', '\\n').replaceAll('\r', '\\r')}"`;
  const unquoted = oneLine && value !== '' && value.trim() === value && !QUOTES.has(value[0]!) && !QUOTE_AFTER_LINE_SEPARATOR.test(value);
  return unquoted ? value : undefined;
}

/** The keys whose values dotenv cannot be given back exactly in any form this writer uses, in record order. */
export function keysWithoutDotenvSpelling(record: Record<string, string>): string[] {
  return Object.keys(record).filter((key) => dotenvSpelling(record[key]!) === undefined);
}

/** @throws DocumentError naming the keys dotenv cannot be given, or a key it cannot read; never a value */
export function serializeDotenv(record: Record<string, string>): string {
  const refused = keysWithoutDotenvSpelling(record);
  if (refused.length > 0) throw new DocumentError(`no dotenv spelling reads back exactly the values of ${refused.join(', ')}`);
  const lines: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (!DOTENV_KEY.test(key)) throw new DocumentError(`${key} cannot be written to a dotenv file: it is not a name dotenv reads`);
    lines.push(`${key}=${dotenvSpelling(value)!}`);
    if (value.endsWith('\\')) lines.push(ENDS_IN_BACKSLASH_GUARD);
  }
  return lines.map((line) => `${line}\n`).join('');
}
