/**
 * Service accounts and their scoped tokens on a real PostgreSQL database, as the people who manage
 * tokens (and one trying to climb above what they hold) meet them: a scoped token acts only where
 * it was scoped, least privilege by default, nobody issues, rotates or revokes a token stronger
 * than themselves, and every end of a token reaches the other processes.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@coffer/db';
import { connectAsOwner, createTestDatabase, type TestDatabase } from '@coffer/test-postgres';
import { createAccessStore } from './access-store.js';
import { createAuthService, type AuthService, type Principal } from './auth-service.js';
import { createAuthStore } from './auth-store.js';
import { failure } from './auth-test-helpers.js';
import { accountNameFor, createTokenService, type TokenInput, type TokenService } from './token-service.js';
import { createTokenStore } from './token-store.js';

let testDb: TestDatabase;
let db: Database;
let owner: pg.Client;
let auth: AuthService;
let tokens: TokenService;
/** Token ids the service told the other processes to forget. */
const notices: string[] = [];
let admin: Principal;
let adminTokenId: string;
/** An organisation-wide token holding `tokens:manage` and `read` only. */
let manager: Principal;

function tokenServiceAt(now: () => number): TokenService {
  const store = createAuthStore();
  return createTokenService({
    knex: db.knex,
    store: createTokenStore(),
    auth: store,
    access: createAccessStore(),
    onTokenRevoked: async (id) => void notices.push(id),
    now,
  });
}

async function issue(by: Principal, input: Partial<TokenInput> & { name?: string }) {
  return tokens.createToken(by, { name: `t-${Math.random().toString(36).slice(2, 8)}`, permissions: ['read'], ...input });
}

const tokenCount = async () => Number((await owner.query('select count(*)::int as n from api_tokens')).rows[0].n);

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({ databaseUrl: testDb.url, dataDir: '/nonexistent' });
  owner = await connectAsOwner(testDb.url);
  auth = createAuthService({ knex: db.knex, store: createAuthStore(), access: createAccessStore(), onTokenRevoked: async () => undefined });
  tokens = tokenServiceAt(Date.now);
  const booted = await auth.bootstrap({ orgSlug: 'acme', orgName: 'Acme', projectSlug: 'api', projectName: 'api' });
  adminTokenId = booted.token.id;
  admin = await auth.authenticate(booted.token.token);
  await auth.createProject(admin, { slug: 'web', name: 'web' });
  await auth.createEnvironment(admin, { projectSlug: 'web', slug: 'production', name: 'production' });
  manager = await auth.authenticate((await issue(admin, { name: 'manager', permissions: ['tokens:manage', 'read'] })).token);
});

afterAll(async () => {
  await owner?.end();
  await db?.close();
  await testDb?.drop();
});

describe('creating a token', () => {
  it('scoped to a project and environments acts there only, for a service account named after it', async () => {
    const issued = await tokens.createToken(admin, { name: 'CI Deploy!', project: 'api', environments: ['staging'], permissions: ['read'] });
    expect(issued).toMatchObject({ serviceAccount: 'ci-deploy', project: 'api', environments: ['staging'], permissions: ['read'], expiresAt: '' });
    const scoped = await tokens.createToken(admin, {
      name: 'ci-read',
      project: 'api',
      environments: ['staging', 'production'],
      permissions: ['read', 'reveal', 'export'],
    });
    const principal = await auth.authenticate(scoped.token);
    // Nothing organisation-wide: a grant on its environments only.
    expect(principal.permissions).toEqual([]);
    expect(principal.grants).toEqual([
      { project: 'api', environments: ['production', 'staging'], permissions: ['read', 'reveal', 'export'], breakGlassId: '' },
    ]);
    const row = (await owner.query('select created_by, service_account_id from api_tokens where id = $1', [scoped.id])).rows[0];
    expect(row.created_by).toBe(adminTokenId);
    expect(row.service_account_id).not.toBeNull();
  });

  it('names environments of another project, or none, NOT_FOUND as a missing one, and issues nothing', async () => {
    const before = await tokenCount();
    const wrongProject = await failure(tokens.createToken(admin, { name: 'x', project: 'web', environments: ['staging'], permissions: ['read'] }));
    expect([wrongProject.code, wrongProject.message]).toEqual(['NOT_FOUND', "environment 'staging' not found in project 'web'"]);
    const noProject = await failure(tokens.createToken(admin, { name: 'x', project: 'ghost', permissions: ['read'] }));
    expect([noProject.code, noProject.message]).toEqual(['NOT_FOUND', "project 'ghost' not found"]);
    expect(await tokenCount()).toBe(before);
  });

  it('with tokens:manage and read, a scoped read token is issued; one with reveal is PERMISSION_DENIED naming reveal, and nothing is issued', async () => {
    const narrow = await tokens.createToken(manager, { name: 'narrow', project: 'api', environments: ['staging'], permissions: ['read'] });
    expect(narrow.permissions).toEqual(['read']);
    const before = await tokenCount();
    const refused = await failure(tokens.createToken(manager, { name: 'wide', project: 'api', environments: ['staging'], permissions: ['read', 'reveal'] }));
    expect([refused.code, refused.message]).toEqual(['PERMISSION_DENIED', 'missing permission: reveal']);
    expect(await tokenCount()).toBe(before);
  });

  it('expires: once its time has passed it is refused like a revoked token', async () => {
    const issued = await tokenServiceAt(() => Date.now() - 120_000).createToken(admin, {
      name: 'short',
      project: 'api',
      permissions: ['read'],
      expiresInSeconds: 60,
    });
    expect(Date.parse(issued.expiresAt)).toBeLessThan(Date.now());
    expect((await failure(auth.authenticate(issued.token))).code).toBe('UNAUTHENTICATED');
    const lasting = await issue(admin, { project: 'api', expiresInSeconds: 3600 });
    expect((await auth.authenticate(lasting.token)).expiresAt).toBe(lasting.expiresAt);
  });

  it('with an allow-list works only from inside it, and the list shows where and when it was last used', async () => {
    const issued = await issue(admin, { project: 'api', allowedCidrs: ['10.0.0.0/8'] });
    expect((await failure(auth.authenticate(issued.token, '127.0.0.1'))).code).toBe('UNAUTHENTICATED');
    expect((await failure(auth.authenticate(issued.token, ''))).code).toBe('UNAUTHENTICATED');
    await auth.authenticate(issued.token, '10.1.2.3');
    const listed = (await tokens.listTokens(admin, false)).find((token) => token.id === issued.id)!;
    expect(listed).toMatchObject({ allowedCidrs: ['10.0.0.0/8'], lastUsedIp: '10.1.2.3' });
    expect(Date.now() - Date.parse(listed.lastUsedAt)).toBeLessThan(60_000);
  });
});

