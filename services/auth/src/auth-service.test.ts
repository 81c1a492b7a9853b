/**
 * The Auth service on a fresh PostgreSQL database, as a user or an attacker would see it: first-run
 * bootstrap happens once, tokens exist only in their owner's hands, a bad token learns nothing, a
 * revocation reaches the gateways, and no organisation sees another's hierarchy.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@coffer/db';
import { connectAsOwner, createTestDatabase, type TestDatabase } from '@coffer/test-postgres';
import { createAccessStore } from './access-store.js';
import { createAuthService, type AuthService, type Principal } from './auth-service.js';
import { createAuthStore } from './auth-store.js';
import { failure, hierarchyCounts } from './auth-test-helpers.js';
import { createTokenService, type TokenService } from './token-service.js';
import { createTokenStore } from './token-store.js';
import { generateToken, TOKEN_PREFIX } from './tokens.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

let testDb: TestDatabase;
let db: Database;
let owner: pg.Client;
let service: AuthService;
let tokenService: TokenService;
/** Every token hash the service told the gateways to forget, with whether the token still worked then. */
const published: { tokenId: string; stillAuthenticates: boolean }[] = [];

let booted: Awaited<ReturnType<AuthService['bootstrap']>>;
let admin: Principal;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({ databaseUrl: testDb.url, dataDir: '/nonexistent' });
  owner = await connectAsOwner(testDb.url);
  const onTokenRevoked = async (tokenId: string) => {
    // The token must already be refused when the gateways are told to drop their cached principal,
    // or one of them could authenticate it again and cache it anew.
    const row = await owner.query('select 1 from api_tokens where id = $1 and revoked_at is null', [tokenId]);
    published.push({ tokenId, stillAuthenticates: row.rows.length > 0 });
  };
  const store = createAuthStore();
  service = createAuthService({ knex: db.knex, store, access: createAccessStore(), onTokenRevoked });
  tokenService = createTokenService({ knex: db.knex, store: createTokenStore(), auth: store, access: createAccessStore(), onTokenRevoked });
  booted = await service.bootstrap({ orgSlug: 'acme', orgName: 'Acme Inc', projectSlug: 'api', projectName: 'api' });
  admin = await service.authenticate(booted.token.token);
});

afterAll(async () => {
  await owner?.end();
  await db?.close();
  await testDb?.drop();
});

describe('bootstrap', () => {
  it('makes one organisation, its project, three environments and an admin token', async () => {
    expect(booted.org).toMatchObject({ slug: 'acme', name: 'Acme Inc' });
    expect(booted.project).toMatchObject({ slug: 'api', orgId: booted.org.id });
    expect(booted.environments.map((env) => env.slug)).toEqual(['development', 'staging', 'production']);
    for (const env of booted.environments) expect(env.projectId).toBe(booted.project.id);
    expect(booted.token.permissions).toEqual(['admin']);
    expect(admin).toMatchObject({ orgId: booted.org.id, orgSlug: 'acme', tokenId: booted.token.id, permissions: ['admin'], actorType: 'api_token' });
  });

  it('happens exactly once: a second one answers ALREADY_EXISTS and changes nothing', async () => {
    const before = await hierarchyCounts(owner);
    const second = await failure(service.bootstrap({ orgSlug: 'intruder', orgName: '', projectSlug: 'takeover', projectName: '' }));
    expect(second.code).toBe('ALREADY_EXISTS');
    // Not even with the same slugs: the claim is on the platform, not on a name.
    expect((await failure(service.bootstrap({ orgSlug: 'acme', orgName: '', projectSlug: 'api', projectName: '' }))).code).toBe('ALREADY_EXISTS');
    expect(await hierarchyCounts(owner)).toEqual(before);
    expect((await owner.query(`select 1 from organizations where slug = 'intruder'`)).rows).toEqual([]);
    // The first admin token is untouched.
    expect((await service.authenticate(booted.token.token)).tokenId).toBe(booted.token.id);
  });
});

