/**
 * `coffer members`, `coffer roles` and `coffer grants` end to end: the real CLI against a real
 * platform, as an administrator runs them and as a token that holds less is refused (exit codes,
 * one-line errors), with --json for scripts.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, sql } from '@coffer/test-kit/api-assertions';
import { cliPlatform, loggedInCli, oneLine, scratchHomes, type CliHome } from './support.js';

const fixture = cliPlatform();
const scratch = scratchHomes();
const ids: Record<string, string> = {};
/** CLI homes logged in with tokens of their own, removed after the file. */
const tokenHomes: CliHome[] = [];

/** A person of acme, made as signup and invitation would make one (as the database owner). */
async function addMember(who: string, role: string): Promise<void> {
  const id = randomUUID();
  const url = fixture.platform.database.url;
  const [org] = await sql<{ id: string }>(url, `select id from organizations where slug = 'acme'`);
  await sql(url, `insert into users (id, email, name, email_verified_at) values ($1, $2, $3, now())`, [id, `${who}@example.test`, who]);
  await sql(url, `insert into memberships (org_id, user_id, role) values ($1, $2, $3)`, [org!.id, id, role]);
  ids[who] = id;
}

/** A CLI logged in with a new organisation-wide token holding `permissions`. */
async function cliWith(permissions: string[]): Promise<CliHome> {
  const issued = expectOk(await fixture.api('POST', '/orgs/acme/tokens', { body: { name: `cli-${randomUUID().slice(0, 8)}`, permissions } }), 201);
  const cli = await loggedInCli(fixture.platform.baseUrl, issued.token as string);
  tokenHomes.push(cli);
  return cli;
}

const json = (stdout: string) => JSON.parse(stdout);

beforeAll(async () => {
  await addMember('olga', 'owner');
  await addMember('mia', 'member');
  await addMember('dev', 'member');
  expectOk(await fixture.api('POST', '/orgs/acme/projects', { body: { slug: 'web' } }), 201);
});
afterAll(async () => {
  await Promise.all(tokenHomes.map((home) => home.remove()));
});