describe('listing tokens', () => {
  it('shows scope, account, creator and state, never the token or its hash; revoked ones only when asked', async () => {
    const issued = await issue(admin, { name: 'listed', serviceAccount: 'listing', project: 'api', environments: ['development'] });
    await tokens.revokeToken(admin, (await issue(admin, { name: 'gone' })).id);
    const listed = await tokens.listTokens(admin, false);
    const mine = listed.find((token) => token.id === issued.id)!;
    expect(mine).toMatchObject({
      name: 'listed',
      serviceAccount: 'listing',
      project: 'api',
      environments: ['development'],
      permissions: ['read'],
      createdBy: adminTokenId,
      revokedAt: '',
    });
    expect(JSON.stringify(listed)).not.toContain(issued.token);
    expect(Object.keys(mine)).not.toContain('tokenHash');
    expect(listed.some((token) => token.name === 'gone')).toBe(false);
    expect((await tokens.listTokens(admin, true)).find((token) => token.name === 'gone')?.revokedAt).not.toBe('');
    // The bootstrap's organisation-wide admin token is listed too, unscoped.
    expect(listed.find((token) => token.id === adminTokenId)).toMatchObject({ project: '', permissions: ['admin'] });
  });

  it("shows another organisation none of acme's tokens, and cannot revoke one: NOT_FOUND, it keeps working", async () => {
    const other = await auth.createOrg(admin, { slug: 'globex', name: 'globex' });
    const globexAdmin = await auth.authenticate(other.token!.token);
    const victim = await issue(admin, { project: 'api' });
    expect((await tokens.listTokens(globexAdmin, true)).map((token) => token.id)).toEqual([other.token!.id]);
    expect((await failure(tokens.revokeToken(globexAdmin, victim.id))).code).toBe('NOT_FOUND');
    expect((await failure(tokens.rotateToken(globexAdmin, victim.id, 0))).code).toBe('NOT_FOUND');
    expect((await auth.authenticate(victim.token)).tokenId).toBe(victim.id);
  });
});

describe('rotating a token', () => {
  it('issues a new id with the same scope; with no overlap the old one ends at once and the processes are told', async () => {
    const old = await issue(admin, {
      project: 'api',
      environments: ['staging'],
      permissions: ['read', 'export'],
      allowedCidrs: ['10.0.0.0/8'],
      expiresInSeconds: 3600,
    });
    const before = notices.length;
    const fresh = await tokens.rotateToken(admin, old.id, 0);
    expect(fresh.id).not.toBe(old.id);
    expect(fresh).toMatchObject({ name: old.name, project: 'api', environments: ['staging'], permissions: ['read', 'export'], allowedCidrs: ['10.0.0.0/8'] });
    // The same lifetime, from now.
    expect(Math.abs(Date.parse(fresh.expiresAt) - Date.now() - 3_600_000)).toBeLessThan(60_000);
    expect(notices.slice(before)).toEqual([old.id]);
    expect((await failure(auth.authenticate(old.token, '10.0.0.1'))).code).toBe('UNAUTHENTICATED');
    expect((await auth.authenticate(fresh.token, '10.0.0.1')).grants).toEqual([
      { project: 'api', environments: ['staging'], permissions: ['read', 'export'], breakGlassId: '' },
    ]);
    expect((await tokens.listTokens(admin, false)).find((token) => token.id === fresh.id)?.rotatedFrom).toBe(old.id);
  });

  it('with an overlap, the old token works until the overlap ends, then no more', async () => {
    const old = await issue(admin, { project: 'api' });
    const fresh = await tokens.rotateToken(admin, old.id, 1);
    expect((await auth.authenticate(old.token)).tokenId).toBe(old.id);
    expect((await auth.authenticate(fresh.token)).tokenId).toBe(fresh.id);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect((await failure(auth.authenticate(old.token))).code).toBe('UNAUTHENTICATED');
    expect((await auth.authenticate(fresh.token)).tokenId).toBe(fresh.id);
  });
});

