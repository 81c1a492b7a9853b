import { describe, expect, it } from 'vitest';
import { importProblem, lastValueOfEachKey } from './secret-import.js';

describe('lastValueOfEachKey', () => {
  it('keeps the last value of a repeated key at the place the key first appeared', () => {
    const values = lastValueOfEachKey([
      { key: 'B', value: '1' },
      { key: 'A', value: '2' },
      { key: 'B', value: '3' },
    ]);
    expect([...values]).toEqual([
      ['B', '3'],
      ['A', '2'],
    ]);
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
