import { createHash } from 'node:crypto';

export interface CachedEntry<P> {
  principal: P;
  expiresAt: number;
}

/**
 * Short-lived, in-process map from a token's SHA-256 to the principal Auth answered for it, so
 * the hot path does not call Auth on every request. Revocation evicts through pub/sub; the TTL
 * bounds how stale an entry can be if a message is missed.
 */
export function createPrincipalCache<P>({ ttlMs, maxEntries = 10_000, now = Date.now }: { ttlMs: number; maxEntries?: number; now?: () => number }) {
  const entries = new Map<string, CachedEntry<P>>();
  return {
    keyOf(token: string): string {
      return createHash('sha256').update(token, 'utf8').digest('hex');
    },
    get(tokenHash: string): P | undefined {
      const entry = entries.get(tokenHash);
      if (!entry) return undefined;
      if (entry.expiresAt <= now()) {
        entries.delete(tokenHash);
        return undefined;
      }
      return entry.principal;
    },
    /** `notAfter` (ms since the epoch) cuts the entry's time short, e.g. before what it holds expires. */
    set(tokenHash: string, principal: P, notAfter = Infinity): void {
      if (entries.size >= maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      entries.set(tokenHash, { principal, expiresAt: Math.min(now() + ttlMs, notAfter) });
    },
    evict(tokenHash: string): void {
      entries.delete(tokenHash);
    },
    clear(): void {
      entries.clear();
    },
  };
}

export type PrincipalCache<P> = ReturnType<typeof createPrincipalCache<P>>;
