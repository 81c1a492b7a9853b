import type { z } from 'zod';
import { CofferError } from './errors.js';

/** Organisation, project and environment slugs, the same at every edge. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Validates a request at a service's gRPC edge. The INVALID_ARGUMENT names the first offending
 * field and never echoes its value.
 */
export function validRequest<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || 'request';
  throw new CofferError('INVALID_ARGUMENT', `${field}: ${issue?.message ?? 'invalid'}`, { details: { field } });
}
