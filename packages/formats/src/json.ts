import { isJsonObject, JsonParseError, parseStrictJson, type JsonProblem } from '@coffer/contract/rules';
import { atLine, MISSING_VALUE, NESTED_VALUE, NOT_A_MAPPING, REPEATED_KEY } from './document-error.js';
import type { DocumentEntry } from './entries.js';

const PROBLEMS: Readonly<Record<JsonProblem, string>> = {
  // JSON.parse's own messages quote the text around the mistake: only the line is kept.
  syntax: 'expected valid JSON',
  // JSON.parse would keep the later one: the document would mean something other than it shows.
  duplicate: REPEATED_KEY,
  depth: NESTED_VALUE,
};

/**
 * A JSON object of keys to strings, numbers or booleans, each key once. Numbers and booleans
 * become their JavaScript string form (`1.50` reads as "1.5"; quote a value to keep it verbatim).
 * A number that cannot be kept exactly (beyond 2^53, or beyond the range of a double) is refused
 * rather than rounded.
 */
export function parseJsonEntries(text: string): DocumentEntry[] {
  let rootLine = 1;
  const members: { key: string; line: number }[] = [];
  let document: unknown;
  try {
    document = parseStrictJson(text, {
      onValue(path, line) {
        if (path.length === 0) rootLine = line;
        else if (path.length === 1 && typeof path[0] === 'string') members.push({ key: path[0], line });
      },
    });
  } catch (err) {
    if (err instanceof JsonParseError) throw atLine(err.line, PROBLEMS[err.problem]);
    throw err;
  }
  if (!isJsonObject(document)) throw atLine(rootLine, NOT_A_MAPPING);
  const values = document;
  // In document order: an object lists integer-like names first, whatever their place.
  return members.map(({ key, line }) => ({ key, value: scalarText(values[key], line), line }));
}

function scalarText(value: unknown, line: number): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value))) {
      throw atLine(line, 'expected a number that can be kept exactly; write this one as a string');
    }
    return String(value);
  }
  if (value === null) throw atLine(line, MISSING_VALUE);
  throw atLine(line, NESTED_VALUE);
}

export function serializeJson(record: Record<string, string>): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}
