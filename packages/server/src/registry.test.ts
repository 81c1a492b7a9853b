import { describe, expect, it } from 'vitest';
import { defineModule } from '@coffer/module';
import { MODULES } from './modules.js';
import { createRegistry, describeTargets, parseTargets, startOrder, TargetError } from './registry.js';

const registry = createRegistry(MODULES);

it('parses a strict list of known targets', () => {
  expect(parseTargets(registry, 'all')).toEqual(['all']);
  expect(parseTargets(registry, 'gateway, auth,secret')).toEqual(['gateway', 'auth', 'secret']);
});

it('fails on an unknown target and lists the valid ones', () => {
  expect(() => parseTargets(registry, 'gateway,bogus')).toThrow(TargetError);
  expect(() => parseTargets(registry, 'bogus')).toThrow(/bogus.*valid targets: auth, secret, audit, gateway, all, migrate/);
  expect(() => parseTargets(registry, 'database')).toThrow(/unknown target database/);
  expect(() => parseTargets(registry, '')).toThrow(/empty/);
  expect(() => parseTargets(registry, 'migrate,auth')).toThrow(/migrate runs alone/);
});

it('starts dependencies first and the gateway after the services it calls, as a declared dependency', () => {
  const all = startOrder(registry, ['all']);
  const before = (a: string, b: string) => expect(all.indexOf(a), `${a} before ${b}`).toBeLessThan(all.indexOf(b));
  for (const service of ['auth', 'secret', 'audit', 'first-run']) before(service, 'gateway');
  for (const [module, dependency] of [
    ['auth', 'database'],
    ['auth', 'kv'],
    ['auth', 'principal-signing'],
    ['principal-signing', 'principal-verification'],
    ['secret', 'kms'],
    ['audit', 'service-verification'],
    ['gateway', 'service-signing'],
    ['first-run', 'auth'],
  ]) {
    before(dependency!, module!);
  }
  expect(all.at(-1)).toBe('all');
  const gatewayAndSecret = startOrder(registry, ['gateway', 'secret']);
  expect([...gatewayAndSecret].sort()).toEqual([
    'database',
    'gateway',
    'kms',
    'kv',
    'principal-verification',
    'secret',
    'service-signing',
    'service-verification',
  ]);
  expect(gatewayAndSecret.indexOf('secret')).toBeLessThan(gatewayAndSecret.indexOf('gateway'));
  expect(startOrder(registry, ['secret'])).toEqual(['database', 'kv', 'principal-verification', 'kms', 'secret']);
  // The gateway alone does not pull in the services it would start after.
  expect(startOrder(registry, ['gateway'])).toEqual(['kv', 'service-verification', 'service-signing', 'gateway']);
  expect(startOrder(registry, ['migrate'])).toEqual(['migrate']);
});

it('lists every selectable target with its dependencies', () => {
  const listing = describeTargets(registry);
  for (const target of ['all', 'gateway', 'auth', 'secret', 'audit', 'migrate']) expect(listing).toMatch(new RegExp(`^${target}\\s+depends on:`, 'm'));
  expect(listing).not.toMatch(/^database/m);
});

describe('a module list that could never run', () => {
  const module = (name: string, dependsOn: string[], after: string[] = []) => defineModule({ name, kind: 'target', description: name, dependsOn, after });

  it('is refused when a name is registered twice or a dependency is missing', () => {
    expect(() => createRegistry([module('a', []), module('a', [])])).toThrow('registered twice');
    expect(() => createRegistry([module('a', ['b'])])).toThrow('refers to b');
  });

  it('is refused when modules depend on each other, through `after` too', () => {
    expect(() => createRegistry([module('a', ['b']), module('b', ['a'])])).toThrow(/depend on each other: (a -> b -> a|b -> a -> b)/);
    expect(() => createRegistry([module('a', [], ['b']), module('b', ['a'])])).toThrow(/depend on each other/);
  });
});
