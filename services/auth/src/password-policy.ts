import { fieldError } from '@coffer/contract';
import { dictionary } from '@zxcvbn-ts/language-common';
import type { BreachedPasswordCheck } from './breached-passwords.js';

/** Characters are Unicode code points of the normalised password, not UTF-16 units nor bytes. */
export const MIN_PASSWORD_LENGTH = 12;
/** Bounds the normalising and hashing work a caller can ask for. */
export const MAX_PASSWORD_LENGTH = 256;
/** The local part of an email address shorter than this is too likely to occur by chance. */
const MIN_EMAIL_LOCAL_PART = 4;

// C0 controls and DEL: never typed on purpose, and NUL truncates in some C libraries.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/**
 * The one form of a password that is judged and hashed: NFKC, so that the same password typed as
 * composed or decomposed characters, or with full-width or ligature forms, is the same password.
 * The hasher (`createPasswordHasher`) applies it itself; anything else that hashes or compares a
 * password must apply it too.
 */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

// zxcvbn's ranked list of common passwords (all lowercase); an entry shorter than the minimum is
// refused by length already, so only the longer ones are kept.
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  dictionary['passwords-common'].map((entry) => entry.toLowerCase()).filter((entry) => codePoints(entry) >= MIN_PASSWORD_LENGTH),
);

export interface PasswordPolicy {
  /** Resolves when the password may be set; throws INVALID_ARGUMENT `password: <rule>` otherwise. */
  check(password: string, context?: { email?: string }): Promise<void>;
}

const refuse = (rule: string) => fieldError(undefined, 'password', rule);

/**
 * The rules for a new password, cheapest first: length, control characters, the common-password
 * list, the account's email, and last, when `breached` is given, Have I Been Pwned. A message names
 * the rule, never the password.
 */
export function createPasswordPolicy(deps: { breached?: BreachedPasswordCheck } = {}): PasswordPolicy {
  return {
    async check(password, context = {}) {
      // Refused before normalising, so that the work stays bounded however long the input.
      if (password.length > MAX_PASSWORD_LENGTH * 2) throw refuse(`must be at most ${MAX_PASSWORD_LENGTH} characters`);
      const normalized = normalizePassword(password);
      const length = codePoints(normalized);
      if (length < MIN_PASSWORD_LENGTH) throw refuse(`must be at least ${MIN_PASSWORD_LENGTH} characters`);
      if (length > MAX_PASSWORD_LENGTH) throw refuse(`must be at most ${MAX_PASSWORD_LENGTH} characters`);
      if (CONTROL_CHARACTER.test(normalized)) throw refuse('must not contain control characters');

      const lower = normalized.toLowerCase();
      if (COMMON_PASSWORDS.has(lower)) throw refuse('is one of the most common passwords');

      const email = context.email === undefined ? '' : normalizePassword(context.email).toLowerCase();
      const localPart = email.includes('@') ? email.slice(0, email.lastIndexOf('@')) : email;
      if (codePoints(localPart) >= MIN_EMAIL_LOCAL_PART && lower.includes(localPart)) throw refuse('must not contain your email address');

      if (deps.breached && (await deps.breached(normalized))) throw refuse('appears in a known data breach (Have I Been Pwned); choose another');
    },
  };
}
