import { isAlias, isCollection, isMap, isScalar, parseDocument as parseYamlDocument, stringify, type YAMLError } from 'yaml';
import { DocumentError, emptyRecord, missingValue, nestedValue, notAMapping } from './document-error.js';

/**
 * A YAML mapping of keys to scalars. Numbers and booleans keep the text they were written with
 * (`port: 08080` reads "08080", `ratio: 1.50` reads "1.50"). A key given twice keeps its last
 * value, as in the other formats. An empty document is an empty mapping.
 */
export function parseYaml(text: string): Record<string, string> {
  const document = parseYamlDocument(text, { uniqueKeys: false });
  const [error] = document.errors;
  if (error) throw new DocumentError(describeYamlError(error));
  const root = document.contents;
  if (root === null) return emptyRecord();
  if (!isMap(root)) throw notAMapping();
  const record = emptyRecord();
  for (const pair of root.items) {
    const key = textOf(pair.key);
    if (key === undefined) throw new DocumentError('a key must be plain text, not empty, a mapping or a list');
    const node = isAlias(pair.value) ? pair.value.resolve(document) : pair.value;
    if (isCollection(node)) throw nestedValue(key);
    const value = textOf(node);
    if (value === undefined) throw missingValue(key);
    record[key] = value;
  }
  return record;
}

/** A scalar's text: a string as it is, a number or boolean as it was written; undefined for null and non-scalars. */
function textOf(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const { value, source } = node;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return source ?? String(value);
  return undefined;
}

/** The parser's message quotes the source around the mistake: keep only where and what kind. */
function describeYamlError(error: YAMLError): string {
  const kind = error.code.toLowerCase().replaceAll('_', ' ');
  const line = error.linePos?.[0].line;
  return line === undefined ? `not valid YAML (${kind})` : `line ${line}: not valid YAML (${kind})`;
}

export function serializeYaml(record: Record<string, string>): string {
  // No folding of long lines: the file stays diffable line by line.
  return stringify(record, { lineWidth: 0 });
}
