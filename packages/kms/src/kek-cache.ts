/** Unwrapped KEK material. Only committed versions are cached, so (org, key, version) names one material for good. */
export interface CachedKek {
  material: Buffer;
}

/**
 * A bounded LRU of unwrapped KEKs (Map iteration order is insertion order, so the first entry is
 * the least recently used). Material is zeroed when it leaves the cache, so callers must be handed
 * copies, never the cached buffer itself.
 */
export function createKekCache(maxEntries: number) {
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) throw new TypeError('cacheSize must be a positive integer');
  const entries = new Map<string, CachedKek>();

  return {
    get(key: string): CachedKek | undefined {
      const entry = entries.get(key);
      if (entry) {
        entries.delete(key);
        entries.set(key, entry);
      }
      return entry;
    },

    set(key: string, entry: CachedKek): void {
      const previous = entries.get(key);
      if (previous && previous.material !== entry.material) previous.material.fill(0);
      entries.delete(key);
      entries.set(key, entry);
      for (const [oldestKey, oldest] of entries) {
        if (entries.size <= maxEntries) break;
        entries.delete(oldestKey);
        oldest.material.fill(0);
      }
    },
  };
}

export type KekCache = ReturnType<typeof createKekCache>;
