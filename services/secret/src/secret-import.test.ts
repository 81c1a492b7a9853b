import { describe, expect, it } from 'vitest';
import { importError, lastEntryOfEachKey, planDifferences } from './secret-import.js';

describe('lastEntryOfEachKey', () => {
  it('keeps the last entry of a repeated key at the place the key first appeared', () => {
    const entries = lastEntryOfEachKey([
      { key: 'B', value: '1' },
      { key: 'A', value: '2' },
      { key: 'B', value: '3', type: 'integer' },
    ]);
    expect([...entries]).toEqual([
      ['B', { key: 'B', value: '3', type: 'integer', position: 3 }],
      ['A', { key: 'A', value: '2', position: 2 }],
    ]);
  });
});

describe('planDifferences', () => {
  const plan = { created: ['A'], updated: ['B'], unchanged: ['C'] };

  it('finds none for the same keys in another order', () => {
    expect(planDifferences({ created: ['A'], updated: ['B'], unchanged: ['C'] }, plan)).toEqual([]);
    expect(planDifferences({ created: ['Y', 'X'], updated: [], unchanged: [] }, { created: ['X', 'Y'], updated: [], unchanged: [] })).toEqual([]);
  });

  it('names each key whose action moved, appeared or went missing', () => {
    expect(planDifferences({ created: ['A', 'B'], updated: [], unchanged: ['C', 'D'] }, plan)).toEqual([
      'B is now updated, not created',
      'D is in the plan but not in this import',
    ]);
    expect(planDifferences({ created: [], updated: ['B'], unchanged: ['C'] }, plan)).toEqual(['A is now created, not in the plan']);
  });

  it('refuses a plan that lists a key twice', () => {
    expect(planDifferences({ created: ['A', 'A'], updated: ['B'], unchanged: ['C'] }, plan)).toEqual(['the expected plan lists a key more than once']);
  });
});

describe('importError', () => {
  it('accepts a valid key with a value of its type', () => {
    expect(importError('PORT', '8080', 'integer', 1)).toBeNull();
    expect(importError('ANYTHING', '', 'text', 1)).toBeNull();
  });

  it('names the key rule for a key that cannot be a secret, by its position and never by the key', () => {
    expect(importError('has-dash', 'v', 'text', 4)).toEqual({ key: '', entry: 4, message: expect.stringMatching(/^key: must start with a letter/) });
    expect(importError('-----BEGIN PRIVATE KEY-----', 'v', 'text', 1)).toMatchObject({ key: '', entry: 1 });
    expect(importError('', 'v', 'text', 2)).toMatchObject({ key: '', message: expect.stringMatching(/^key: /) });
  });

  it("names the value's problem for its type without quoting it", () => {
    const error = importError('PORT', 'not-a-number', 'integer', 3);
    expect(error).toEqual({ key: 'PORT', entry: 3, message: expect.stringMatching(/^value: an integer must be/) });
    expect(error!.message).not.toContain('not-a-number');
  });

  it('refuses a value holding a NUL, which no environment variable can carry', () => {
    expect(importError('TOKEN', 'hunter\u00002', 'text', 1)).toMatchObject({ key: 'TOKEN', message: expect.stringMatching(/^value: .*NUL/) });
  });
});
