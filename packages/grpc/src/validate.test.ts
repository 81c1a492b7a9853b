import { z } from 'zod';
import { expect, it } from 'vitest';
import { CofferError } from './errors.js';
import { validRequest } from './validate.js';

it('returns the parsed request or an INVALID_ARGUMENT naming the field, never the value', () => {
  const schema = z.object({ scope: z.object({ project: z.string().regex(/^[a-z]+$/, 'must be a slug') }) });
  expect(validRequest(schema, { scope: { project: 'api' } })).toEqual({ scope: { project: 'api' } });
  let caught: unknown;
  try {
    validRequest(schema, { scope: { project: 'Secret-Value-123' } });
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(CofferError);
  expect(caught).toMatchObject({ code: 'INVALID_ARGUMENT', message: 'scope.project: must be a slug', details: { field: 'scope.project' } });
  expect((caught as Error).message).not.toContain('Secret-Value-123');
});