describe('tokens:manage alone cannot touch a stronger token', () => {
  const targets: Record<string, () => Promise<{ id: string }>> = {
    'the organisation-wide admin token': async () => ({ id: adminTokenId }),
    'a scoped token with reveal': () => issue(admin, { project: 'api', environments: ['staging'], permissions: ['read', 'reveal'] }),
  };

  it.each([
    ['the organisation-wide admin token', 'admin'],
    ['a scoped token with reveal', 'reveal'],
  ])('revoking or rotating %s is PERMISSION_DENIED naming %s, and changes nothing', async (what, missing) => {
    const target = await targets[what]!();
    const before = { count: await tokenCount(), notices: notices.length };
    // One at a time: a second refusal started early would reject before anything awaits it.
    for (const attempt of [() => tokens.revokeToken(manager, target.id), () => tokens.rotateToken(manager, target.id, 0)]) {
      const refused = await failure(attempt());
      expect([refused.code, refused.message]).toEqual(['PERMISSION_DENIED', `missing permission: ${missing}`]);
    }
    expect(await tokenCount()).toBe(before.count);
    expect(notices.length).toBe(before.notices);
    expect((await owner.query('select revoked_at, expires_at from api_tokens where id = $1', [target.id])).rows[0]).toEqual({
      revoked_at: null,
      expires_at: null,
    });
  });

  it('but revokes one that holds no more than the caller, and the processes are told once', async () => {
    const weak = await issue(admin, { project: 'api', environments: ['staging'], permissions: ['read'] });
    const before = notices.length;
    expect(await tokens.revokeToken(manager, weak.id)).toBe(true);
    expect(notices.slice(before)).toEqual([weak.id]);
    expect((await failure(auth.authenticate(weak.token))).code).toBe('UNAUTHENTICATED');
    expect((await failure(tokens.revokeToken(manager, weak.id))).code).toBe('NOT_FOUND');
  });
});

describe('service accounts', () => {
  it('are made, listed, refused twice, and deleted with their tokens revoked', async () => {
    await tokens.createServiceAccount(admin, { name: 'deployer', description: 'CD' });
    expect((await failure(tokens.createServiceAccount(admin, { name: 'deployer', description: '' }))).code).toBe('ALREADY_EXISTS');
    expect((await tokens.listServiceAccounts(admin)).find((account) => account.name === 'deployer')).toMatchObject({
      description: 'CD',
      createdBy: adminTokenId,
    });
    const first = await issue(admin, { serviceAccount: 'deployer', project: 'api' });
    const second = await issue(admin, { serviceAccount: 'deployer', project: 'web' });
    const before = notices.length;
    expect(await tokens.deleteServiceAccount(admin, 'deployer')).toBe(true);
    expect(notices.slice(before).sort()).toEqual([first.id, second.id].sort());
    for (const token of [first.token, second.token]) expect((await failure(auth.authenticate(token))).code).toBe('UNAUTHENTICATED');
    expect((await tokens.listServiceAccounts(admin)).some((account) => account.name === 'deployer')).toBe(false);
    expect((await failure(tokens.deleteServiceAccount(admin, 'deployer'))).code).toBe('NOT_FOUND');
    // Their records outlive the account: revoked, naming no account any more.
    const kept = (await tokens.listTokens(admin, true)).filter((token) => token.id === first.id || token.id === second.id);
    expect(kept.map((token) => [token.serviceAccount, token.revokedAt !== ''])).toEqual([
      ['', true],
      ['', true],
    ]);
  });

  it('holding a token stronger than the caller cannot be deleted by it: PERMISSION_DENIED, every token keeps working', async () => {
    const weak = await issue(admin, { serviceAccount: 'mixed', project: 'api', permissions: ['read'] });
    const strong = await issue(admin, { serviceAccount: 'mixed', project: 'api', permissions: ['read', 'export'] });
    const refused = await failure(tokens.deleteServiceAccount(manager, 'mixed'));
    expect([refused.code, refused.message]).toEqual(['PERMISSION_DENIED', 'missing permission: export']);
    for (const token of [weak, strong]) expect((await auth.authenticate(token.token)).tokenId).toBe(token.id);
  });
});

describe('accountNameFor', () => {
  it.each([
    ['CI Deploy!', 'ci-deploy'],
    ['staging', 'staging'],
    ['--', 'token'],
    ['x'.repeat(80), 'x'.repeat(63)],
  ])('%j is %j', (name, slug) => expect(accountNameFor(name)).toBe(slug));
});
