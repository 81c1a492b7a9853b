import { SECRET_KEY_RULE, isSecretKey, type SecretType } from '@coffer/contract';
import { valueProblem } from './secret-values.js';

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

/** What an import does (or, on a dry run or with errors, would do), key by key in document order. */
export interface ImportPlan extends PlanKeys {
  errors: { key: string; message: string }[];
  /** The version each written key got; empty on a dry run or a refusal. */
  written: { key: string; version: number }[];
}

/** The last entry of each key, in the order the keys first appear: a file that sets a key twice means its last value, as dotenv reads it. */
export function lastEntryOfEachKey(entries: readonly ImportEntry[]): Map<string, ImportEntry> {
  const last = new Map<string, ImportEntry>();
  for (const entry of entries) last.set(entry.key, entry);
  return last;
}

/** Why an entry cannot be imported as a secret of `type`, or null. Never quotes the value. */
export function importProblem(key: string, value: string, type: SecretType): string | null {
  if (!isSecretKey(key)) return `key: ${SECRET_KEY_RULE}`;
  const problem = valueProblem(type, value);
  return problem === null ? null : `value: ${problem}`;
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
