/** One key of a document with its value and the 1-based line that gives it. */
export interface DocumentEntry {
  key: string;
  value: string;
  line: number;
}

/**
 * The entries of a document as its readers collect them: one per key, in the order keys first
 * appear; a key given again takes the later value and its line (.env files, as dotenv and the
 * shell read them). A Map, so `__proto__` is an ordinary key.
 */
export class EntryCollector {
  private readonly byKey = new Map<string, DocumentEntry>();

  set(key: string, value: string, line: number): void {
    const known = this.byKey.get(key);
    if (known) Object.assign(known, { value, line });
    else this.byKey.set(key, { key, value, line });
  }

  get entries(): DocumentEntry[] {
    return [...this.byKey.values()];
  }
}

/**
 * The entries as a record, in their order. Without a prototype, a key such as `__proto__` is an
 * ordinary entry instead of being swallowed by the setter.
 */
export function recordOf(entries: readonly DocumentEntry[]): Record<string, string> {
  const record = Object.create(null) as Record<string, string>;
  for (const { key, value } of entries) record[key] = value;
  return record;
}
