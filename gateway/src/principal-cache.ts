import { createHash } from 'node:crypto';
import { ORG_REVOCATION_PREFIX } from '@coffer/contract';
import type { PubSub } from '@coffer/kv';

/**
 * The longest an entry is trusted while revocations may not be reaching this process (no live
 * subscription): a revoked token is refused everywhere within this time, Redis or not.
 */
export const UNSUBSCRIBED_TTL_MS = 1_000;

export interface CachedEntry<P> {
  principal: P;
  expiresAt: number;
}

/** Taken before asking Auth about a token; see `startLookup`. */
export interface Lookup {
  readonly startedAt: number;
  readonly generation: number;
}

/**
 * Short-lived, in-process map from a token's SHA-256 to the principal Auth answered for it, so
 * the hot path does not call Auth on every request. Revocation evicts through pub/sub; the TTL
 * bounds how stale an entry can be if a message is missed. While the subscription is not live,
 * messages may be missed at any time: entries then last at most UNSUBSCRIBED_TTL_MS.
 */
export function createPrincipalCache<P extends { tokenId: string }>({
  ttlMs,
  maxEntries = 10_000,
  now = Date.now,
}: {
  ttlMs: number;
  maxEntries?: number;
  now?: () => number;
}) {
  const entries = new Map<string, CachedEntry<P>>();
  let subscribed = true;
  /** Bumped by every eviction: an answer Auth gave before it may be stale and is not cached. */
  let generation = 0;

  function forget(): void {
    entries.clear();
    generation++;
  }

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
    /** Call before asking Auth: the entry's time counts from here, and nothing evicted meanwhile gets cached. */
    startLookup(): Lookup {
      return { startedAt: now(), generation };
    },
    /** Whether an answer to `lookup` would still be cached: nothing has been evicted since it started. */
    isCurrent(lookup: Lookup): boolean {
      return lookup.generation === generation;
    },
    /** `notAfter` (ms since the epoch) cuts the entry's time short, e.g. before what it holds expires. */
    set(tokenHash: string, principal: P, lookup: Lookup, notAfter = Infinity): void {
      // Auth may have answered before a revocation that an eviction since then announced.
      if (lookup.generation !== generation) return;
      if (entries.size >= maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      const lifetime = subscribed ? ttlMs : Math.min(ttlMs, UNSUBSCRIBED_TTL_MS);
      entries.set(tokenHash, { principal, expiresAt: Math.min(lookup.startedAt + lifetime, notAfter) });
    },
    evict(tokenHash: string): void {
      entries.delete(tokenHash);
      generation++;
    },
    /** Every entry of the token with this id, for the process that revoked it (it knows the id, not the token). */
    evictToken(tokenId: string): void {
      for (const [tokenHash, entry] of entries) if (entry.principal.tokenId === tokenId) entries.delete(tokenHash);
      generation++;
    },
    /** Every entry of one organisation (a policy its principals were decided under has changed). */
    evictOrg(matches: (principal: P) => boolean): void {
      for (const [key, entry] of entries) if (matches(entry.principal)) entries.delete(key);
      generation++;
    },
    /**
     * Whether revocations are reaching this process. Any change clears the cache: on loss, because
     * what it holds is now only as good as its TTL; on return, because messages sent meanwhile are lost.
     */
    setSubscribed(live: boolean): void {
      if (live === subscribed) return;
      subscribed = live;
      forget();
    },
  };
}

export type PrincipalCache<P extends { tokenId: string }> = ReturnType<typeof createPrincipalCache<P>>;

/**
 * Keeps `cache` honest about revocations: evicts every entry of each token or session id published on `channel`, and
 * follows whether the subscription is live. Resolves once subscribed; the result stops both.
 */
export async function followRevocations<P extends { tokenId: string; orgId: string }>(
  cache: PrincipalCache<P>,
  pubsub: PubSub,
  channel: string,
): Promise<() => Promise<void>> {
  const stopWatching = pubsub.onLiveChange((live) => cache.setSubscribed(live));
  cache.setSubscribed(pubsub.isLive());
  try {
    const unsubscribe = await pubsub.subscribe(channel, (message) =>
      message.startsWith(ORG_REVOCATION_PREFIX)
        ? cache.evictOrg((principal) => principal.orgId === message.slice(ORG_REVOCATION_PREFIX.length))
        : cache.evictToken(message),
    );
    return async () => {
      stopWatching();
      await unsubscribe();
    };
  } catch (err) {
    stopWatching();
    throw err;
  }
}
