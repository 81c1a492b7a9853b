import { parseEnv, serializeEnv } from './env.js';
import { parseJson, serializeJson } from './json.js';
import { parseYaml, serializeYaml } from './yaml.js';

export const FORMATS = ['env', 'json', 'yaml'] as const;
export type Format = (typeof FORMATS)[number];

interface Codec {
  parse(text: string): Record<string, string>;
  serialize(record: Record<string, string>): string;
}

const CODECS: Readonly<Record<Format, Codec>> = {
  env: { parse: parseEnv, serialize: serializeEnv },
  json: { parse: parseJson, serialize: serializeJson },
  yaml: { parse: parseYaml, serialize: serializeYaml },
};

/**
 * The key/value pairs of a document, in document order.
 * @throws DocumentError naming the line or key, never quoting a value
 */
export function parseDocument(format: Format, text: string): Record<string, string> {
  return CODECS[format].parse(text);
}

/** The document holding exactly these pairs, in their order. */
export function serializeDocument(format: Format, record: Record<string, string>): string {
  return CODECS[format].serialize(record);
}
