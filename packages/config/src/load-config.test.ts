import { describe, expect, it } from 'vitest';
import { ConfigError, loadSlices } from './load-config.js';
import { defineSlice } from './slice.js';
import { integer, withDefault } from './variables.js';

const a = defineSlice({ COFFER_A: withDefault(integer(1, 9), '1') }, (env) => ({ a: env.COFFER_A }));
const b = defineSlice({ COFFER_B: withDefault(integer(1, 9), '2') }, (env) => ({ b: env.COFFER_B }));

function problems(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadSlices', () => {
  it('parses each slice once, even when two modules share it, and freezes the result', () => {
    const configs = loadSlices({ COFFER_A: '3' }, [a, b, a], { known: ['COFFER_A', 'COFFER_B'] });
    expect(configs.get(a)).toEqual({ a: 3 });
    expect(configs.get(b)).toEqual({ b: 2 });
    expect(configs.size).toBe(2);
    expect(Object.isFrozen(configs.get(a))).toBe(true);
  });

  it('judges requirements on the slices that parsed, with the bad values, unknown names and all, in environment order', () => {
    const found = problems(() =>
      loadSlices({ COFFER_TYPO: 'x', COFFER_B: '99' }, [a, b], {
        known: ['COFFER_A', 'COFFER_B'],
        requirements: (configs) => (configs.has(b) ? [{ variable: 'COFFER_B', message: 'never' }] : [{ variable: 'COFFER_A', message: 'required here' }]),
      }),
    );
    expect(found).toEqual([
      'COFFER_TYPO: unknown variable; the valid ones are COFFER_A, COFFER_B',
      'COFFER_B: expected an integer from 1 to 9',
      'COFFER_A: required here',
    ]);
  });
});
