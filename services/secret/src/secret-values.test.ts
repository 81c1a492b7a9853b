import { describe, expect, it } from 'vitest';
import { MAX_VALUE_BYTES, SECRET_KEY_PATTERN } from '@coffer/contract';
import { typedValueProblem } from './secret-values.js';

describe('typedValueProblem', () => {
  it.each([
    ['text', 'anything at all\nmulti-line'],
    ['text', ''],
    ['password', 'hunter2'],
    ['boolean', 'true'],
    ['boolean', 'false'],
    ['integer', '0'],
    ['integer', '-42'],
    ['integer', '9007199254740993123'],
    ['json', '{"a":[1,2,{"b":null}]}'],
    ['json', '"just a string"'],
    ['yaml', 'a: 1\nb:\n  - x\n  - y\n'],
  ] as const)('accepts a %s value that parses', (type, value) => {
    expect(typedValueProblem(type, value)).toBeNull();
  });

  it.each([
    ['password', ''],
    ['boolean', 'yes'],
    ['boolean', 'TRUE'],
    ['integer', '1.5'],
    ['integer', '01'],
    ['integer', '12abc'],
    ['integer', ''],
    ['json', '{a: 1}'],
    ['json', ''],
    ['yaml', 'a: [unclosed'],
  ] as const)('rejects a %s value that does not parse, without quoting it', (type, value) => {
    const problem = typedValueProblem(type, value);
    expect(problem).not.toBeNull();
    if (value.length > 2) expect(problem).not.toContain(value);
  });

  it('rejects values over the size limit for every type', () => {
    expect(typedValueProblem('text', 'x'.repeat(MAX_VALUE_BYTES + 1))).toMatch(/at most/);
    expect(typedValueProblem('text', 'x'.repeat(MAX_VALUE_BYTES))).toBeNull();
  });
});

describe('SECRET_KEY_PATTERN', () => {
  it.each(['A', '_', 'DATABASE_URL', 'a1_b2', `A${'B'.repeat(254)}`])('accepts %s', (key) => {
    expect(SECRET_KEY_PATTERN.test(key)).toBe(true);
  });
  it.each(['', '__proto__', '1BAD', 'has-dash', 'has space', 'dot.ted', `A${'B'.repeat(255)}`, 'ÜBER'])('rejects %s', (key) => {
    expect(SECRET_KEY_PATTERN.test(key)).toBe(false);
  });
});
