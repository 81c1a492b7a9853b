import { SECRET_KEY_PATTERN, SECRET_KEY_RULE, type SecretType, valueProblem } from './secret-values.js';

/** At most this many keys in one import: one transaction, and every current value decrypted once. */
export const MAX_IMPORT_ENTRIES = 1000;

export interface ImportEntry {
  key: string;
  value: string;
}

/** What an import does (or, on a dry run or with errors, would do), key by key in document order. */
export interface ImportPlan {
  created: string[];
  updated: string[];
  unchanged: string[];
  errors: { key: string; message: string }[];
}

/** The last value of each key, in the order the keys first appear: a file that sets a key twice means its last value, as dotenv reads it. */
export function lastValueOfEachKey(entries: readonly ImportEntry[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const { key, value } of entries) values.set(key, value);
  return values;
}

export function isSecretKey(key: string): boolean {
  return SECRET_KEY_PATTERN.test(key);
}

/** Why an entry cannot be imported as a secret of `type`, or null. Never quotes the value. */
export function importProblem(key: string, value: string, type: SecretType): string | null {
  if (!isSecretKey(key)) return `key: ${SECRET_KEY_RULE}`;
  const problem = valueProblem(type, value);
  return problem === null ? null : `value: ${problem}`;
}