describe('tokens', () => {
  it('are stored only as their SHA-256: no column of any row holds the token or its random part', async () => {
    const issued = await tokenService.createToken(admin, { name: 'ci', permissions: ['read'] });
    const { rows } = await owner.query<Record<string, unknown>>('select * from api_tokens');
    const stored = JSON.stringify(rows);
    for (const token of [booted.token.token, issued.token]) {
      expect(stored).not.toContain(token);
      expect(stored).not.toContain(token.slice(TOKEN_PREFIX.length, TOKEN_PREFIX.length + 20));
    }
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(issued.id)?.token_hash).toBe(sha256(issued.token));
    expect(byId.get(booted.token.id)?.token_hash).toBe(sha256(booted.token.token));
  });

  it('authenticate refuses a malformed, an unknown and a revoked token alike: UNAUTHENTICATED, one message', async () => {
    const revoked = await tokenService.createToken(admin, { name: 'soon-revoked', permissions: ['read'] });
    await tokenService.revokeToken(admin, revoked.id);
    const valid = booted.token.token;
    const position = TOKEN_PREFIX.length + 3;
    const tokens = {
      empty: '',
      garbage: 'not a token',
      'another scheme': valid.replace(TOKEN_PREFIX, 'ghp_'),
      'one character changed': valid.slice(0, position) + (valid[position] === 'A' ? 'B' : 'A') + valid.slice(position + 1),
      'well-formed but unknown': generateToken(),
      revoked: revoked.token,
    };
    const failures = await Promise.all(Object.values(tokens).map((token) => failure(service.authenticate(token))));
    for (const [index, refused] of failures.entries()) {
      expect(refused.code, Object.keys(tokens)[index]).toBe('UNAUTHENTICATED');
      expect(refused.message, Object.keys(tokens)[index]).toBe(failures[0]!.message);
    }
    for (const token of Object.values(tokens).filter(Boolean)) expect(failures[0]!.message).not.toContain(token);
  });

  it('revocation publishes the id of the token (never the token), once, after the token stopped working', async () => {
    const issued = await tokenService.createToken(admin, { name: 'revoked-ci', permissions: ['read'] });
    expect((await service.authenticate(issued.token)).tokenId).toBe(issued.id);
    const before = published.length;
    expect(await tokenService.revokeToken(admin, issued.id)).toBe(true);
    expect(published.slice(before)).toEqual([{ tokenId: issued.id, stillAuthenticates: false }]);
    expect((await failure(service.authenticate(issued.token))).code).toBe('UNAUTHENTICATED');
    // A second revocation finds nothing to revoke and tells nobody.
    expect((await failure(tokenService.revokeToken(admin, issued.id))).code).toBe('NOT_FOUND');
    expect(published).toHaveLength(before + 1);
  });

  it("cannot be revoked by another organisation's admin: NOT_FOUND, the token keeps working, nothing published", async () => {
    const other = await service.createOrg(admin, { slug: 'revoker', name: 'revoker' });
    const otherAdmin = await service.authenticate(other.token!.token);
    const victim = await tokenService.createToken(admin, { name: 'victim', permissions: ['read'] });
    const before = published.length;
    expect((await failure(tokenService.revokeToken(otherAdmin, victim.id))).code).toBe('NOT_FOUND');
    expect((await service.authenticate(victim.token)).tokenId).toBe(victim.id);
    expect(published).toHaveLength(before);
  });
});

