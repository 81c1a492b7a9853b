import { SECRET_KEY_RULE, isSecretKey, type SecretType } from '@coffer/contract';
import { typedValueProblem } from './secret-values.js';

export interface ImportEntry {
  key: string;
  value: string;
  /** Absent: the existing secret's type, or text. */
  type?: SecretType;
  /** Absent: the existing secret's description, or none. */
  description?: string;
}

/** The keys of a plan: what a person is shown and confirms. Never values. */
export interface PlanKeys {
  created: string[];
  updated: string[];
  unchanged: string[];
}

/**
 * Why an entry cannot be written. `key` is empty when the key itself is invalid: it is input that
 * may be anything (a value pasted in the wrong place), so it is never echoed; `entry` (1-based, the
 * key's last entry) says which one it was.
 */
export interface ImportError {
  key: string;
  message: string;
  entry: number;
}

/** What an import does (or, on a dry run or with errors, would do), key by key in document order. */
export interface ImportPlan extends PlanKeys {
  errors: ImportError[];
  /** The version each written key got; empty on a dry run or a refusal. */
  written: { key: string; version: number }[];
}

/**
 * The last entry of each key with its 1-based position, in the order the keys first appear: a file
 * that sets a key twice means its last value, as dotenv reads it.
 */
export function lastEntryOfEachKey(entries: readonly ImportEntry[]): Map<string, ImportEntry & { position: number }> {
  const last = new Map<string, ImportEntry & { position: number }>();
  entries.forEach((entry, index) => last.set(entry.key, { ...entry, position: index + 1 }));
  return last;
}

/** Why an entry cannot be imported as a secret of `type`, as an error naming it; null when it can. Never quotes the value or an invalid key. */
export function importError(key: string, value: string, type: SecretType, position: number): ImportError | null {
  if (!isSecretKey(key)) return { key: '', message: `key: ${SECRET_KEY_RULE}`, entry: position };
  const problem = typedValueProblem(type, value);
  return problem === null ? null : { key, message: `value: ${problem}`, entry: position };
}

type Action = keyof PlanKeys;
const ACTIONS: readonly Action[] = ['created', 'updated', 'unchanged'];

function actionsByKey(plan: PlanKeys): Map<string, Action> {
  const byKey = new Map<string, Action>();
  for (const action of ACTIONS) for (const key of plan[action]) byKey.set(key, action);
  return byKey;
}

/**
 * How `actual` differs from the plan the caller expected, as one short phrase per key (key names
 * only), or an empty list when they agree. Order within a list does not matter.
 */
export function planDifferences(expected: PlanKeys, actual: PlanKeys): string[] {
  const want = actionsByKey(expected);
  const got = actionsByKey(actual);
  const expectedCount = ACTIONS.reduce((sum, action) => sum + expected[action].length, 0);
  const differences: string[] = [];
  for (const [key, action] of got) {
    const wanted = want.get(key);
    if (wanted === undefined) differences.push(`${key} is now ${action}, not in the plan`);
    else if (wanted !== action) differences.push(`${key} is now ${action}, not ${wanted}`);
  }
  for (const key of want.keys()) if (!got.has(key)) differences.push(`${key} is in the plan but not in this import`);
  // A key listed twice in the expected plan cannot describe any import.
  if (differences.length === 0 && expectedCount !== want.size) differences.push('the expected plan lists a key more than once');
  return differences;
}
