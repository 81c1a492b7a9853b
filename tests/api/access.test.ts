/**
 * Who may do what, where, through the REST API: members, roles, grants and protected environments
 * as people signed in to an organisation use them, and as one of them trying to climb above what
 * they hold sees it. Every grant change takes effect on the very next request through the gateway.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectOk, scopePath, sql, waitForAudit } from '@coffer/test-kit/api-assertions';
import { apiClient, startTestPlatform, type Api, type TestPlatform } from '@coffer/test-kit/platform';
import { invitePerson, signIn, TEST_PASSWORD as PASSWORD } from '@coffer/test-kit/people';
import { startSmtpServer, type TestSmtpServer } from '@coffer/test-kit/smtp';

const OWNER = 'owner@example.test';

let smtp: TestSmtpServer;
let platform: TestPlatform;
/** The organisation's admin API token. */
let admin: Api;
let owner: Api;
const ids: Record<string, string> = {};
const sessions: Record<string, Api> = {};

async function logIn(email: string): Promise<Api> {
  return apiClient(platform.baseUrl, await signIn(platform.baseUrl, email));
}

/** A member of acme by invitation, signed in. */
async function member(who: string): Promise<Api> {
  const person = await invitePerson({ baseUrl: platform.baseUrl, smtp, inviter: admin, org: 'acme', email: `${who}@example.test`, name: who });
  ids[who] = person.userId;
  sessions[who] = person.api;
  return person.api;
}

const grantsOf = (userId: string) => sql<{ id: string }>(platform.database.url, 'select id from grants where user_id = $1', [userId]);

beforeAll(async () => {
  smtp = await startSmtpServer();
  platform = await startTestPlatform({ env: { COFFER_SMTP_URL: smtp.url, COFFER_PUBLIC_URL: 'http://coffer.example.test' } });
  const booted = expectOk(
    await apiClient(platform.baseUrl)('POST', '/bootstrap', { body: { org: 'acme', project: 'api', owner: { email: OWNER, password: PASSWORD } } }),
    201,
  );
  ids.owner = booted.owner.id as string;
  admin = apiClient(platform.baseUrl, booted.token.token as string);
  owner = await logIn(OWNER);
  expectOk(await admin('POST', '/orgs/acme/projects', { body: { slug: 'web' } }), 201);
  expectOk(await admin('POST', '/orgs/acme/projects/web/envs', { body: { slug: 'production' } }), 201);
  for (const env of ['staging', 'production']) {
    expectOk(await admin('POST', `${scopePath('acme', 'api', env)}/secrets/DATABASE_URL`, { body: { value: `postgres://${env}` } }), 201);
  }
  expectOk(await admin('POST', `${scopePath('acme', 'web', 'production')}/secrets/WEB_KEY`, { body: { value: 'web' } }), 201);
  for (const who of ['lee', 'mia', 'dev']) await member(who);
  // A lead of project api: manages its grants, reads and reveals, never purges.
  expectOk(await admin('POST', '/orgs/acme/roles', { body: { name: 'lead', permissions: ['members:manage', 'read', 'reveal'] } }), 201);
  expectOk(await admin('PUT', '/orgs/acme/grants', { body: { email: 'lee@example.test', project: 'api', role: 'lead' } }));
}, 60_000);

afterAll(async () => {
  await platform?.stop();
  await smtp?.close();
});

