export interface ExpiringMap {
  get(key: string): string | undefined;
  set(key: string, value: string, ttlMs: number): void;
  delete(key: string): void;
}

const MIN_SWEEP_SIZE = 1024;

/**
 * Entries carry their expiry time and are checked when read. Entries nobody reads again are swept
 * whenever the map has doubled since the last sweep, which bounds memory without a timer per key.
 */
export function createExpiringMap(): ExpiringMap {
  const entries = new Map<string, { value: string; expiresAt: number }>();
  let sweepAtSize = MIN_SWEEP_SIZE;

  // performance.now() is monotonic: a wall-clock jump must not expire or revive entries.
  const isExpired = (expiresAt: number) => expiresAt <= performance.now();

  function sweep(): void {
    for (const [key, { expiresAt }] of entries) if (isExpired(expiresAt)) entries.delete(key);
    sweepAtSize = Math.max(MIN_SWEEP_SIZE, entries.size * 2);
  }

  return {
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      if (isExpired(entry.expiresAt)) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    set(key, value, ttlMs) {
      entries.set(key, { value, expiresAt: performance.now() + ttlMs });
      if (entries.size >= sweepAtSize) sweep();
    },
    delete(key) {
      entries.delete(key);
    },
  };
}