describe('coffer members', () => {
  it('lists members, as a table and as JSON', async () => {
    const listed = await fixture.cli.run(['members', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout.split('\n')[0]).toMatch(/^EMAIL\s+NAME\s+ROLE\s+BREAK-GLASS\s+2FA\s+JOINED$/);
    expect(listed.stdout).toMatch(/olga@example\.test\s+olga\s+owner/);
    const asJson = await fixture.cli.run(['members', 'list', '--json']);
    expect(json(asJson.stdout).map((m: { email: string; role: string }) => `${m.email}:${m.role}`)).toEqual([
      'dev@example.test:member',
      'mia@example.test:member',
      'olga@example.test:owner',
    ]);
  });

  it('set-role changes a role by email; an owner is only an owner’s to make (exit 5); a stranger is not found (exit 6)', async () => {
    const set = await fixture.cli.run(['members', 'set-role', 'MIA@example.test', 'admin', '--break-glass', 'on']);
    expect(set.stderr).toBe('');
    expect(set.stdout).toBe('mia@example.test is now admin (may open break-glass access)\n');
    expect(
      (
        await sql<{ role: string; break_glass: boolean }>(fixture.platform.database.url, 'select role, break_glass from memberships where user_id = $1', [
          ids.mia,
        ])
      )[0],
    ).toEqual({
      role: 'admin',
      break_glass: true,
    });
    const owner = await fixture.cli.run(['members', 'set-role', 'dev@example.test', 'owner']);
    expect(owner.code).toBe(5);
    expect(oneLine(owner.stderr)).toBe('coffer: the token lacks a permission for this: only an owner can make or unmake an owner (HTTP 403)');
    const stranger = await fixture.cli.run(['members', 'set-role', 'nobody@example.test', 'member']);
    expect(stranger.code).toBe(6);
    expect(oneLine(stranger.stderr)).toBe("coffer: member 'nobody@example.test' not found");
    const badRole = await fixture.cli.run(['members', 'set-role', 'dev@example.test', 'emperor']);
    expect(badRole.code).toBe(2);
    expect(oneLine(badRole.stderr)).toBe('coffer: the role must be one of: owner, admin, member');
  });

  it('remove takes a member out with their grants', async () => {
    await addMember('temp', 'member');
    expectOk(await fixture.api('PUT', '/orgs/acme/grants', { body: { user: ids.temp, project: 'api', role: 'viewer' } }));
    const removed = await fixture.cli.run(['members', 'remove', 'temp@example.test', '--json']);
    expect(removed.code).toBe(0);
    expect(json(removed.stdout)).toEqual({ removed: true, userId: ids.temp });
    expect(await sql(fixture.platform.database.url, 'select 1 from grants where user_id = $1', [ids.temp])).toEqual([]);
    expect(await sql(fixture.platform.database.url, 'select 1 from memberships where user_id = $1', [ids.temp])).toEqual([]);
  });
});

describe('coffer roles', () => {
  it('creates, lists, updates and deletes a custom role', async () => {
    const created = await fixture.cli.run(['roles', 'create', 'release', '--perm', 'read,reveal,approve', '--description', 'ships it']);
    expect(created.stderr).toBe('');
    expect(created.stdout).toBe('Created role release: read, reveal, approve\n');
    const listed = json((await fixture.cli.run(['roles', 'list', '--json'])).stdout);
    expect(listed.find((role: { name: string }) => role.name === 'release')).toMatchObject({ scope: 'project', builtin: false, description: 'ships it' });
    expect(listed.filter((role: { builtin: boolean }) => role.builtin)).toHaveLength(6);
    const updated = await fixture.cli.run(['roles', 'update', 'release', '--perm', 'read,approve', '--json']);
    expect(json(updated.stdout)).toMatchObject({ name: 'release', permissions: ['read', 'approve'] });
    const deleted = await fixture.cli.run(['roles', 'delete', 'release']);
    expect(deleted.stdout).toBe('Deleted role release\n');
    expect(await sql(fixture.platform.database.url, `select 1 from roles where name = 'release'`)).toEqual([]);
  });

  it('refuses a built-in name (exit 7), an unknown permission before sending (exit 2), and a role above the caller (exit 5)', async () => {
    const builtIn = await fixture.cli.run(['roles', 'create', 'viewer', '--perm', 'read']);
    expect(builtIn.code).toBe(7);
    expect(oneLine(builtIn.stderr)).toBe("coffer: role 'viewer' already exists (built in) (HTTP 409)");
    const unknown = await fixture.cli.run(['roles', 'create', 'x', '--perm', 'read,fly']);
    expect(unknown.code).toBe(2);
    expect(oneLine(unknown.stderr)).toBe('coffer: unknown permission in --perm: fly');
    const manager = await cliWith(['members:manage', 'read']);
    const above = await manager.run(['roles', 'create', 'cleaner', '--perm', 'read,purge']);
    expect(above.code).toBe(5);
    expect(oneLine(above.stderr)).toBe('coffer: the token lacks a permission for this: missing permission: purge (HTTP 403)');
    expect(await sql(fixture.platform.database.url, `select 1 from roles where name = 'cleaner'`)).toEqual([]);
  });
});

describe('coffer grants', () => {
  it('sets a role on one environment, lists it and removes it', async () => {
    const set = await fixture.cli.run(['grants', 'set', 'dev@example.test', '--project', 'api', '--env', 'staging', '--role', 'viewer']);
    expect(set.stderr).toBe('');
    expect(set.stdout).toBe('dev@example.test holds viewer (read) on api/staging\n');
    const listed = await fixture.cli.run(['grants', 'list', '--project', 'api']);
    expect(listed.stdout).toMatch(/^ID\s+MEMBER\s+PROJECT\s+ENV\s+ROLE\s+PERMISSIONS\n/);
    expect(listed.stdout).toMatch(/dev@example\.test\s+api\s+staging\s+viewer\s+read\n/);
    const [grant] = json((await fixture.cli.run(['grants', 'list', '--json'])).stdout).filter((g: { userId: string }) => g.userId === ids.dev);
    const removed = await fixture.cli.run(['grants', 'remove', grant.id]);
    expect(removed.stdout).toBe(`Removed grant ${grant.id}\n`);
    expect(await sql(fixture.platform.database.url, 'select 1 from grants where id = $1', [grant.id])).toEqual([]);
  });

  it('sets permissions on a whole project, replacing what was there', async () => {
    await fixture.cli.run(['grants', 'set', 'dev@example.test', '--project', 'web', '--role', 'developer']);
    const replaced = await fixture.cli.run(['grants', 'set', 'dev@example.test', '--project', 'web', '--perm', 'read,reveal', '--json']);
    expect(json(replaced.stdout)).toMatchObject({ project: 'web', environment: '', role: '', permissions: ['read', 'reveal'] });
    expect(await sql(fixture.platform.database.url, 'select permissions from grants where user_id = $1', [ids.dev])).toEqual([
      { permissions: ['read', 'reveal'] },
    ]);
  });

  it('nobody grants more than they hold (exit 5); usage errors are caught before anything is sent (exit 2)', async () => {
    const manager = await cliWith(['members:manage', 'read']);
    const above = await manager.run(['grants', 'set', 'mia@example.test', '--project', 'api', '--perm', 'read,purge']);
    expect(above.code).toBe(5);
    expect(oneLine(above.stderr)).toBe('coffer: the token lacks a permission for this: missing permission: purge (HTTP 403)');
    const both = await fixture.cli.run(['grants', 'set', 'mia@example.test', '--project', 'api', '--role', 'viewer', '--perm', 'read']);
    expect(both.code).toBe(2);
    expect(oneLine(both.stderr)).toBe('coffer: give exactly one of --role or --perm');
    const badId = await fixture.cli.run(['grants', 'remove', 'not-an-id']);
    expect(badId.code).toBe(2);
    const missing = await fixture.cli.run(['grants', 'set', 'mia@example.test', '--project', 'nowhere', '--role', 'viewer']);
    expect(missing.code).toBe(6);
    expect(oneLine(missing.stderr)).toMatch(/^coffer: .*project 'nowhere' not found.*\(HTTP 404\)$/);
  });

  it('needs an organisation: without one it says how to choose it (exit 2)', async () => {
    const bare = await scratch();
    const answer = await bare.run(['grants', 'list'], { env: { COFFER_API_URL: fixture.platform.baseUrl, COFFER_TOKEN: fixture.token } });
    expect(answer.code).toBe(2);
    expect(oneLine(answer.stderr)).toBe('coffer: no organisation selected: pass --org, or run coffer context set --org ...');
  });
});
