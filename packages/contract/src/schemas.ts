import { z } from 'zod';
import { MAX_DESCRIPTION_LENGTH, SECRET_KEY_PATTERN, SECRET_KEY_RULE, SECRET_TYPES, valueProblem } from './secrets.js';
import { SLUG_PATTERN, SLUG_RULE } from './slugs.js';

/** The shared rules as zod schemas, for the edges that validate with zod (gateway and services). */
export const slugSchema = z.string().regex(SLUG_PATTERN, SLUG_RULE);
export const secretKeySchema = z.string().regex(SECRET_KEY_PATTERN, SECRET_KEY_RULE);
export const secretTypeSchema = z.enum(SECRET_TYPES);
export const descriptionSchema = z.string().max(MAX_DESCRIPTION_LENGTH);

/** A value that can be stored as a secret of some type: within the one size limit, in bytes, with no NUL or lone surrogate. */
export const secretValueSchema = z.string().superRefine((value, ctx) => {
  const problem = valueProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
