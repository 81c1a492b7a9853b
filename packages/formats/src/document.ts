import { DOCUMENT_FORMATS, isWellFormed, WELL_FORMED_RULE, type DocumentFormat } from '@coffer/contract/rules';
import { atLine } from './document-error.js';
import { parseDotenvEntries, serializeDotenv } from './dotenv.js';
import { recordOf, type DocumentEntry } from './entries.js';
import { parseEnvEntries, serializeEnv } from './env.js';
import { parseJsonEntries, serializeJson } from './json.js';
import { parseYamlEntries, serializeYaml } from './yaml.js';

/** The contract's list: the gateway's requests and the CLI's `--format` take exactly these. */
export const FORMATS = DOCUMENT_FORMATS;
export type Format = DocumentFormat;

interface Codec {
  parse(text: string): DocumentEntry[];
  serialize(record: Record<string, string>): string;
}

const CODECS: Readonly<Record<Format, Codec>> = {
  env: { parse: parseEnvEntries, serialize: serializeEnv },
  dotenv: { parse: parseDotenvEntries, serialize: serializeDotenv },
  json: { parse: parseJsonEntries, serialize: serializeJson },
  yaml: { parse: parseYamlEntries, serialize: serializeYaml },
};

/**
 * The keys of a document with their values and lines: one per key, in the order keys first appear
 * (a key given twice in a .env file keeps its last value, and that value's line).
 * @throws DocumentError `line N: what was expected`, quoting nothing of the document
 */
export function parseDocumentEntries(format: Format, text: string): DocumentEntry[] {
  const entries = CODECS[format].parse(text);
  // JSON and YAML escapes can spell a lone surrogate, which could only be stored as U+FFFD.
  for (const { key, value, line } of entries) {
    if (!isWellFormed(key)) throw atLine(line, `the key ${WELL_FORMED_RULE}`);
    if (!isWellFormed(value)) throw atLine(line, `the value ${WELL_FORMED_RULE}`);
  }
  return entries;
}

/** The key/value pairs of a document, in document order. */
export function parseDocument(format: Format, text: string): Record<string, string> {
  return recordOf(parseDocumentEntries(format, text));
}

/** The document holding exactly these pairs, in their order. */
export function serializeDocument(format: Format, record: Record<string, string>): string {
  return CODECS[format].serialize(record);
}
