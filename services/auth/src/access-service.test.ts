/**
 * Members, roles, grants and protected environments on a real PostgreSQL database, as the people
 * of an organisation (and one trying to climb above their station) meet them: nobody gives, changes
 * or takes away more than they hold, owners stay, and every change tells the other processes.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authorize, orgRevocationMessage, type Permission } from '@coffer/contract';
import { openDatabase, withTenant, type Database } from '@coffer/db';
import { connectAsOwner, createTestDatabase, type TestDatabase } from '@coffer/test-postgres';
import { createAccessService, type AccessService } from './access-service.js';
import { createAccessStore } from './access-store.js';
import { createAuthService, type AuthService, type Principal } from './auth-service.js';
import { createAuthStore } from './auth-store.js';
import { failure } from './auth-test-helpers.js';
import { createTokenService } from './token-service.js';
import { createTokenStore } from './token-store.js';

let testDb: TestDatabase;
let db: Database;
let owner: pg.Client;
let auth: AuthService;
let access: AccessService;
const store = createAccessStore();
/** What the service told the other processes to drop. */
const notices: string[] = [];

let orgId: string;
let adminToken: Principal;
const users: Record<string, string> = {};

/** A person of the organisation, with an organisation role; made as the database owner, as signup and invitation would. */
async function addMember(who: string, role: string): Promise<string> {
  const id = randomUUID();
  await owner.query(`insert into users (id, email, name, email_verified_at) values ($1, $2, $3, now())`, [id, `${who}@example.test`, who]);
  await owner.query(`insert into memberships (org_id, user_id, role) values ($1, $2, $3)`, [orgId, id, role]);
  users[who] = id;
  return id;
}

/** The principal a member's session gets now, exactly as Authenticate builds it (role and grants from the database). */
async function principalOf(who: string): Promise<Principal> {
  const userId = users[who]!;
  return withTenant(db.knex, orgId, async (trx) => {
    const membership = await trx('memberships').where({ org_id: orgId, user_id: userId }).first('role');
    return {
      tokenId: randomUUID(),
      orgId,
      orgSlug: 'acme',
      name: `${who}@example.test`,
      actorType: 'user',
      userId,
      allowedCidrs: [],
      expiresAt: '',
      permissions: membership ? await store.orgRolePermissions(trx, membership.role as string) : [],
      grants: await store.userGrants(trx, userId),
    };
  });
}

async function tokenWith(permissions: Permission[]): Promise<Principal> {
  const tokens = createTokenService({
    knex: db.knex,
    store: createTokenStore(),
    auth: createAuthStore(),
    access: store,
    onTokenRevoked: async () => undefined,
  });
  const issued = await tokens.createToken(adminToken, { name: `t-${randomUUID().slice(0, 8)}`, permissions });
  return auth.authenticate(issued.token);
}

const grantRows = async (who: string) => (await owner.query(`select * from grants where user_id = $1`, [users[who]])).rows;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({ databaseUrl: testDb.url, dataDir: '/nonexistent' });
  owner = await connectAsOwner(testDb.url);
  auth = createAuthService({ knex: db.knex, store: createAuthStore(), access: store, onTokenRevoked: async () => undefined });
  access = createAccessService({ knex: db.knex, store, onTokenRevoked: async (message) => void notices.push(message) });
  const booted = await auth.bootstrap({ orgSlug: 'acme', orgName: 'Acme', projectSlug: 'api', projectName: 'api' });
  orgId = booted.org.id;
  adminToken = await auth.authenticate(booted.token.token);
  const web = await auth.createProject(adminToken, { slug: 'web', name: 'web' });
  await auth.createEnvironment(adminToken, { projectSlug: web.slug, slug: 'production', name: 'production' });
  await addMember('olga', 'owner');
  await addMember('adam', 'admin');
  await addMember('mia', 'member');
  await addMember('lee', 'member');
  await addMember('dev', 'member');
  // A lead of project api: manages its grants, may read and reveal, but never purge.
  await access.createRole(adminToken, { name: 'lead', description: 'runs a project', permissions: ['members:manage', 'read', 'reveal'] });
  await access.putGrant(adminToken, { member: { userId: users.lee! }, project: 'api', gives: { role: 'lead' } });
});

beforeEach(() => {
  notices.length = 0;
});

afterAll(async () => {
  await owner?.end();
  await db?.close();
  await testDb?.drop();
});

