/**
 * `coffer projects` and `coffer envs` end to end, as an admin setting up a project would use them:
 * create and list projects and environments, protect an environment so that a `coffer secrets set`
 * there opens a change request instead of writing, and lift it again; a caller without
 * hierarchy:write, an unknown environment and bad slugs are refused with one clear line, changing nothing.
 */
import { describe, expect, it } from 'vitest';
import { expectOk, scopePath } from '@coffer/test-kit/api-assertions';
import { cliPlatform, oneLine } from './support.js';

const fx = cliPlatform();

async function json(args: string[], env?: Record<string, string>) {
  const result = await fx.cli.run([...args, '--json'], env ? { env } : {});
  expect(result.stderr, args.join(' ')).toBe('');
  expect(result.code, args.join(' ')).toBe(0);
  return JSON.parse(result.stdout);
}

const slugs = (rows: { slug: string }[]) => rows.map((row) => row.slug).sort();
const environments = async (project: string) => expectOk(await fx.api('GET', `/orgs/acme/projects/${project}/envs`)).environments;
const projects = async () => expectOk(await fx.api('GET', '/orgs/acme/projects')).projects;

describe('coffer projects', () => {
  it('create makes a project, named as asked or after its slug; list shows it as a table and as JSON', async () => {
    const created = await fx.cli.run(['projects', 'create', 'billing', '--name', 'Billing service']);
    expect([created.code, created.stderr, created.stdout]).toEqual([0, '', 'Created project billing (Billing service)\n']);
    expect(await json(['projects', 'create', 'search'])).toMatchObject({ slug: 'search', name: 'search', id: expect.any(String) });
    expect(slugs(await projects())).toEqual(expect.arrayContaining(['api', 'billing', 'search']));

    const listed = await fx.cli.run(['projects', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout.split('\n')[0]).toMatch(/^SLUG\s+NAME\s+CREATED$/);
    expect(listed.stdout).toMatch(/^billing\s+Billing service\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/m);
    const rows = await json(['projects', 'list']);
    expect(rows.find((row: { slug: string }) => row.slug === 'billing')).toMatchObject({ name: 'Billing service', createdAt: expect.any(String) });
  });
});

describe('coffer envs', () => {
  it('create and list work in --project, or in the context project without it', async () => {
    expectOk(await fx.api('POST', '/orgs/acme/projects', { body: { slug: 'shop' } }), 201);
    const created = await fx.cli.run(['envs', 'create', 'qa', '--project', 'shop', '--name', 'Quality']);
    expect([created.code, created.stderr, created.stdout]).toEqual([0, '', 'Created environment shop/qa (Quality)\n']);
    expect(await json(['envs', 'create', 'live', '--project', 'shop'])).toMatchObject({ slug: 'live', name: 'live', protected: false });
    expect(slugs(await environments('shop'))).toEqual(['live', 'qa']);

    const listed = await fx.cli.run(['envs', 'list', '--project', 'shop']);
    expect(listed.code).toBe(0);
    expect(listed.stdout.split('\n')[0]).toMatch(/^SLUG\s+NAME\s+PROTECTED\s+CREATED$/);
    expect(listed.stdout).toMatch(/^qa\s+Quality\s+\d{4}-\d\d-\d\d /m);
    expect(slugs(await json(['envs', 'list', '--project', 'shop']))).toEqual(['live', 'qa']);

    // The context (coffer context set --project api) picks the project when --project is absent.
    const created2 = await fx.cli.run(['envs', 'create', 'preview']);
    expect(created2.stdout).toBe('Created environment api/preview (preview)\n');
    expect(slugs(await json(['envs', 'list']))).toEqual(slugs(await environments('api')));
    expect(slugs(await environments('api'))).toContain('preview');
  });

  it('protect turns a set there into a change request, writing nothing; unprotect makes sets write again', async () => {
    expectOk(await fx.api('POST', '/orgs/acme/projects/api/envs', { body: { slug: 'review' } }), 201);
    const review = scopePath('acme', 'api', 'review');

    const protect = await fx.cli.run(['envs', 'protect', 'review']);
    expect(protect.code, protect.stderr).toBe(0);
    expect(protect.stdout).toBe(
      'Protected api/review: changes there now become change requests that another member with approve must approve ' +
        '(coffer approvals list --project api --env review)\n',
    );
    expect((await environments('api')).find((env: { slug: string }) => env.slug === 'review')).toMatchObject({ protected: true });
    const listed = await fx.cli.run(['envs', 'list']);
    expect(listed.stdout).toMatch(/^review\s+review\s+yes\s+/m);
    expect(listed.stdout).toMatch(/^production\s+\S+\s+\d{4}-/m);

    const requested = await fx.cli.run(['secrets', 'set', 'WEBHOOK_SECRET=first', '--env', 'review']);
    expect(requested.code, requested.stderr).toBe(0);
    expect(requested.stdout).toMatch(/^Change request [0-9a-f-]{36} opened: it needs approval by another member with approve/);
    expect((await fx.api('GET', `${review}/secrets/WEBHOOK_SECRET?reveal=true`)).status).toBe(404);

    const unprotect = await json(['envs', 'unprotect', 'review', '--project', 'api']);
    expect(unprotect).toMatchObject({ slug: 'review', protected: false });
    const again = await fx.cli.run(['envs', 'unprotect', 'review']);
    expect([again.code, again.stdout]).toEqual([0, 'Unprotected api/review: changes there are written directly again\n']);

    const written = await fx.cli.run(['secrets', 'set', 'WEBHOOK_SECRET=second', '--env', 'review']);
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout).not.toContain('Change request');
    expect(expectOk(await fx.api('GET', `${review}/secrets/WEBHOOK_SECRET?reveal=true`)).value).toBe('second');
  });

  it('a caller without hierarchy:write is refused with one line and changes nothing', async () => {
    const issued = expectOk(
      await fx.api('POST', '/orgs/acme/tokens', { body: { name: 'editor', project: 'api', permissions: ['read', 'create', 'update'] } }),
      201,
    );
    const asEditor = { COFFER_TOKEN: issued.token };
    const envsBefore = await environments('api');
    const projectsBefore = await projects();

    for (const args of [
      ['envs', 'protect', 'production'],
      ['envs', 'create', 'sneaky'],
      ['projects', 'create', 'sneaky'],
    ]) {
      const refused = await fx.cli.run(args, { env: asEditor });
      expect(refused.code, args.join(' ')).toBe(5);
      expect(oneLine(refused.stderr)).toMatch(/^coffer: .*permission/i);
      expect(refused.stdout).toBe('');
    }
    expect(await environments('api')).toEqual(envsBefore);
    expect(await projects()).toEqual(projectsBefore);
    // What it may do, it still does.
    expect(slugs(await json(['envs', 'list'], asEditor))).toEqual(slugs(envsBefore));
  });

  it.each([
    [['envs', 'protect', 'nowhere'], 6, /environment 'nowhere' not found/],
    [['envs', 'unprotect', 'production', '--project', 'nowhere'], 6, /project 'nowhere' not found/],
    [['envs', 'list', '--project', 'nowhere'], 6, /not found/],
    [['envs', 'create', 'production'], 7, /already exists/],
    [['projects', 'create', 'api'], 7, /already exists/],
    [['projects', 'create', 'with space'], 2, /invalid project slug: a slug must be/],
    [['projects', 'create', 'evil\u001b[2J\u001b]0;owned\u0007'], 2, /invalid project slug: a slug must be/],
    [['envs', 'create', 'Staging'], 2, /invalid environment slug: a slug must be/],
    [['envs', 'protect', '\u001b[31mproduction'], 2, /invalid environment: a slug must be/],
    [['envs', 'list', '--project', 'a b'], 2, /--project must be a slug/],
    [['projects', 'create', 'blank', '--name', ' '], 8, /'name'/],
  ])('%j exits %i with one line (%s), echoes no escape and changes nothing', async (args, code, message) => {
    const envsBefore = await environments('api');
    const projectsBefore = await projects();
    const result = await fx.cli.run(args);
    expect(result.code).toBe(code);
    expect(oneLine(result.stderr)).toMatch(message);
    expect(result.stderr).not.toContain('\u001b');
    expect(result.stdout).toBe('');
    expect(await environments('api')).toEqual(envsBefore);
    expect(await projects()).toEqual(projectsBefore);
  });
});
