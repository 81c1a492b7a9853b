import type { z } from 'zod';
import { CofferError, type ErrorCode } from './errors.js';
import { showPath } from './strict-json.js';

/** The part of an HTTP request a field is in; a gRPC request has no parts. */
export type RequestPart = 'body' | 'query' | 'path' | 'header';

/**
 * The one shape of a refusal that names what it is about: `body field 'value': <rule>`,
 * `header 'Idempotency-Key': <rule>`, or `value: <rule>` in a gRPC request. `field` must already
 * be fit to show (a header name, or a path through `showPath`): it is never a value.
 */
export function fieldError(where: RequestPart | undefined, field: string, rule: string, code: ErrorCode = 'INVALID_ARGUMENT'): CofferError {
  const named = where === 'header' ? `header '${field}'` : where ? `${where} field '${field}'` : field;
  return new CofferError(code, `${named}: ${rule}`, { details: { field } });
}

/** A name from the input as a path part: numbers as they are, names `showPath` decides on (a symbol is never one). */
const pathPart = (name: PropertyKey): string | number => (typeof name === 'symbol' ? '?' : name);

/**
 * Parses input at an edge with its zod schema. The INVALID_ARGUMENT names the first offending
 * field (or the unknown fields of a strict object) and never echoes a value, nor a name that is
 * not a plain identifier. `where` says which part of an HTTP request it was
 * (`body field 'value': ...`).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where?: Exclude<RequestPart, 'header'>): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const unknownKeys = issue?.code === 'unrecognized_keys' ? issue.keys : [];
  if (unknownKeys.length > 0) {
    throw fieldError(where, unknownKeys.map((key) => showPath([key])).join(', '), `unknown field${unknownKeys.length > 1 ? 's' : ''}`);
  }
  const field = showPath((issue?.path ?? []).map(pathPart)) || (where ?? 'request');
  throw fieldError(where, field, issue?.message ?? 'invalid');
}
