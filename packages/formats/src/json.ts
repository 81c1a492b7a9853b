import { DocumentError, emptyRecord, missingValue, nestedValue, notAMapping } from './document-error.js';

/**
 * A JSON object of keys to strings, numbers or booleans. Numbers and booleans become their
 * JavaScript string form (`1.50` reads as "1.5"; quote a value to keep it verbatim). An integer
 * beyond 2^53 is refused rather than rounded. A key given twice keeps its last value.
 */
export function parseJson(text: string): Record<string, string> {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (err) {
    // The parser's own message quotes the text around the mistake, so only its position is kept.
    throw new DocumentError(`not valid JSON${lineOfJsonError(text, err)}`);
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) throw notAMapping();
  const record = emptyRecord();
  for (const [key, value] of Object.entries(document)) record[key] = scalarText(key, value);
  return record;
}

function scalarText(key: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
      throw new DocumentError(`${key}: the number is too large to keep exactly; write it as a string`);
    }
    return String(value);
  }
  if (value === null) throw missingValue(key);
  throw nestedValue(key);
}

function lineOfJsonError(text: string, err: unknown): string {
  const position = err instanceof Error ? /at position (\d+)/.exec(err.message)?.[1] : undefined;
  if (position === undefined) return '';
  return ` (line ${text.slice(0, Number(position)).split('\n').length})`;
}

export function serializeJson(record: Record<string, string>): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}
