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

it("does not hand the parent's COFFER_TOKEN to the command, but does pass a secret of that name", () => {
  const parent = { PATH: '/usr/bin', COFFER_TOKEN: 'coffer_ci-token', COFFER_API_URL: 'https://coffer.example.com' };
  expect(childEnvironment(parent, { A: '1' }, false).env).toEqual({ PATH: '/usr/bin', COFFER_API_URL: 'https://coffer.example.com', A: '1' });
  const stored = childEnvironment(parent, { COFFER_TOKEN: 'coffer_for-the-app' }, false);
  expect(stored.env.COFFER_TOKEN).toBe('coffer_for-the-app');
  expect(stored.clashes).toEqual([]);
});

it('treats names of Object.prototype as names like any other: injected, and a clash only when the parent has its own', () => {
  const names = Object.getOwnPropertyNames(Object.prototype).filter((name) => name !== '__proto__');
  const values = Object.fromEntries(names.map((name) => [name, `secret-${name}`]));
  const fresh = childEnvironment({ HOME: '/home/me' }, values, false);
  expect(fresh.clashes).toEqual([]);
  for (const name of names) expect(Object.getOwnPropertyDescriptor(fresh.env, name)?.value, name).toBe(`secret-${name}`);

  const parent = { toString: 'from-parent', constructor: `secret-constructor` };
  const clashing = childEnvironment(parent, values, false);
  expect(clashing.clashes).toEqual(['toString']);
  expect(Object.getOwnPropertyDescriptor(clashing.env, 'toString')?.value).toBe('from-parent');
  expect(childEnvironment(parent, values, true).env.toString).toBe('secret-toString');
});

it('leaves out a value holding NUL and names it, and entries no secret can be without naming them', () => {
  const values: Record<string, unknown> = { GOOD: 'g', WITH_NUL: 'a\u0000b', 'A=B': 'x', '': 'y', NUMBER: 5, ['__proto__']: 'p' };
  const result = childEnvironment({}, values, false);
  expect(result.env).toEqual({ GOOD: 'g' });
  expect(result.withNul).toEqual(['WITH_NUL']);
  expect(result.malformed).toBe(4);
});
