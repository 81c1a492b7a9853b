/** Colour only on a terminal, and never when NO_COLOR is set to anything non-empty (https://no-color.org). */
export function useColour(stream: NodeJS.WriteStream = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(stream.isTTY) && !env.NO_COLOR;
}

export function style(colour: boolean) {
  const wrap = (open: number, close: number) => (text: string) => (colour ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39) };
}

const ANSI = /\u001b\[[0-9;]*m/g;

/** How wide text shows on a terminal: colour codes take no room. */
const visibleWidth = (text: string) => text.replace(ANSI, '').length;

/** A plain-text table: header row, then one row per record, columns padded with two spaces. */
export function table(headers: string[], rows: string[][], colour = useColour()): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => visibleWidth(row[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell + ' '.repeat(Math.max(0, widths[i]! - visibleWidth(cell)))))
      .join('  ')
      .trimEnd();
  const { bold } = style(colour);
  return [bold(line(headers)), ...rows.map(line)].join('\n') + '\n';
}

// The invisible characters that reorder or hide text on screen: bidirectional overrides and
// isolates, directional marks, line and paragraph separators, zero-width joiners and the BOM.
const INVISIBLE = '\\u061c\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2069\\ufeff';
// DEL and the C1 controls (the 8-bit CSI starts an escape sequence as ESC [ does).
const DEL_AND_C1 = '\\u007f-\\u009f';

// What JSON.stringify leaves raw and a terminal could act on; it escapes the C0 controls itself.
const JSON_RAW_CONTROLS = new RegExp(`[${DEL_AND_C1}${INVISIBLE}]`, 'g');

/**
 * `--json` output. On a terminal the characters above are written as JSON escapes (`\u009b`): the
 * document is the same one (it parses to the same data), only no longer able to drive the
 * terminal. To a pipe or a file it goes exactly as JSON.stringify writes it.
 */
export function printJson(value: unknown, stream: NodeJS.WriteStream = process.stdout): void {
  const text = JSON.stringify(value, null, 2);
  // Outside strings JSON.stringify writes only ASCII, so every match is inside a string.
  const safe = stream.isTTY ? text.replace(JSON_RAW_CONTROLS, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`) : text;
  stream.write(safe + '\n');
}

/** A timestamp as people read it: `2026-11-28 14:03:12Z`. */
export function formatTime(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
}

// Every control character and invisible one, with or without the line feed (C0 is U+0000-U+001F).
const CONTROLS = new RegExp(`[\\u0000-\\u0009\\u000b-\\u001f${DEL_AND_C1}${INVISIBLE}]`, 'g');
const CONTROLS_AND_LINE_BREAKS = new RegExp(`[\\u0000-\\u001f${DEL_AND_C1}${INVISIBLE}]`, 'g');
const NAMED: Readonly<Record<string, string>> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

const escaped = (char: string) => NAMED[char] ?? `\\u{${char.codePointAt(0)!.toString(16).padStart(4, '0')}}`;

/**
 * Text from the server (a value, a description, a key list, a message) as it may be shown on a
 * terminal: every control character written as an escape (`\u{001b}`, `\t`), so that stored text
 * can neither move the cursor, recolour or retitle the terminal, nor hide or reorder what is shown.
 * `keepLineBreaks` keeps `\n` for values shown over several lines; tabs are always escaped.
 */
export function terminalSafe(text: string, keepLineBreaks = false): string {
  return text.replace(keepLineBreaks ? CONTROLS : CONTROLS_AND_LINE_BREAKS, escaped);
}

/** `terminalSafe` on a terminal; other output (a pipe, a file) is left exactly as the server sent it. */
export function shown(text: string, stream: NodeJS.WriteStream = process.stdout, keepLineBreaks = false): string {
  return stream.isTTY ? terminalSafe(text, keepLineBreaks) : text;
}

/**
 * A note of coffer's own on stderr (`coffer: ...`). Server-provided text in it (a name) is escaped
 * when stderr is a terminal, as `shown` does for stdout; a pipe gets it as it is.
 */
export function note(text: string): void {
  process.stderr.write(`coffer: ${shown(text, process.stderr)}\n`);
}

/**
 * An error line on stderr (`coffer: ...`), escaped whether or not stderr is a terminal: it may carry
 * a server's message, and a hostile server can send any text, escape sequences included.
 */
export function errorLine(text: string): void {
  process.stderr.write(`coffer: ${terminalSafe(text)}\n`);
}
