import { isAlias, isCollection, isMap, isScalar, LineCounter, parseDocument as parseYamlDocument, stringify, type Node, type YAMLError } from 'yaml';
import { atLine, atNoLine, MISSING_VALUE, NESTED_VALUE, NOT_A_MAPPING, REPEATED_KEY } from './document-error.js';
import type { DocumentEntry } from './entries.js';

/**
 * A YAML mapping of keys to scalars, each key once. Numbers, booleans and other tagged scalars
 * keep the text they were written with (`port: 08080` reads "08080", `ratio: 1.50` reads "1.50").
 * An empty document is an empty mapping.
 */
export function parseYamlEntries(text: string): DocumentEntry[] {
  const lines = new LineCounter();
  // Keys are compared as the text they become, so `1:` and `"1":` are the same key twice.
  const document = parseYamlDocument(text, { lineCounter: lines, uniqueKeys: (a, b) => (textOf(a) ?? a) === (textOf(b) ?? b) });
  const [error] = document.errors;
  if (error) throw yamlError(error);
  const lineOf = (node: unknown, fallback: number): number => {
    const range = (node as Node | null | undefined)?.range;
    return range ? lines.linePos(range[0]).line : fallback;
  };
  const root = document.contents;
  if (root === null) return [];
  if (!isMap(root)) throw atLine(lineOf(root, 1), NOT_A_MAPPING);
  return root.items.map((pair) => {
    const line = lineOf(pair.key, lineOf(root, 1));
    const key = textOf(pair.key);
    if (key === undefined) throw atLine(line, 'expected a key of plain text, not empty, a mapping or a list');
    const node = isAlias(pair.value) ? pair.value.resolve(document) : pair.value;
    const valueLine = lineOf(pair.value, line);
    if (isCollection(node)) throw atLine(valueLine, NESTED_VALUE);
    const value = textOf(node);
    if (value === undefined) throw atLine(valueLine, MISSING_VALUE);
    return { key, value, line };
  });
}

/** A scalar's text: a string as it is, anything else but null as it was written; undefined for null and non-scalars. */
function textOf(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const { value, source } = node;
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return undefined;
  return source ?? String(value);
}

/** The parser's message quotes the source around the mistake: keep only where and what kind. */
function yamlError(error: YAMLError): Error {
  const expected = error.code === 'DUPLICATE_KEY' ? REPEATED_KEY : `expected valid YAML (${error.code.toLowerCase().replaceAll('_', ' ')})`;
  const line = error.linePos?.[0].line;
  return line === undefined ? atNoLine(expected) : atLine(line, expected);
}

export function serializeYaml(record: Record<string, string>): string {
  // No folding of long lines: the file stays diffable line by line.
  return stringify(record, { lineWidth: 0 });
}
