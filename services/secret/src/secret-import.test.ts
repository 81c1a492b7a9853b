import { describe, expect, it } from 'vitest';
import { importProblem, lastEntryOfEachKey, planDifferences } from './secret-import.js';

describe('lastEntryOfEachKey', () => {
  it('keeps the last entry of a repeated key at the place the key first appeared', () => {
    const entries = lastEntryOfEachKey([
      { key: 'B', value: '1' },
      { key: 'A', value: '2' },
      { key: 'B', value: '3', type: 'integer' },
    ]);
    expect([...entries]).toEqual([
      ['B', { key: 'B', value: '3', type: 'integer' }],
      ['A', { key: 'A', value: '2' }],
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

describe('importProblem', () => {
  it('accepts a valid key with a value of its type', () => {
    expect(importProblem('PORT', '8080', 'integer')).toBeNull();
    expect(importProblem('ANYTHING', '', 'text')).toBeNull();
  });

  it('names the key rule for a key that cannot be a secret', () => {
    expect(importProblem('has-dash', 'v', 'text')).toMatch(/^key: must start with a letter/);
    expect(importProblem('', 'v', 'text')).toMatch(/^key: /);
  });

  it("names the value's problem for its type without quoting it", () => {
    const problem = importProblem('PORT', 'not-a-number', 'integer');
    expect(problem).toMatch(/^value: an integer must be/);
    expect(problem).not.toContain('not-a-number');
  });
});
