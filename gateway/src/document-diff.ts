import { isSecretKey, SECRET_KEY_RULE } from '@coffer/contract';
import type { DocumentEntry } from '@coffer/formats';

/** How a local document differs from an environment, as lists of keys: never a value. */
export interface DocumentDiff {
  /** In the document, not on the server. */
  added: string[];
  /** On both, with different values. */
  changed: string[];
  /** On the server, not in the document. */
  removed: string[];
  unchanged: string[];
  /** On the server but never handed out (dangerous names, see inject), so not compared either way. */
  withheld: string[];
  /**
   * Entries of the document whose key could never be a secret, by line: the key is input that may
   * be anything (a value pasted in the wrong place), so it is not echoed.
   */
  invalid: { line: number; message: string }[];
}

const INVALID_KEY = `key: ${SECRET_KEY_RULE}`;

/**
 * Compares a document with what inject answers for the environment. The caller may read every
 * one of these values (reveal and export), so a plain comparison tells it nothing new.
 */
export function compareWithServer(document: readonly DocumentEntry[], server: { values: Record<string, string>; removed: string[] }): DocumentDiff {
  const withheld = new Set(server.removed);
  const diff: DocumentDiff = { added: [], changed: [], removed: [], unchanged: [], withheld: [...withheld].sort(), invalid: [] };
  const inDocument = new Set<string>();
  for (const { key, value, line } of document) {
    if (!isSecretKey(key)) {
      diff.invalid.push({ line, message: INVALID_KEY });
      continue;
    }
    inDocument.add(key);
    if (withheld.has(key)) continue;
    if (!Object.hasOwn(server.values, key)) diff.added.push(key);
    else if (server.values[key] === value) diff.unchanged.push(key);
    else diff.changed.push(key);
  }
  for (const key of Object.keys(server.values)) if (!inDocument.has(key)) diff.removed.push(key);
  for (const keys of [diff.added, diff.changed, diff.removed, diff.unchanged]) keys.sort();
  return diff;
}
