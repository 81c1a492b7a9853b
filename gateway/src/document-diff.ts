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
}

/**
 * Compares a document with what inject answers for the environment. The caller may read every
 * one of these values (reveal and export), so a plain comparison tells it nothing new.
 */
export function compareWithServer(document: Record<string, string>, server: { values: Record<string, string>; removed: string[] }): DocumentDiff {
  const withheld = new Set(server.removed);
  const diff: DocumentDiff = { added: [], changed: [], removed: [], unchanged: [], withheld: [...withheld] };
  for (const [key, value] of Object.entries(document)) {
    if (withheld.has(key)) continue;
    if (!Object.hasOwn(server.values, key)) diff.added.push(key);
    else if (server.values[key] === value) diff.unchanged.push(key);
    else diff.changed.push(key);
  }
  for (const key of Object.keys(server.values)) if (!Object.hasOwn(document, key)) diff.removed.push(key);
  for (const keys of Object.values(diff)) keys.sort();
  return diff;
}
