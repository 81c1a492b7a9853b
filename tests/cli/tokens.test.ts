/**
 * `coffer tokens` end to end, as someone setting up CI would use it: create a scoped token (printed
 * once, for the context project unless told otherwise), list tokens without ever showing one,
 * rotate with an overlap, revoke; and the token it prints works where it was scoped, and only there.
 */
import { describe, expect, it } from 'vitest';
import { expectError, expectOk, scopePath } from '@coffer/test-kit/api-assertions';
import { apiClient } from '@coffer/test-kit/platform';
import { cliPlatform, oneLine } from './support.js';

const fx = cliPlatform();
const staging = scopePath('acme', 'api', 'staging');
const production = scopePath('acme', 'api', 'production');

async function json(args: string[]) {
  const result = await fx.cli.run([...args, '--json']);
  expect(result.stderr, args.join(' ')).toBe('');
  expect(result.code, args.join(' ')).toBe(0);
  return JSON.parse(result.stdout);
}

describe('coffer tokens', () => {
  it('create prints the token once on stdout, scoped to the context project; it works on its environment only', async () => {
    const created = await fx.cli.run(['tokens', 'create', '--env', 'staging', '--perm', 'read,reveal,export', '--expires', '30d', '--name', 'ci']);
    expect(created.code, created.stderr).toBe(0);
    const token = created.stdout.trim();
    expect(created.stdout).toBe(`${token}\n`);
    expect(created.stderr).toContain('api/staging');
    expect(created.stderr).toContain('[read,reveal,export]');
    expect(created.stderr).toContain('shown only this once');
    const ci = apiClient(fx.platform.baseUrl, token);
    expectOk(await fx.api('POST', `${staging}/secrets/DATABASE_URL`, { body: { value: 'postgres://staging' } }), 201);
    expect(expectOk(await ci('POST', `${staging}/inject`)).values).toEqual({ DATABASE_URL: 'postgres://staging' });
    expectError(await ci('POST', `${production}/inject`), 404);
    const whoami = await fx.cli.run(['whoami'], { env: { COFFER_TOKEN: token, COFFER_API_URL: fx.platform.baseUrl } });
    expect(whoami.stdout).toContain('In api/staging: read, reveal, export');
    expect(whoami.stdout).toMatch(/Expires: /);
    const listed = (await json(['tokens', 'list'])).find((row: { name: string }) => row.name === 'ci');
    expect(Date.parse(listed.expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect(Date.parse(listed.expiresAt) - Date.now()).toBeLessThanOrEqual(30 * 86_400_000);
  });

  it('create --json answers {id, token, ...} with every option taken, --env repeated or comma-separated', async () => {
    const issued = await json([
      'tokens',
      'create',
      '--project',
      'api',
      '--env',
      'staging',
      '--env',
      'development,production',
      '--perm',
      'read',
      '--cidr',
      '10.0.0.0/8',
      '--service-account',
      'deployer',
    ]);
    expect(issued).toMatchObject({
      id: expect.any(String),
      token: expect.any(String),
      name: 'deployer',
      serviceAccount: 'deployer',
      project: 'api',
      environments: ['development', 'production', 'staging'],
      permissions: ['read'],
      allowedCidrs: ['10.0.0.0/8'],
      expiresAt: '',
    });
    // Outside its allow-list (the test runs on 127.0.0.1).
    expectError(await apiClient(fx.platform.baseUrl, issued.token)('GET', `${staging}/secrets`), 401);
  });

  it('defaults to read only; --org-wide makes an organisation-wide token', async () => {
    const reader = await json(['tokens', 'create', '--env', 'staging']);
    expect(reader).toMatchObject({ project: 'api', environments: ['staging'], permissions: ['read'] });
    const orgWide = await json(['tokens', 'create', '--org-wide', '--perm', 'read', '--name', 'org-reader']);
    expect(orgWide).toMatchObject({ project: '', environments: [], permissions: ['read'] });
    expectOk(await apiClient(fx.platform.baseUrl, orgWide.token)('GET', `${production}/secrets`));
  });

  it('list shows a table without any token, and JSON for machines', async () => {
    const issued = await json(['tokens', 'create', '--env', 'staging', '--name', 'listed']);
    const table = await fx.cli.run(['tokens', 'list']);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+ACCOUNT\s+SCOPE\s+PERMISSIONS\s+EXPIRES\s+LAST USED\s+STATE$/);
    expect(table.stdout).toMatch(new RegExp(`^${issued.id}\\s+listed\\s+listed\\s+api/staging\\s+read\\s+never\\s+never\\s+active$`, 'm'));
    expect(table.stdout).not.toContain(issued.token);
    const rows = await json(['tokens', 'list']);
    expect(JSON.stringify(rows)).not.toContain(issued.token);
    expect(rows.find((row: { id: string }) => row.id === issued.id)).toMatchObject({ project: 'api', environments: ['staging'], revokedAt: '' });
  });

  it('rotate --overlap keeps the old token working for a while; rotate without it ends the old one at once', async () => {
    const old = await json(['tokens', 'create', '--env', 'staging', '--name', 'rotating']);
    const rotated = await fx.cli.run(['tokens', 'rotate', old.id, '--overlap', '1h']);
    expect(rotated.code, rotated.stderr).toBe(0);
    const fresh = rotated.stdout.trim();
    expect(fresh).not.toBe(old.token);
    expect(rotated.stderr).toContain(`Rotated ${old.id}`);
    expectOk(await apiClient(fx.platform.baseUrl, old.token)('GET', `${staging}/secrets`));
    expectOk(await apiClient(fx.platform.baseUrl, fresh)('GET', `${staging}/secrets`));
    const oldRow = (await json(['tokens', 'list'])).find((row: { id: string }) => row.id === old.id);
    expect(Math.abs(Date.parse(oldRow.expiresAt) - Date.now() - 3_600_000)).toBeLessThan(60_000);

    const again = await json(['tokens', 'rotate', (await json(['tokens', 'list'])).find((row: { rotatedFrom: string }) => row.rotatedFrom === old.id).id]);
    expect(again.token).not.toBe(fresh);
    expectError(await apiClient(fx.platform.baseUrl, fresh)('GET', `${staging}/secrets`), 401);
    expectOk(await apiClient(fx.platform.baseUrl, again.token)('GET', `${staging}/secrets`));
  });

  it('revoke ends a token at once', async () => {
    const doomed = await json(['tokens', 'create', '--env', 'staging', '--name', 'doomed']);
    const revoked = await fx.cli.run(['tokens', 'revoke', doomed.id]);
    expect([revoked.code, revoked.stdout]).toEqual([0, `Revoked ${doomed.id}\n`]);
    expectError(await apiClient(fx.platform.baseUrl, doomed.token)('GET', `${staging}/secrets`), 401);
    const again = await fx.cli.run(['tokens', 'revoke', doomed.id]);
    expect(again.code).toBe(6);
    expect(oneLine(again.stderr)).toContain('not found');
  });

  it.each([
    [['tokens', 'create', '--perm', 'root'], 2, 'unknown permission'],
    [['tokens', 'create', '--expires', 'soon'], 2, 'invalid duration'],
    [['tokens', 'create', '--cidr', '10.0.0.0/33'], 2, '--cidr'],
    [['tokens', 'create', '--env', 'Not_A_Slug'], 2, '--env'],
    [['tokens', 'create', '--org-wide', '--env', 'staging'], 2, '--org-wide'],
    [['tokens', 'create', '--env', 'nowhere'], 6, 'not found'],
    [['tokens', 'create', '--perm', 'tokens:manage'], 8, 'environment permissions'],
    [['tokens', 'rotate', 'not-an-id'], 2, 'token id'],
    [['tokens', 'rotate', '00000000-0000-4000-8000-000000000000', '--overlap', '8d'], 8, 'overlapSeconds'],
  ])('%j exits %i with one line naming %s, and issues nothing', async (args, code, message) => {
    const before = (await json(['tokens', 'list', '--revoked'])).length;
    const result = await fx.cli.run(args);
    expect(result.code).toBe(code);
    expect(oneLine(result.stderr)).toContain(message);
    expect(result.stdout).toBe('');
    expect((await json(['tokens', 'list', '--revoked'])).length).toBe(before);
  });

  it('a token without tokens:manage is refused with exit 5', async () => {
    const reader = await json(['tokens', 'create', '--org-wide', '--perm', 'read', '--name', 'plain-reader']);
    const result = await fx.cli.run(['tokens', 'list'], { env: { COFFER_TOKEN: reader.token } });
    expect(result.code).toBe(5);
    expect(oneLine(result.stderr)).toContain('tokens:manage');
  });
});