describe('duplicates', () => {
  it('an organisation that exists answers ALREADY_EXISTS and leaves no organisation or admin token behind', async () => {
    await service.createOrg(admin, { slug: 'dup-org', name: 'first' });
    const before = await hierarchyCounts(owner);
    const refused = await failure(service.createOrg(admin, { slug: 'dup-org', name: 'second' }));
    expect(refused.code).toBe('ALREADY_EXISTS');
    expect(refused.message).toContain('dup-org');
    // The slug is taken even by the bootstrapped organisation.
    expect((await failure(service.createOrg(admin, { slug: 'acme', name: 'again' }))).code).toBe('ALREADY_EXISTS');
    expect(await hierarchyCounts(owner)).toEqual(before);
    expect((await owner.query(`select name from organizations where slug = 'dup-org'`)).rows).toEqual([{ name: 'first' }]);
  });

  it('a project or an environment that exists answers ALREADY_EXISTS and changes nothing', async () => {
    await service.createProject(admin, { slug: 'dup-project', name: 'first' });
    await service.createEnvironment(admin, { projectSlug: 'dup-project', slug: 'qa', name: 'first' });
    const before = await hierarchyCounts(owner);
    const project = await failure(service.createProject(admin, { slug: 'dup-project', name: 'second' }));
    expect(project.code).toBe('ALREADY_EXISTS');
    expect(project.message).toContain('dup-project');
    const env = await failure(service.createEnvironment(admin, { projectSlug: 'dup-project', slug: 'qa', name: 'second' }));
    expect(env.code).toBe('ALREADY_EXISTS');
    expect(env.message).toContain('qa');
    expect(await hierarchyCounts(owner)).toEqual(before);
    // The same environment slug in another project is another environment.
    expect((await service.createEnvironment(admin, { projectSlug: 'api', slug: 'qa', name: 'qa' })).slug).toBe('qa');
  });
});

describe('tenant scoping', () => {
  let other: Principal;
  beforeAll(async () => {
    const created = await service.createOrg(admin, { slug: 'globex', name: 'Globex' });
    other = await service.authenticate(created.token!.token);
    await service.createProject(other, { slug: 'payments', name: 'payments' });
    await service.createEnvironment(other, { projectSlug: 'payments', slug: 'production', name: 'production' });
    // A project slug both organisations use.
    await service.createProject(other, { slug: 'api', name: 'their api' });
  });

  it("lists only the principal's own organisation and projects", async () => {
    expect((await service.listOrgs(admin)).map((org) => org.slug)).toEqual(['acme']);
    expect((await service.listOrgs(other)).map((org) => org.slug)).toEqual(['globex']);
    const ours = await service.listProjects(admin);
    expect(ours.every((project) => project.orgId === admin.orgId)).toBe(true);
    expect(ours.map((project) => project.slug)).not.toContain('payments');
    expect((await service.listProjects(other)).map((project) => project.slug).sort()).toEqual(['api', 'payments']);
  });

  it("answers another organisation's project as unknown, and writes nothing into it", async () => {
    const before = await hierarchyCounts(owner);
    expect((await failure(service.listEnvironments(admin, 'payments'))).code).toBe('NOT_FOUND');
    expect((await failure(service.createEnvironment(admin, { projectSlug: 'payments', slug: 'planted', name: '' }))).code).toBe('NOT_FOUND');
    expect(await hierarchyCounts(owner)).toEqual(before);
    // The slug both use resolves to each principal's own project.
    const theirs = await service.listEnvironments(other, 'api');
    const ours = await service.listEnvironments(admin, 'api');
    expect(theirs).toEqual([]);
    expect(ours.map((env) => env.slug)).toEqual(expect.arrayContaining(['development', 'staging', 'production']));
    for (const env of ours) expect(env.projectId).toBe(booted.project.id);
  });

  it('answers the environments of an unknown project NOT_FOUND, naming it', async () => {
    const listed = await failure(service.listEnvironments(admin, 'no-such-project'));
    expect(listed.code).toBe('NOT_FOUND');
    expect(listed.message).toContain('no-such-project');
    expect((await failure(service.createEnvironment(admin, { projectSlug: 'no-such-project', slug: 'dev', name: '' }))).code).toBe('NOT_FOUND');
  });
});
