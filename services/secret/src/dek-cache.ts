/**
 * Unwrapped DEKs of versions this process has opened lately, so that a hot environment costs one
 * AES-GCM operation per value instead of two (creating a decipher is most of an inject's crypto).
 * It widens nothing: the process already holds the KEKs that unwrap every one of these DEKs. An
 * entry is keyed by the wrapped blob and the KEK version that opened it, lives at most `ttlMs` (a
 * purged version's key does not linger), and is zeroed when it leaves. Callers get copies.
 */
export function createDekCache({ maxEntries = 10_000, ttlMs = 5 * 60_000, now = Date.now }: { maxEntries?: number; ttlMs?: number; now?: () => number } = {}) {
  const entries = new Map<string, { dek: Buffer; expiresAt: number }>();

  const drop = (key: string) => {
    entries.get(key)?.dek.fill(0);
    entries.delete(key);
  };

  return {
    get(key: string): Buffer | undefined {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt <= now()) {
        drop(key);
        return undefined;
      }
      return Buffer.from(entry.dek);
    },

    set(key: string, dek: Buffer): void {
      drop(key);
      entries.set(key, { dek: Buffer.from(dek), expiresAt: now() + ttlMs });
      // Insertion order: the first entries are the oldest.
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries) break;
        drop(oldest);
      }
    },

    get size(): number {
      return entries.size;
    },
  };
}

export type DekCache = ReturnType<typeof createDekCache>;