describe('members', () => {
  it('are listed to any principal of the organisation, their addresses to members and managers of members only', async () => {
    const seenByMember = await access.listMembers(await principalOf('mia'));
    expect(seenByMember.map((member) => member.email)).toEqual(expect.arrayContaining(['olga@example.test', 'mia@example.test']));
    expect(seenByMember.find((member) => member.userId === users.olga)).toMatchObject({ role: 'owner', name: 'olga', breakGlass: false });
    const seenByReader = await access.listMembers(await tokenWith(['read']));
    expect(seenByReader).toHaveLength(seenByMember.length);
    expect(seenByReader.every((member) => member.email === '')).toBe(true);
    expect((await access.listMembers(await tokenWith(['members:manage']))).map((member) => member.email)).toContain('olga@example.test');
  });

  it('only an owner makes an owner; an admin cannot promote, demote or remove one', async () => {
    const adam = await principalOf('adam');
    expect((await failure(access.updateMember(adam, { userId: users.mia!, role: 'owner' }))).message).toBe('only an owner can make or unmake an owner');
    expect((await failure(access.updateMember(adam, { userId: users.olga!, role: 'member' }))).code).toBe('PERMISSION_DENIED');
    expect((await failure(access.removeMember(adam, users.olga!))).code).toBe('PERMISSION_DENIED');
    // Nor can the organisation's admin token, which is no person at all.
    expect((await failure(access.updateMember(adminToken, { userId: users.mia!, role: 'owner' }))).code).toBe('PERMISSION_DENIED');
    expect((await owner.query(`select role from memberships where user_id = $1`, [users.olga])).rows[0].role).toBe('owner');
    expect(notices).toEqual([]);
  });

  it('the last owner can never be demoted or removed, a second one can', async () => {
    const olga = await principalOf('olga');
    const last = await failure(access.updateMember(olga, { userId: users.olga!, role: 'admin' }));
    expect(last).toMatchObject({ code: 'FAILED_PRECONDITION', message: 'the last owner of the organisation cannot be demoted or removed' });
    expect((await failure(access.removeMember(olga, users.olga!))).code).toBe('FAILED_PRECONDITION');

    const second = await addMember('otto', 'member');
    expect(await access.updateMember(olga, { userId: second, role: 'owner' })).toMatchObject({ role: 'owner', email: 'otto@example.test' });
    expect(notices).toEqual([orgRevocationMessage(orgId)]);
    expect(await access.updateMember(olga, { userId: second, role: 'member' })).toMatchObject({ role: 'member' });
    expect(await access.removeMember(olga, second)).toBe(true);
  });

  it('a manager of members cannot change or remove one who holds more than they do', async () => {
    const manager = await tokenWith(['members:manage']);
    const refused = await failure(access.updateMember(manager, { userId: users.adam!, role: 'member' }));
    expect(refused).toMatchObject({ code: 'PERMISSION_DENIED', message: 'missing permission: admin' });
    expect((await failure(access.removeMember(manager, users.adam!))).code).toBe('PERMISSION_DENIED');
    expect((await failure(access.updateMember(manager, { userId: users.mia!, role: 'admin' }))).message).toBe('missing permission: admin');
    expect((await owner.query(`select role from memberships where user_id = $1`, [users.adam])).rows[0].role).toBe('admin');
  });

  it('an admin sets the break-glass flag', async () => {
    const updated = await access.updateMember(await principalOf('adam'), { userId: users.mia!, breakGlass: true });
    expect(updated).toMatchObject({ userId: users.mia, breakGlass: true, role: 'member' });
    expect((await owner.query(`select break_glass from memberships where user_id = $1`, [users.mia])).rows[0].break_glass).toBe(true);
  });

  it('removing a member drops every grant they held, and a stranger is not found', async () => {
    const gone = await addMember('gone', 'member');
    await access.putGrant(adminToken, { member: { userId: gone }, project: 'api', gives: { role: 'viewer' } });
    expect(await grantRows('gone')).toHaveLength(1);
    expect(await access.removeMember(adminToken, gone)).toBe(true);
    expect(await grantRows('gone')).toEqual([]);
    expect((await failure(access.removeMember(adminToken, gone))).message).toBe(`member '${gone}' not found`);
  });
});

