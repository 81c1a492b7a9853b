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

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
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
