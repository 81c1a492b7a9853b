import { expect, it } from 'vitest';
import { describeTargets, parseTargets, startOrder, TargetError } from './targets.js';

it('parses a strict list of known targets', () => {
  expect(parseTargets('all')).toEqual(['all']);
  expect(parseTargets('gateway, auth,secret')).toEqual(['gateway', 'auth', 'secret']);
});

it('fails on an unknown target and lists the valid ones', () => {
  expect(() => parseTargets('gateway,bogus')).toThrow(TargetError);
  expect(() => parseTargets('bogus')).toThrow(/bogus.*valid targets: auth, secret, audit, gateway, all, migrate/);
  expect(() => parseTargets('database')).toThrow(/unknown target database/);
  expect(() => parseTargets('')).toThrow(/empty/);
  expect(() => parseTargets('migrate,auth')).toThrow(/migrate runs alone/);
});

it('starts dependencies first and the gateway after the services it calls', () => {
  expect(startOrder(['all'])).toEqual(['database', 'kv', 'auth', 'secret', 'audit', 'gateway', 'all']);
  expect(startOrder(['gateway', 'secret'])).toEqual(['database', 'secret', 'kv', 'gateway']);
  expect(startOrder(['secret'])).toEqual(['database', 'secret']);
  expect(startOrder(['migrate'])).not.toContain('gateway');
});

it('lists every selectable target with its dependencies', () => {
  const listing = describeTargets();
  for (const target of ['all', 'gateway', 'auth', 'secret', 'audit', 'migrate']) expect(listing).toMatch(new RegExp(`^${target}\\s+depends on:`, 'm'));
  expect(listing).not.toMatch(/^database/m);
});
