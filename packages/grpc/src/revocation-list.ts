import { ORG_REVOCATION_PREFIX } from '@coffer/contract';

/**
 * What a service process knows of revocations, so that an assertion Auth signed before a token or
 * session was revoked, or before its organisation's members, roles, grants or policies changed,
 * is refused here within a second, not believed until it expires. Fed by TOKEN_REVOKED_CHANNEL
 * (`followRevocations`); the principal verifier asks it and drops what it concerns from its cache.
 */

/**
 * The oldest an assertion may be while revocations may not be reaching this process (no live
 * subscription): the gateway's own bound on its cache then (UNSUBSCRIBED_TTL_MS), so a revoked
 * token is refused everywhere within this time, Redis or not.
 */
export const UNSUBSCRIBED_ASSERTION_AGE_MS = 1_000;

/** Why an assertion that verifies is refused anyway; the gateway then fetches a fresh one and retries once. */
export const REVOKED_ASSERTION_MESSAGE = 'principal assertion has been revoked';
export const STALE_ASSERTION_MESSAGE = 'principal assertion is stale';

/** Who an assertion speaks for, as far as revocations go, and when Auth signed it (ms since the epoch). */
export interface RevocationSubject {
  tokenId: string;
  orgId: string;
  issuedAt: number;
}

/** What one revocation concerns: true for the assertions it refuses. */
export type RevocationMatch = (subject: RevocationSubject) => boolean;

export interface RevocationList {
  /** Whether revocations are reaching this process; read on every call, so a field. */
  readonly live: boolean;
  /** Takes one message of TOKEN_REVOKED_CHANNEL (a token or session id, or `org:<id>`) as of now. */
  revoke(message: string): void;
  /** Why an assertion must be refused now, or undefined when nothing known refuses it. */
  refusal(subject: RevocationSubject): typeof REVOKED_ASSERTION_MESSAGE | typeof STALE_ASSERTION_MESSAGE | undefined;
  /** Any change forgets what caches hold (see `onForget`): on loss, messages may be missed; on return, some were. */
  setLive(live: boolean): void;
  /** `listener` learns each revocation (drop what it matches) and each liveness change (drop everything: `undefined`). */
  onForget(listener: (match: RevocationMatch | undefined) => void): () => void;
}

/**
 * `keepMs`: how long a revocation matters, the longest an assertion lives (anything issued before it
 * has expired by then). `maxEntries` bounds each of the token and organisation lists; the oldest
 * entry forgotten for room becomes a floor instead, refusing every assertion issued before it:
 * safe, at the cost of some fresh fetches from Auth.
 */
export function createRevocationList({
  keepMs,
  maxEntries = 100_000,
  now = Date.now,
}: {
  keepMs: number;
  maxEntries?: number;
  now?: () => number;
}): RevocationList {
  // Insertion order is time order (a repeated id moves to the end), so pruning stops at the first recent entry.
  const tokens = new Map<string, number>();
  const orgs = new Map<string, number>();
  let floor = 0;
  const listeners = new Set<(match: RevocationMatch | undefined) => void>();
  const notify = (match: RevocationMatch | undefined) => listeners.forEach((listener) => listener(match));

  function record(entries: Map<string, number>, key: string, at: number): void {
    for (const [oldKey, oldAt] of entries) {
      if (oldAt > at - keepMs) break;
      entries.delete(oldKey);
    }
    const previous = entries.get(key) ?? 0;
    entries.delete(key);
    if (entries.size >= maxEntries) {
      const [oldestKey, oldestAt] = entries.entries().next().value as [string, number];
      entries.delete(oldestKey);
      floor = Math.max(floor, oldestAt);
    }
    entries.set(key, Math.max(previous, at));
  }

  let live = true;
  return {
    get live() {
      return live;
    },
    revoke(message) {
      const at = now();
      if (message.startsWith(ORG_REVOCATION_PREFIX)) {
        const orgId = message.slice(ORG_REVOCATION_PREFIX.length);
        record(orgs, orgId, at);
        notify((subject) => subject.orgId === orgId && subject.issuedAt < at);
      } else {
        record(tokens, message, at);
        notify((subject) => subject.tokenId === message && subject.issuedAt < at);
      }
    },
    refusal({ tokenId, orgId, issuedAt }) {
      if (issuedAt < floor || issuedAt < (tokens.get(tokenId) ?? 0) || issuedAt < (orgs.get(orgId) ?? 0)) return REVOKED_ASSERTION_MESSAGE;
      if (!live && now() - issuedAt > UNSUBSCRIBED_ASSERTION_AGE_MS) return STALE_ASSERTION_MESSAGE;
      return undefined;
    },
    setLive(isLive) {
      if (isLive === live) return;
      live = isLive;
      notify(undefined);
    },
    onForget(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The part of the kv module's pub/sub that revocations need (@coffer/kv's PubSub fits it). */
export interface RevocationFeed {
  subscribe(channel: string, handler: (message: string) => void): Promise<() => Promise<void>>;
  isLive(): boolean;
  onLiveChange(listener: (live: boolean) => void): () => void;
}

/** Feeds `list` from `channel` and keeps it told whether the subscription is live. Resolves once subscribed; the result stops both. */
export async function feedRevocations(list: RevocationList, feed: RevocationFeed, channel: string): Promise<() => Promise<void>> {
  const stopWatching = feed.onLiveChange((live) => list.setLive(live));
  list.setLive(feed.isLive());
  try {
    const unsubscribe = await feed.subscribe(channel, (message) => list.revoke(message));
    return async () => {
      stopWatching();
      await unsubscribe();
    };
  } catch (err) {
    stopWatching();
    throw err;
  }
}
