import { z } from 'zod';
import { MAX_DESCRIPTION_LENGTH, SECRET_KEY_PATTERN, SECRET_KEY_RULE, SECRET_TYPES, valueSizeProblem } from './secrets.js';
import { SLUG_PATTERN, SLUG_RULE } from './slugs.js';

/** The shared rules as zod schemas, for the edges that validate with zod (gateway and services). */
export const slugSchema = z.string().regex(SLUG_PATTERN, SLUG_RULE);
export const secretKeySchema = z.string().regex(SECRET_KEY_PATTERN, SECRET_KEY_RULE);
export const secretTypeSchema = z.enum(SECRET_TYPES);
export const descriptionSchema = z.string().max(MAX_DESCRIPTION_LENGTH);

/** A value within the one size limit, in bytes. */
export const secretValueSchema = z.string().superRefine((value, ctx) => {
  const problem = valueSizeProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
