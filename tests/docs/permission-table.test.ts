import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ROUTES, type Route } from '@coffer/gateway';
import { permissionOf, permissionTable, withTable } from './permission-table.js';

const routeOf = (method: string, path: string): Route => {
  const route = ROUTES.find((candidate) => candidate.method === method && candidate.path.endsWith(path));
  if (!route) throw new Error(`no route ${method} ${path}`);
  return route;
};

describe('the README permission table', () => {
  it('is the one generated from the routes and the access tables (run `pnpm docs:permissions` after changing either)', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    expect(withTable(readme, permissionTable())).toBe(readme);
  });

  it('lists every route once', () => {
    const rows = permissionTable()
      .split('\n')
      .filter((line) => line.startsWith('| `'));
    expect(rows).toHaveLength(ROUTES.length);
    expect(new Set(rows).size).toBe(ROUTES.length);
  });
});

describe('permissionOf', () => {
  it('says what each route needs as its service decides it, conditions included', () => {
    expect(permissionOf(routeOf('post', '/bootstrap'))).toBe('none');
    expect(permissionOf(routeOf('get', '/orgs'))).toBe('any signed-in user or token');
    expect(permissionOf(routeOf('get', '/orgs/:org/projects'))).toBe('any token or member of the organisation');
    expect(permissionOf(routeOf('get', '/secrets/:key/diff'))).toBe('`read`, `reveal`');
    expect(permissionOf(routeOf('get', '/secrets/:key'))).toBe('`read`; with `reveal=true` also `reveal`');
    expect(permissionOf(routeOf('post', '/orgs/:org/tokens'))).toBe('`tokens:manage`; and every permission an organisation-wide token is to hold');
    expect(permissionOf(routeOf('post', '/sync/push'))).toContain('without `writeAll` also `read`, `reveal`');
  });
});
