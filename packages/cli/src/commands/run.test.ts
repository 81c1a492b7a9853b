import { expect, it } from 'vitest';
import { childEnvironment } from './run.js';

it("adds secrets, keeps the parent's value on a clash unless override, and drops dangerous names", () => {
  const parent = { HOME: '/home/me', SHARED: 'parent', SAME: 'x' };
  const values = { NEW: 'n', SHARED: 'secret', SAME: 'x', LD_PRELOAD: '/evil.so', Path: '/evil', DYLD_INSERT_LIBRARIES: 'e' };
  const kept = childEnvironment(parent, values, false);
  expect(kept.env).toEqual({ HOME: '/home/me', SHARED: 'parent', SAME: 'x', NEW: 'n' });
  expect(kept.clashes).toEqual(['SHARED']);
  expect(kept.removed.sort()).toEqual(['DYLD_INSERT_LIBRARIES', 'LD_PRELOAD', 'Path']);
  const overridden = childEnvironment(parent, values, true);
  expect(overridden.env.SHARED).toBe('secret');
  expect(overridden.env).not.toHaveProperty('LD_PRELOAD');
});
