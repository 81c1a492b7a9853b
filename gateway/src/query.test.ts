import { describe, expect, it } from 'vitest';
import { CofferError } from '@coffer/contract';
import { parseQuery } from './query.js';

function refusal(query: string): CofferError {
  try {
    parseQuery(query);
  } catch (err) {
    expect(err).toBeInstanceOf(CofferError);
    expect((err as CofferError).code).toBe('INVALID_ARGUMENT');
    return err as CofferError;
  }
  throw new Error(`expected ${query} to be refused`);
}

describe('parseQuery', () => {
  it('decodes names and values exactly, + as a space, into an object without prototype', () => {
    const parsed = parseQuery('reveal=true&resource=orgs%2Facme&action=secret.read+x&flag&&empty=&caf%C3%A9=%E2%82%AC');
    expect({ ...parsed }).toEqual({ reveal: 'true', resource: 'orgs/acme', action: 'secret.read x', flag: '', empty: '', café: '€' });
    expect(Object.getPrototypeOf(parsed)).toBeNull();
    expect(Object.keys(parseQuery('__proto__=x'))).toEqual(['__proto__']);
    expect({ ...parseQuery('') }).toEqual({});
    expect({ ...parseQuery(null) }).toEqual({});
  });

  it('refuses a value that is not valid percent-encoding or not UTF-8, naming the parameter', () => {
    const cases: [string, string, string][] = [
      ['action=%FF', 'action', 'must be valid UTF-8'],
      ['resource=%C3%28', 'resource', 'must be valid UTF-8'],
      ['resource=%ED%A0%80', 'resource', 'must be valid UTF-8'],
      ['action=%ZZ', 'action', 'must be valid percent-encoding'],
      ['action=abc%', 'action', 'must be valid percent-encoding'],
      ['action=%4', 'action', 'must be valid percent-encoding'],
      ['action=a%00b', 'action', 'must not contain the NUL character (U+0000)'],
    ];
    for (const [query, field, rule] of cases) {
      const caught = refusal(query);
      expect(caught.message).toBe(`query field '${field}': ${rule}`);
      expect(caught.details).toEqual({ field });
    }
  });

  it('refuses a parameter given twice, also spelled another way', () => {
    for (const query of ['reveal=true&reveal=false', 'reveal=true&reveal=true', 'reveal=true&%72eveal=false', 'a=1&reveal&reveal=']) {
      expect(refusal(query)).toMatchObject({ message: "query field 'reveal': must be given only once", details: { field: 'reveal' } });
    }
    expect({ ...parseQuery('a=1&A=2') }).toEqual({ a: '1', A: '2' });
  });

  it('names a parameter whose name is not fit to show as ?, never as sent', () => {
    for (const query of ['%FF=1', '%1B%5B31mred=1&%1B%5B31mred=2', 'sk_live%20123=1&sk_live%20123=2', '%00=1', 'x%ZZ=1']) {
      const caught = refusal(query);
      expect(caught.message).toMatch(/^query field '\?': /);
      expect(caught.details).toEqual({ field: '?' });
      expect(caught.message).not.toMatch(/sk_live|\u001b|red/);
    }
  });
});
