import { textProblem } from './text.js';

/**
 * What a secret is, the same at every edge (gateway, services, CLI). Pure data and functions: the
 * zod schemas built on them live in schemas.ts, so a client can take these without zod.
 */
export const SECRET_TYPES = ['text', 'json', 'yaml', 'boolean', 'integer', 'password'] as const;
export type SecretType = (typeof SECRET_TYPES)[number];

// `__proto__` fits the shape but cannot be a key of a JavaScript object, so it would vanish from inject.
export const SECRET_KEY_PATTERN = /^(?!__proto__$)[A-Za-z_][A-Za-z0-9_]{0,254}$/;
export const SECRET_KEY_RULE = 'must start with a letter or underscore and hold only letters, digits and underscores (at most 255), and not be __proto__';

export function isSecretKey(key: string): boolean {
  return SECRET_KEY_PATTERN.test(key);
}

export function isSecretType(value: string): value is SecretType {
  return (SECRET_TYPES as readonly string[]).includes(value);
}

/** Values are bounded so one write cannot exhaust memory or the row size. Counted in UTF-8 bytes, everywhere. */
export const MAX_VALUE_BYTES = 64 * 1024;
export const VALUE_TOO_LARGE = `must be at most ${MAX_VALUE_BYTES} bytes of UTF-8`;

/** Why a value is too large, or null. Never quotes the value. */
export function valueSizeProblem(value: string): string | null {
  // Each UTF-16 unit is at most 3 UTF-8 bytes: most values are decided without encoding them.
  if (value.length * 3 <= MAX_VALUE_BYTES) return null;
  return utf8Length(value) > MAX_VALUE_BYTES ? VALUE_TOO_LARGE : null;
}

/**
 * Why a value cannot be stored as a secret of any type, or null: too large, or not text that reads
 * back exactly as written and fits an environment variable (a NUL, a lone surrogate). Every edge
 * that takes a value (gateway, Secret service, CLI) asks this. Never quotes the value.
 */
export function valueProblem(value: string): string | null {
  return valueSizeProblem(value) ?? textProblem(value);
}

function utf8Length(value: string): number {
  return new TextEncoder().encode(value).length;
}

export const MAX_DESCRIPTION_LENGTH = 1000;
/** At most this many keys in one import or push: one transaction, and every current value decrypted once. */
export const MAX_IMPORT_ENTRIES = 1000;
/** Names of organisations, projects, environments and tokens. */
export const MAX_NAME_LENGTH = 200;
