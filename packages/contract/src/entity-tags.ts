/**
 * Entity-tags of conditional inject and pull (If-None-Match), one rule for the gateway that parses
 * them and the Secret service that compares them. At most MAX_IF_NONE_MATCH are compared: a caller
 * that holds more is compared with its first ones and at worst answered in full.
 */
export const MAX_IF_NONE_MATCH = 16;

/** Longer opaque-tags are never one of ours (a quoted SHA-256 in base64url). */
export const MAX_OPAQUE_TAG = 128;

/** A tag the Secret service could have made: visible ASCII but `"`, optionally weak. */
export const COMPARABLE_ENTITY_TAG = new RegExp(`^(W/)?"[\\x21\\x23-\\x7e]{0,${MAX_OPAQUE_TAG}}"$`);
