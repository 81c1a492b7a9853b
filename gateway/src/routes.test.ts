/**
 * The route declarations as data: what `mountRoutes` relies on to validate, keep organisations
 * apart and audit the same way for every route (and what the OpenAPI document will be made of).
 * How the mounted routes answer on a running platform: tests/api/routes.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadCofferPackage } from '@coffer/grpc';
import type { Route } from './route.js';
import { ROUTE_GROUPS, ROUTES } from './routes/index.js';
import { SCOPE_PATH } from './routes/secrets.js';

const label = (route: Route) => `${route.method.toUpperCase()} ${route.path}`;
const pathParams = (path: string) =>
  path
    .split('/')
    .filter((segment) => segment.startsWith(':'))
    .map((segment) => segment.slice(1));
const SERVICES = { auth: 'AuthService', secret: 'SecretService', audit: 'AuditService' } as const;

describe.each(ROUTES.map((route) => [label(route), route] as const))('%s', (_label, route) => {
  it('has a summary', () => {
    expect(typeof route.summary).toBe('string');
    expect(route.summary.trim().length).toBeGreaterThan(0);
  });

  it('declares a params schema with exactly the parameters of its path, and a query schema', () => {
    expect(route.params).toBeInstanceOf(z.ZodObject);
    expect(Object.keys((route.params as z.ZodObject).shape).sort()).toEqual(pathParams(route.path).sort());
    expect(route.query).toBeInstanceOf(z.ZodType);
  });

  it('names its organisation, if any, as /orgs/:org at the start of its path', () => {
    // requireOwnOrg judges `params.org`; an organisation spelled any other way would escape it.
    const namesOrg = pathParams(route.path).includes('org');
    expect(namesOrg).toBe(route.path.startsWith('/orgs/'));
    if (namesOrg) expect(route.path === '/orgs/:org' || route.path.startsWith('/orgs/:org/')).toBe(true);
  });

  it('calls an RPC that exists in the protos', () => {
    const service = loadCofferPackage().coffer.v1[SERVICES[route.rpc.service]].service;
    expect(Object.keys(service)).toContain(route.rpc.method);
  });

  it('takes a body and an Idempotency-Key only where it writes', () => {
    if (route.method === 'get') expect(route.idempotent ?? false).toBe(false);
    if (route.method === 'get' || route.method === 'delete') expect(route.body).toBeUndefined();
  });

  it("is audited if it changes anything or touches secrets in an organisation (sign-in and a person's own account have no organisation's trail)", () => {
    const ownAccount = route.path === '/me' || route.path.startsWith('/me/') || route.path.startsWith('/auth/');
    if (route.access === 'public' || route.access === 'optional' || ownAccount) {
      expect(pathParams(route.path)).not.toContain('org');
      expect(route.audit).toBeUndefined();
    } else if (route.method !== 'get' || route.path.startsWith(SCOPE_PATH)) {
      expect(route.audit?.action).toBeDefined();
    }
  });
});

it('declares each method and path once', () => {
  const seen = ROUTES.map(label);
  expect(seen.filter((key, index) => seen.indexOf(key) !== index)).toEqual([]);
  // And no two paths that Express would match alike (the same shape with other parameter names).
  const shapes = ROUTES.map((route) => `${route.method} ${route.path.replace(/:[A-Za-z]+/g, ':')}`);
  expect(shapes.filter((key, index) => shapes.indexOf(key) !== index)).toEqual([]);
});

/** Whether Express would match `path` (a route's own, its parameters filled in) against `route`'s path. */
const matches = (route: Route, path: string) => {
  const [pattern, segments] = [route.path.split('/'), path.split('/')];
  return pattern.length === segments.length && pattern.every((segment, i) => segment.startsWith(':') || segment === segments[i]);
};

it('has no path of one group that a route of another group would take: only the order within a group decides', () => {
  const taken: string[] = [];
  for (const [index, group] of ROUTE_GROUPS.entries()) {
    for (const route of group) {
      const path = route.path.replace(/:[A-Za-z]+/g, 'x1');
      for (const other of ROUTE_GROUPS.filter((_, otherIndex) => otherIndex !== index).flat()) {
        if (other.method === route.method && matches(other, path)) taken.push(`${label(route)} by ${other.path}`);
      }
    }
  }
  expect(taken).toEqual([]);
  expect(ROUTES.filter((route) => matches(route, `${SCOPE_PATH.replace(/:[A-Za-z]+/g, 'x1')}/inject`))[0]?.path).toBe(`${SCOPE_PATH}/inject`);
});