describe('members', () => {
  it('are listed to every member with their role; a token without members:manage sees no addresses', async () => {
    const { members } = expectOk(await sessions.mia!('GET', '/orgs/acme/members'));
    expect(members.map((m: { email: string }) => m.email).sort()).toEqual(['dev@example.test', 'lee@example.test', 'mia@example.test', OWNER]);
    expect(members.find((m: { userId: string }) => m.userId === ids.owner)).toMatchObject({ role: 'owner', breakGlass: false });
    const reader = expectOk(await admin('POST', '/orgs/acme/tokens', { body: { name: 'reader', permissions: ['read'] } }), 201);
    const listed = expectOk(await apiClient(platform.baseUrl, reader.token)('GET', '/orgs/acme/members')).members;
    expect(listed.map((m: { email: string }) => m.email)).toEqual(['', '', '', '']);
  });

  it('the last owner cannot be demoted; only an owner makes an owner; the changes are audited', async () => {
    const last = await owner('PATCH', `/orgs/acme/members/${ids.owner}`, { body: { role: 'admin' }, headers: { 'x-request-id': 'demote-last-owner' } });
    expect(expectError(last, 400)).toBe('FAILED_PRECONDITION');
    expect(last.body.message).toBe('the last owner of the organisation cannot be demoted or removed');
    expectError(await admin('PATCH', `/orgs/acme/members/${ids.dev}`, { body: { role: 'owner' } }), 403);
    const promoted = expectOk(await owner('PATCH', `/orgs/acme/members/${ids.dev}`, { body: { role: 'admin' }, headers: { 'x-request-id': 'promote-dev' } }));
    expect(promoted).toMatchObject({ userId: ids.dev, role: 'admin' });
    // The new admin acts as one from the next request on.
    expectOk(await sessions.dev!('POST', '/orgs/acme/projects', { body: { slug: 'scratch' } }), 201);
    expectOk(await owner('PATCH', `/orgs/acme/members/${ids.dev}`, { body: { role: 'member' } }));
    expectError(await sessions.dev!('POST', '/orgs/acme/projects', { body: { slug: 'scratch-2' } }), 403);
    const trail = await waitForAudit(admin, 'acme', ['demote-last-owner', 'promote-dev']);
    expect(trail.find((event) => event.requestId === 'promote-dev')).toMatchObject({
      action: 'member.update',
      outcome: 'success',
      resource: `orgs/acme/members/${ids.dev}`,
    });
    expect(trail.find((event) => event.requestId === 'demote-last-owner')).toMatchObject({ action: 'member.update', outcome: 'failure' });
  });

  it('only an admin names who may open break-glass access', async () => {
    const created = expectOk(await admin('POST', '/orgs/acme/tokens', { body: { name: 'member-manager', permissions: ['members:manage'] } }), 201);
    const refused = await apiClient(platform.baseUrl, created.token)('PATCH', `/orgs/acme/members/${ids.lee}`, { body: { breakGlass: true } });
    expectError(refused, 403);
    expect(refused.body.message).toBe('missing permission: admin');
    expect(expectOk(await admin('PATCH', `/orgs/acme/members/${ids.lee}`, { body: { breakGlass: true } }))).toMatchObject({
      userId: ids.lee,
      breakGlass: true,
    });
    expectOk(await admin('PATCH', `/orgs/acme/members/${ids.lee}`, { body: { breakGlass: false } }));
  });

  it('refuses bad input, changing nothing', async () => {
    expectError(await admin('PATCH', `/orgs/acme/members/${ids.mia}`, { body: { role: 'emperor' } }), 400, 'role');
    expectError(await admin('PATCH', `/orgs/acme/members/${ids.mia}`, { body: {} }), 400, 'role');
    expectError(await admin('PATCH', '/orgs/acme/members/not-an-id', { body: { role: 'member' } }), 400, 'userId');
    expect((await sql<{ role: string }>(platform.database.url, 'select role from memberships where user_id = $1', [ids.mia]))[0]!.role).toBe('member');
  });
});

