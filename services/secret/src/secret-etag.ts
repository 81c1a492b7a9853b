import { createHash } from 'node:crypto';

/** What an inject answer is made from, as far as it can change; never a value or a ciphertext. */
export interface InjectState {
  envId: string;
  /** Each secret the answer carries: a version's value never changes, so its id and version stand for it. */
  live: readonly { key: string; secret_id: string; version: number }[];
  /** The names withheld (`removed`). */
  withheld: readonly string[];
}

/** What else shapes the body the caller gets: who it is allowed to be, and what the answer is made into. */
export interface TagContext {
  /** The permissions the caller holds on the environment that can shape what it is shown, in any order. */
  view: readonly string[];
  /** Empty for inject's own answer; the route and its body-shaping options otherwise (`pull:env`). */
  representation: string;
}

/**
 * Bumped whenever the same state would be answered with another body (a new field, another
 * order), so that a tag handed out before never vouches for a body it did not describe.
 */
const DOMAIN = 'coffer.inject-etag.v1';

/** A netstring (`<UTF-8 byte length>:<text>,`): no field can run into the next. */
function field(parts: string[], text: string): void {
  parts.push(`${Buffer.byteLength(text, 'utf8')}:${text},`);
}

/** A number, or how many fields follow: digits and a terminator. */
function count(parts: string[], n: number): void {
  parts.push(`${n};`);
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A strong entity-tag for an inject answer (RFC 9110 8.8.3): `"` base64url(SHA-256) `"` over a
 * domain-separated, length-prefixed (netstrings) encoding of the environment id, each secret's key,
 * id and current version, the withheld names, the caller's view and the representation. The
 * environment id keeps two environments' tags apart; a write, delete, restore, purge or rollback
 * changes a version or the set of secrets, and with it the tag (a state seen before gets its tag
 * back: it is the same answer). Sorted, so the order rows arrive in is moot.
 */
export function injectEtag(state: InjectState, context: TagContext): string {
  const parts: string[] = [];
  field(parts, DOMAIN);
  field(parts, context.representation);
  const view = [...new Set(context.view)].sort(byCodeUnit);
  count(parts, view.length);
  for (const permission of view) field(parts, permission);
  field(parts, state.envId);
  const live = [...state.live].sort((a, b) => byCodeUnit(a.key, b.key));
  count(parts, live.length);
  for (const secret of live) {
    field(parts, secret.key);
    field(parts, secret.secret_id);
    count(parts, secret.version);
  }
  const withheld = [...state.withheld].sort(byCodeUnit);
  count(parts, withheld.length);
  for (const name of withheld) field(parts, name);
  return `"${createHash('sha256').update(parts.join(''), 'utf8').digest('base64url')}"`;
}

/** How inject is asked: the entity-tags the caller holds, and what shapes the tag. */
export interface InjectConditions extends TagContext {
  /** Entity-tags as sent (`"x"`, `W/"x"`), or `*`. */
  ifNoneMatch: readonly string[];
}

export const UNCONDITIONAL: InjectConditions = { ifNoneMatch: [], view: [], representation: '' };

export interface InjectAnswer {
  values: Record<string, string>;
  removed: string[];
  etag: string;
  /** The caller holds the current etag: values and removed are empty, nothing was opened. */
  notModified: boolean;
}

/**
 * If-None-Match's weak comparison (RFC 9110 13.1.2, 8.8.3.2): `W/"x"` matches `"x"`; `*` matches
 * whenever there is a current answer, which a found environment always has.
 */
export function notModified(etag: string, ifNoneMatch: readonly string[]): boolean {
  return ifNoneMatch.some((candidate) => candidate === '*' || (candidate.startsWith('W/') ? candidate.slice(2) : candidate) === etag);
}
