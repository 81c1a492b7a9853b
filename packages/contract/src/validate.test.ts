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

describe('parseInput and names that are input', () => {
  it('shows an unknown field or a path part that is not a plain identifier as ?, never as sent', () => {
    const strict = z.strictObject({ a: z.string() });
    for (const name of ['\u001b[31mred', 'has space', 'hunter2-is-the-password-of-the-admin-account-and-this-is-longer-than-64', '', 'ключ']) {
      const caught = failure(() => parseInput(strict, { a: 'x', [name]: 1 }, 'body'));
      expect(caught).toMatchObject({ message: "body field '?': unknown field", details: { field: '?' } });
    }
    const mixed = failure(() => parseInput(strict, { a: 'x', colour: 1, 'DROP TABLE': 2 }, 'query'));
    expect(mixed).toMatchObject({ message: "query field 'colour, ?': unknown fields", details: { field: 'colour, ?' } });
    const record = failure(() => parseInput(z.record(z.string(), z.string()), { ok: 'x', 'sk_live 123': 4 }, 'body'));
    expect(record).toMatchObject({ message: expect.stringMatching(/^body field '\?': /), details: { field: '?' } });
    expect(record.message).not.toContain('sk_live');
  });

  it('still names plain identifiers, __proto__ included', () => {
    const unknown = failure(() => parseInput(z.strictObject({}), JSON.parse('{"__proto__":{"admin":true}}'), 'body'));
    expect(unknown).toMatchObject({ message: "body field '__proto__': unknown field", details: { field: '__proto__' } });
  });
});
