import type { z } from 'zod';
import { CofferError } from './errors.js';
import { isShowableName, showPath } from './strict-json.js';

/** A name from the input, or `?` when it is not fit to show (it may be anything: a value, escape sequences). */
const shown = (name: PropertyKey): string => (typeof name === 'string' && isShowableName(name) ? name : '?');

/**
 * Parses input at an edge with its zod schema. The INVALID_ARGUMENT names the first offending
 * field (or the unknown fields of a strict object) and never echoes a value, nor a name that is
 * not a plain identifier. `where` says which part of an HTTP request it was
 * (`body field 'value': ...`); a gRPC request has no parts.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where?: 'body' | 'query' | 'path'): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const unknownKeys = issue?.code === 'unrecognized_keys' ? issue.keys : [];
  const path = issue?.path.map((part) => (typeof part === 'number' ? part : shown(part))) ?? [];
  const field = unknownKeys.length > 0 ? unknownKeys.map(shown).join(', ') : showPath(path) || (where ?? 'request');
  const message = unknownKeys.length > 0 ? `unknown field${unknownKeys.length > 1 ? 's' : ''}` : (issue?.message ?? 'invalid');
  throw new CofferError('INVALID_ARGUMENT', where ? `${where} field '${field}': ${message}` : `${field}: ${message}`, { details: { field } });
}
