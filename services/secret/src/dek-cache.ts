/** Where a wrapped DEK belongs: the organisation and KEK version it was unwrapped for, and the blob itself. */
export interface WrappedDekRef {
  orgId: string;
  kmsKeyId: string;
  kmsKeyVersion: number;
  wrappedDek: string;
}

interface Entry extends Omit<WrappedDekRef, 'wrappedDek'> {
  dek: Buffer;
  expiresAt: number;
}

/**
 * Unwrapped DEKs of versions this process has opened lately, so that a hot environment costs one
 * AES-GCM operation per value instead of two (creating a decipher is most of an inject's crypto).
 * It widens nothing: the process already holds the KEKs that unwrap every one of these DEKs. An
 * entry is found by its wrapped blob and used only for the organisation and KEK version that
 * unwrapped it (a blob copied into another organisation's row is unwrapped, and fails, there),
 * lives at most `ttlMs` (a purged version's key does not linger), and is zeroed when it leaves.
 * `get` lends the cached buffer itself, to be read at once and never changed or kept: copying and
 * zeroing a copy per value cost more than the lookup.
 */
export function createDekCache({ maxEntries = 10_000, ttlMs = 5 * 60_000, now = Date.now }: { maxEntries?: number; ttlMs?: number; now?: () => number } = {}) {
  const entries = new Map<string, Entry>();

  const drop = (wrappedDek: string) => {
    entries.get(wrappedDek)?.dek.fill(0);
    entries.delete(wrappedDek);
  };

  return {
    get(ref: WrappedDekRef): Buffer | undefined {
      const entry = entries.get(ref.wrappedDek);
      if (!entry || entry.orgId !== ref.orgId || entry.kmsKeyId !== ref.kmsKeyId || entry.kmsKeyVersion !== ref.kmsKeyVersion) return undefined;
      if (entry.expiresAt <= now()) {
        drop(ref.wrappedDek);
        return undefined;
      }
      return entry.dek;
    },

    /** Takes `dek` over: it is zeroed when it leaves the cache. */
    set({ wrappedDek, ...owner }: WrappedDekRef, dek: Buffer): void {
      drop(wrappedDek);
      entries.set(wrappedDek, { ...owner, dek, expiresAt: now() + ttlMs });
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
