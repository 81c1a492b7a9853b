import { z } from 'zod';
import { MAX_DESCRIPTION_LENGTH, SECRET_KEY_PATTERN, SECRET_KEY_RULE, SECRET_TYPES, valueProblem } from './secrets.js';
import { MAX_EMAIL_LENGTH, normalizeEmail } from './identity.js';
import { ORG_ROLE_NAMES } from './permissions.js';
import { SLUG_PATTERN, SLUG_RULE } from './slugs.js';
import { textProblem } from './text.js';

/** A schema refined by a rule that says why a string is refused, or null. */
const refusing = <T extends z.ZodType<string>>(schema: T, problem: (text: string) => string | null) =>
  schema.superRefine((text, ctx) => {
    const found = problem(text);
    if (found) ctx.addIssue({ code: 'custom', message: found });
  });

/**
 * Stored text that must read back exactly as written: no NUL (PostgreSQL text cannot hold it, so it
 * is the caller's mistake and not a 500 from the database) and no lone surrogate (it would come
 * back as U+FFFD).
 */
export const exactText = <T extends z.ZodType<string>>(schema: T) => refusing(schema, textProblem);

/** The shared rules as zod schemas, for the edges that validate with zod (gateway and services). */
export const slugSchema = z.string().regex(SLUG_PATTERN, SLUG_RULE);
export const secretKeySchema = z.string().regex(SECRET_KEY_PATTERN, SECRET_KEY_RULE);
export const secretTypeSchema = z.enum(SECRET_TYPES);
export const descriptionSchema = exactText(z.string().max(MAX_DESCRIPTION_LENGTH));

/** A value that can be stored as a secret of some type: within the one size limit, in bytes, with no NUL or lone surrogate. */
export const secretValueSchema = refusing(z.string(), valueProblem);

/** An email address as accounts are kept: normalised (normalizeEmail), at most MAX_EMAIL_LENGTH characters. */
export const emailSchema = z.string().max(MAX_EMAIL_LENGTH).transform(normalizeEmail).pipe(z.email('must be an email address').max(MAX_EMAIL_LENGTH));

export const orgRoleSchema = z.enum(ORG_ROLE_NAMES, `must be one of: ${ORG_ROLE_NAMES.join(', ')}`);

/**
 * A password as sent: long enough for any passphrase, short enough that nobody makes the server hash
 * a megabyte. The policy (12 to 256 characters, not common, not breached) applies where one is chosen.
 */
export const passwordInputSchema = z.string().min(1, 'is required').max(1024, 'must be at most 1024 characters');

/** The secret part of a link, a challenge or a refresh token as sent: bounded, never echoed. */
export const credentialInputSchema = z.string().min(1, 'is required').max(256, 'is not a valid token');