describe('roles', () => {
  it('lists the built-in roles of both scopes and the custom ones', async () => {
    const roles = await access.listRoles(await principalOf('mia'));
    const names = roles.map((role) => `${role.scope}:${role.name}:${role.builtin}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'org:owner:true',
        'org:admin:true',
        'org:member:true',
        'project:admin:true',
        'project:developer:true',
        'project:viewer:true',
        'project:lead:false',
      ]),
    );
    expect((await access.listRoles(adminToken, 'project')).every((role) => role.scope === 'project')).toBe(true);
    expect(roles.find((role) => role.name === 'viewer')?.permissions).toEqual(['read']);
  });

  it('a built-in name or a taken one is refused', async () => {
    for (const name of ['admin', 'owner', 'viewer', 'lead']) {
      expect((await failure(access.createRole(adminToken, { name, description: '', permissions: ['read'] }))).code).toBe('ALREADY_EXISTS');
    }
    expect((await failure(access.updateRole(adminToken, { name: 'developer', permissions: ['read'] }))).code).toBe('PERMISSION_DENIED');
    expect((await failure(access.deleteRole(adminToken, 'viewer'))).code).toBe('PERMISSION_DENIED');
  });

  it('a role above the caller cannot be edited or deleted by them', async () => {
    await access.createRole(adminToken, { name: 'ops', description: '', permissions: ['read', 'purge'] });
    const manager = await tokenWith(['members:manage', 'read']);
    expect((await failure(access.updateRole(manager, { name: 'ops', permissions: ['read'] }))).message).toBe('missing permission: purge');
    expect((await failure(access.deleteRole(manager, 'ops'))).message).toBe('missing permission: purge');
    const updated = await access.updateRole(adminToken, { name: 'ops', description: 'operations', permissions: ['read', 'delete'] });
    expect(updated).toMatchObject({ name: 'ops', description: 'operations', permissions: ['read', 'delete'], builtin: false });
    expect(notices).toContain(orgRevocationMessage(orgId));
  });

  it('a role in use cannot be deleted: the answer says by how many grants', async () => {
    await access.createRole(adminToken, { name: 'auditor', description: '', permissions: ['read'] });
    await access.putGrant(adminToken, { member: { userId: users.dev! }, project: 'web', gives: { role: 'auditor' } });
    await access.putGrant(adminToken, { member: { userId: users.mia! }, project: 'web', environment: 'production', gives: { role: 'auditor' } });
    const refused = await failure(access.deleteRole(adminToken, 'auditor'));
    expect(refused).toMatchObject({ code: 'ABORTED', message: "role 'auditor' is used by 2 grants: change or delete them first" });
    expect((await owner.query(`select 1 from roles where name = 'auditor'`)).rows).toHaveLength(1);
  });

  it('a grant of a custom role follows the role when it changes', async () => {
    await access.createRole(adminToken, { name: 'tester', description: '', permissions: ['read'] });
    const tester = await addMember('tess', 'member');
    await access.putGrant(adminToken, { member: { userId: tester }, project: 'web', gives: { role: 'tester' } });
    const before = await principalOf('tess');
    expect(() => authorize(before, ['reveal'], { orgId, project: 'web', environment: 'production' })).toThrow('missing permission: reveal');
    await access.updateRole(adminToken, { name: 'tester', permissions: ['read', 'reveal'] });
    authorize(await principalOf('tess'), ['reveal'], { orgId, project: 'web', environment: 'production' });
  });
});

describe('grants', () => {
  it('a project lead grants what they hold on their project, and it takes effect', async () => {
    const lee = await principalOf('lee');
    const grant = await access.putGrant(lee, { member: { email: 'MIA@example.test' }, project: 'api', environment: 'staging', gives: { role: 'viewer' } });
    expect(grant).toMatchObject({
      userId: users.mia,
      email: 'mia@example.test',
      project: 'api',
      environment: 'staging',
      role: 'viewer',
      permissions: ['read'],
      createdBy: users.lee,
    });
    expect(notices).toEqual([orgRevocationMessage(orgId)]);
    const mia = await principalOf('mia');
    authorize(mia, ['read'], { orgId, project: 'api', environment: 'staging' });
    expect(() => authorize(mia, ['reveal'], { orgId, project: 'api', environment: 'staging' })).toThrow('missing permission: reveal');
    expect(() => authorize(mia, ['read'], { orgId, project: 'api', environment: 'production' })).toThrow("environment 'production' not found in project 'api'");
  });

  it('nobody grants more than they hold: a lead without purge cannot give it, by permission or by role', async () => {
    const lee = await principalOf('lee');
    const direct = await failure(access.putGrant(lee, { member: { userId: users.dev! }, project: 'api', gives: { permissions: ['read', 'purge'] } }));
    expect(direct).toMatchObject({ code: 'PERMISSION_DENIED', message: 'missing permission: purge' });
    const byRole = await failure(
      access.putGrant(lee, { member: { userId: users.dev! }, project: 'api', environment: 'development', gives: { role: 'admin' } }),
    );
    expect(byRole.code).toBe('PERMISSION_DENIED');
    expect((await grantRows('dev')).filter((row) => row.created_by === users.lee)).toEqual([]);
  });

  it('a lead of one project cannot see another: granting there answers 404 as for a missing project', async () => {
    const lee = await principalOf('lee');
    const elsewhere = await failure(access.putGrant(lee, { member: { userId: users.dev! }, project: 'web', gives: { role: 'viewer' } }));
    const missing = await failure(access.putGrant(adminToken, { member: { userId: users.dev! }, project: 'nowhere', gives: { role: 'viewer' } }));
    expect(elsewhere.code).toBe('NOT_FOUND');
    expect(missing).toMatchObject({ code: 'NOT_FOUND', message: "project 'nowhere' not found" });
    expect(
      (await failure(access.putGrant(adminToken, { member: { userId: users.dev! }, project: 'api', environment: 'qa', gives: { role: 'viewer' } }))).message,
    ).toBe("environment 'qa' not found in project 'api'");
    // Its grants are neither listed nor deletable by the lead.
    const [webGrant] = await access.listGrants(adminToken, { project: 'web', userId: users.dev! });
    expect(webGrant).toBeDefined();
    expect((await access.listGrants(lee, {})).every((grant) => grant.project === 'api')).toBe(true);
    expect((await failure(access.deleteGrant(lee, webGrant!.id))).message).toBe(`grant '${webGrant!.id}' not found`);
  });

  it('nobody changes their own grants, and a grant names a member of the organisation', async () => {
    const lee = await principalOf('lee');
    const self = await failure(access.putGrant(lee, { member: { userId: users.lee! }, project: 'api', gives: { permissions: ['read'] } }));
    expect(self).toMatchObject({ code: 'PERMISSION_DENIED', message: 'nobody can change their own grants' });
    const own = (await grantRows('lee'))[0]!;
    expect((await failure(access.deleteGrant(lee, own.id as string))).code).toBe('PERMISSION_DENIED');
    const stranger = await failure(access.putGrant(adminToken, { member: { email: 'nobody@example.test' }, project: 'api', gives: { role: 'viewer' } }));
    expect(stranger).toMatchObject({ code: 'NOT_FOUND', message: "member 'nobody@example.test' not found" });
  });

  it('one grant per member and place: putting again replaces it, and replacing a stronger one needs what it gave', async () => {
    const first = await access.putGrant(adminToken, { member: { userId: users.dev! }, project: 'api', gives: { permissions: ['read', 'purge'] } });
    const lee = await principalOf('lee');
    expect((await failure(access.putGrant(lee, { member: { userId: users.dev! }, project: 'api', gives: { role: 'viewer' } }))).message).toBe(
      'missing permission: purge',
    );
    expect((await failure(access.deleteGrant(lee, first.id))).message).toBe('missing permission: purge');
    const replaced = await access.putGrant(adminToken, { member: { userId: users.dev! }, project: 'api', gives: { role: 'developer' } });
    expect(replaced).toMatchObject({ id: first.id, role: 'developer' });
    expect(await access.listGrants(adminToken, { project: 'api', userId: users.dev! })).toHaveLength(1);
    expect(await access.deleteGrant(lee, replaced.id).catch((err: Error) => err.message)).toBe('missing permission: export, create, update, delete');
    const viewer = await access.putGrant(adminToken, { member: { userId: users.dev! }, project: 'api', gives: { role: 'viewer' } });
    expect(await access.deleteGrant(lee, viewer.id)).toBe(true);
    expect((await access.listGrants(adminToken, { project: 'api', userId: users.dev! })).map((grant) => grant.id)).not.toContain(viewer.id);
  });
});

describe('protected environments', () => {
  it('are set and lifted, and the change tells the other processes', async () => {
    const protectedEnv = await access.updateEnvironment(adminToken, { projectSlug: 'api', slug: 'production', protected: true });
    expect(protectedEnv).toMatchObject({ slug: 'production', protected: true });
    expect(notices).toEqual([orgRevocationMessage(orgId)]);
    expect((await auth.listEnvironments(adminToken, 'api')).find((env) => env.slug === 'production')?.protected).toBe(true);
    expect((await access.updateEnvironment(adminToken, { projectSlug: 'api', slug: 'production', protected: false })).protected).toBe(false);
    expect((await failure(access.updateEnvironment(adminToken, { projectSlug: 'api', slug: 'qa', protected: true }))).code).toBe('NOT_FOUND');
  });
});
