import type { z } from 'zod';
import { CofferError } from '@coffer/grpc';

/** Parses one part of a request; the 400 names the first offending field and never echoes its value. */
export function parse<S extends z.ZodType>(schema: S, input: unknown, where: 'body' | 'query' | 'path'): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new CofferError('INVALID_ARGUMENT', `invalid ${where}`);
  const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : [];
  const field = unknownKeys.length > 0 ? unknownKeys.join(', ') : issue.path.join('.') || where;
  const message = unknownKeys.length > 0 ? `unknown field${unknownKeys.length > 1 ? 's' : ''}` : issue.message;
  throw new CofferError('INVALID_ARGUMENT', `${where} field '${field}': ${message}`, { details: { field } });
}
