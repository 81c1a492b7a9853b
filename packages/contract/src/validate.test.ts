import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { CofferError } from './errors.js';
import { parseInput } from './validate.js';

function failure(run: () => unknown): CofferError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(CofferError);
    return err as CofferError;
  }
  throw new Error('expected a CofferError');
}

describe('parseInput', () => {
  const schema = z.object({ scope: z.object({ project: z.string().regex(/^[a-z]+$/, 'must be a slug') }) });

  it('returns the parsed request or an INVALID_ARGUMENT naming the field, never the value', () => {
    expect(parseInput(schema, { scope: { project: 'api' } })).toEqual({ scope: { project: 'api' } });
    const caught = failure(() => parseInput(schema, { scope: { project: 'Secret-Value-123' } }));
    expect(caught).toMatchObject({ code: 'INVALID_ARGUMENT', message: 'scope.project: must be a slug', details: { field: 'scope.project' } });
    expect(caught.message).not.toContain('Secret-Value-123');
  });

  it('names the part of an HTTP request, and the unknown fields of a strict object', () => {
    expect(failure(() => parseInput(schema, { scope: { project: '1' } }, 'body')).message).toBe("body field 'scope.project': must be a slug");
    const unknown = failure(() => parseInput(z.strictObject({ a: z.string() }), { a: 'x', b: 'hunter2', c: 1 }, 'query'));
    expect(unknown).toMatchObject({ message: "query field 'b, c': unknown fields", details: { field: 'b, c' } });
    expect(unknown.message).not.toContain('hunter2');
  });
});
