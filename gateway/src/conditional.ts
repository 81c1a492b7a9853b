import { COMPARABLE_ENTITY_TAG, MAX_IF_NONE_MATCH } from '@coffer/contract';
import { unchangedAction } from './audit-events.js';

/**
 * One list element of If-None-Match, from `lastIndex` (RFC 9110 8.8.3, 5.6.1): optional whitespace,
 * an entity-tag or nothing (a list may hold empty elements), optional whitespace, then a comma or the
 * end. `W/` is case-sensitive; etagc is %x21 / %x23-7E / obs-text.
 */
const ELEMENT = /[ \t]*(?:((?:W\/)?"[\x21\x23-\x7e\x80-\xff]*")[ \t]*)?(,|$)/y;

const ANY = /^[ \t]*\*[ \t]*$/;

/**
 * The If-None-Match field (RFC 9110 13.1.2) as the Secret service compares it: `['*']`, or the
 * entity-tags of the list as sent (`"x"`, `W/"x"`; the service compares weakly). A field that is
 * absent, empty or not valid is ignored, as if not sent: the answer is the full one, never an
 * error (the field is a cache's hint; a request that gives it twice is refused earlier, in
 * request-head.ts). `*` alone means "any current answer": an environment that exists has one.
 */
export function ifNoneMatchOf(field: string | undefined): string[] {
  if (field === undefined) return [];
  if (ANY.test(field)) return ['*'];
  const tags: string[] = [];
  ELEMENT.lastIndex = 0;
  for (;;) {
    // Each match but the last ends with a comma, so the next one starts further on.
    const match = ELEMENT.exec(field);
    if (!match) return [];
    if (match[1] !== undefined && COMPARABLE_ENTITY_TAG.test(match[1]) && tags.length < MAX_IF_NONE_MATCH) tags.push(match[1]);
    if (match[2] === '') return tags;
  }
}

/**
 * What a conditional read answers: 304 with its tag when the caller holds it, audited as the action
 * `<action>.unchanged` (a check that opened and sent no value), else the full answer with the tag.
 */
export function conditionalAnswer<Answer extends { data: unknown; refusal?: unknown }>(
  reply: { etag: string; notModified: boolean },
  action: string,
  full: () => Answer,
): Answer | { data: null; etag: string; notModified: true; action: string } {
  if (reply.notModified) return { data: null, etag: reply.etag, notModified: true, action: unchangedAction(action) };
  const answer = full();
  // A refusal is not a representation of the environment: it gets no tag.
  return answer.refusal ? answer : { ...answer, etag: reply.etag };
}