describe('roles', () => {
  it('lists built-in and custom roles; a built-in name is taken', async () => {
    const { roles } = expectOk(await sessions.mia!('GET', '/orgs/acme/roles?scope=project'));
    expect(roles.map((role: { name: string }) => role.name)).toEqual(['admin', 'developer', 'viewer', 'lead']);
    expectError(await admin('POST', '/orgs/acme/roles', { body: { name: 'viewer', permissions: ['read'] } }), 409);
    expectError(await admin('POST', '/orgs/acme/roles', { body: { name: 'boss', permissions: ['admin'] } }), 400, 'permissions');
  });

  it('nobody makes or edits a role above themselves, and a role in use is not deleted', async () => {
    const created = expectOk(await admin('POST', '/orgs/acme/tokens', { body: { name: 'people', permissions: ['members:manage', 'read'] } }), 201);
    const people = apiClient(platform.baseUrl, created.token);
    const above = await people('POST', '/orgs/acme/roles', { body: { name: 'cleaner', permissions: ['read', 'purge'] } });
    expectError(above, 403);
    expect(above.body.message).toBe('missing permission: purge');
    expectOk(await people('POST', '/orgs/acme/roles', { body: { name: 'reader', permissions: ['read'] } }), 201);
    expectError(await people('PATCH', '/orgs/acme/roles/reader', { body: { permissions: ['read', 'purge'] } }), 403);
    // The lead role holds reveal, which this token does not: not its to edit.
    expect((await people('PATCH', '/orgs/acme/roles/lead', { body: { permissions: ['read'] } })).body.message).toBe('missing permission: reveal');
    const inUse = await admin('DELETE', '/orgs/acme/roles/lead');
    expect(expectError(inUse, 409)).toBe('ABORTED');
    expect(inUse.body.message).toBe("role 'lead' is used by 1 grant: change or delete them first");
    expectOk(await people('DELETE', '/orgs/acme/roles/reader'));
  });
});

describe('grants', () => {
  it('a viewer of staging sees its keys, never their values, and nothing of production or another project', async () => {
    const granted = expectOk(
      await sessions.lee!('PUT', '/orgs/acme/grants', { body: { email: 'mia@example.test', project: 'api', environment: 'staging', role: 'viewer' } }),
    );
    expect(granted).toMatchObject({ userId: ids.mia, project: 'api', environment: 'staging', role: 'viewer', permissions: ['read'] });
    const mia = sessions.mia!;
    const { secrets } = expectOk(await mia('GET', `${scopePath('acme', 'api', 'staging')}/secrets`));
    expect(secrets.map((secret: { key: string }) => secret.key)).toEqual(['DATABASE_URL']);
    expect((await mia('GET', `${scopePath('acme', 'api', 'staging')}/secrets/DATABASE_URL?reveal=true`)).status).toBe(403);
    const production = await mia('GET', `${scopePath('acme', 'api', 'production')}/secrets`);
    expectError(production, 404);
    expect(production.body.message).toBe("environment 'production' not found in project 'api'");
    const web = await mia('GET', `${scopePath('acme', 'web', 'production')}/secrets`);
    expectError(web, 404);
    expect(web.body.message).toBe("project 'web' not found");
    expect(expectOk(await mia('GET', '/orgs/acme/projects')).projects.map((p: { slug: string }) => p.slug)).toEqual(['api']);
  });

  it('a grant change takes effect on the next request through the same gateway', async () => {
    const mia = sessions.mia!;
    const staging = `${scopePath('acme', 'api', 'staging')}/secrets/DATABASE_URL?reveal=true`;
    expect((await mia('GET', staging)).status).toBe(403);
    const developer = expectOk(await admin('PUT', '/orgs/acme/grants', { body: { user: ids.mia, project: 'api', environment: 'staging', role: 'developer' } }));
    expect(expectOk(await mia('GET', staging)).value).toBe('postgres://staging');
    expectOk(await admin('DELETE', `/orgs/acme/grants/${developer.id}`));
    expectError(await mia('GET', staging), 404);
    expectOk(await admin('PUT', '/orgs/acme/grants', { body: { user: ids.mia, project: 'api', environment: 'staging', role: 'viewer' } }));
  });

  it('nobody grants more than they hold: a lead without purge cannot give it', async () => {
    const before = await grantsOf(ids.dev!);
    const refused = await sessions.lee!('PUT', '/orgs/acme/grants', {
      body: { user: ids.dev, project: 'api', permissions: ['read', 'purge'] },
      headers: { 'x-request-id': 'grant-purge' },
    });
    expectError(refused, 403);
    expect(refused.body.message).toBe('missing permission: purge');
    expectError(await sessions.lee!('PUT', '/orgs/acme/grants', { body: { user: ids.dev, project: 'api', role: 'admin' } }), 403);
    expect(await grantsOf(ids.dev!)).toEqual(before);
    const trail = await waitForAudit(admin, 'acme', ['grant-purge']);
    expect(trail.find((event) => event.requestId === 'grant-purge')).toMatchObject({
      action: 'grant.put',
      outcome: 'denied',
      resource: 'orgs/acme/projects/api/grants',
    });
  });

  it('a lead of one project granting on another is told it does not exist', async () => {
    const elsewhere = await sessions.lee!('PUT', '/orgs/acme/grants', { body: { user: ids.dev, project: 'web', role: 'viewer' } });
    const missing = await admin('PUT', '/orgs/acme/grants', { body: { user: ids.dev, project: 'nowhere', role: 'viewer' } });
    expectError(elsewhere, 404);
    expectError(missing, 404);
    expect(elsewhere.body.message).toBe(missing.body.message.replace('nowhere', 'web'));
    // Nor does it see that project's grants.
    expectOk(await admin('PUT', '/orgs/acme/grants', { body: { user: ids.dev, project: 'web', role: 'viewer' } }));
    const { grants } = expectOk(await sessions.lee!('GET', '/orgs/acme/grants'));
    expect(grants.map((grant: { project: string }) => grant.project)).not.toContain('web');
    expectError(await sessions.lee!('GET', '/orgs/acme/grants?project=web'), 404);
    expect(expectOk(await admin('GET', '/orgs/acme/grants?project=web')).grants).toHaveLength(1);
  });

  it('nobody changes their own grants', async () => {
    const self = await sessions.lee!('PUT', '/orgs/acme/grants', { body: { user: ids.lee, project: 'api', role: 'admin' } });
    expectError(self, 403);
    expect(self.body.message).toBe('nobody can change their own grants');
    const [own] = await grantsOf(ids.lee!);
    expectError(await sessions.lee!('DELETE', `/orgs/acme/grants/${own!.id}`), 403);
  });

  it('refuses bad input: both a role and permissions, neither member, unknown fields', async () => {
    expectError(await admin('PUT', '/orgs/acme/grants', { body: { user: ids.dev, project: 'api', role: 'viewer', permissions: ['read'] } }), 400, 'role');
    expectError(await admin('PUT', '/orgs/acme/grants', { body: { project: 'api', role: 'viewer' } }), 400, 'user');
    expectError(await admin('PUT', '/orgs/acme/grants', { body: { user: ids.dev, project: 'api', role: 'viewer', admin: true } }), 400, 'admin');
    expectError(await admin('PUT', '/orgs/acme/grants', { body: { email: 'stranger@example.test', project: 'api', role: 'viewer' } }), 404);
  });
});

describe('removing a member', () => {
  it('drops their grants and their access from the next request on', async () => {
    const mia = sessions.mia!;
    expect((await mia('GET', `${scopePath('acme', 'api', 'staging')}/secrets`)).status).toBe(200);
    expectOk(await admin('DELETE', `/orgs/acme/members/${ids.mia}`));
    expect(await grantsOf(ids.mia!)).toEqual([]);
    expectError(await mia('GET', `${scopePath('acme', 'api', 'staging')}/secrets`), 404);
  });
});

describe('protected environments', () => {
  it('are set by those who may write the hierarchy, and shown on the environment', async () => {
    const updated = expectOk(await admin('PATCH', '/orgs/acme/projects/api/envs/production', { body: { protected: true } }));
    expect(updated).toMatchObject({ slug: 'production', protected: true });
    const { environments } = expectOk(await admin('GET', '/orgs/acme/projects/api/envs'));
    expect(environments.find((env: { slug: string }) => env.slug === 'production')).toMatchObject({ protected: true });
    const lead = await sessions.lee!('PATCH', '/orgs/acme/projects/api/envs/staging', { body: { protected: true } });
    expectError(lead, 403);
    expect(lead.body.message).toBe('missing permission: hierarchy:write');
    expectError(await sessions.lee!('PATCH', '/orgs/acme/projects/web/envs/production', { body: { protected: true } }), 404);
    expectError(await admin('PATCH', '/orgs/acme/projects/api/envs/staging', { body: {} }), 400, 'protected');
    expect((await sql<{ protected: boolean }>(platform.database.url, `select protected from environments where slug = 'staging'`))[0]!.protected).toBe(false);
  });
});
