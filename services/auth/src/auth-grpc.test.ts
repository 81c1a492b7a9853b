/**
 * The Auth service's access table (authAccess) as the gRPC adapter enforces it: what a caller that
 * reaches the port with a narrow principal, a forged one or none at all can and cannot do. Every
 * refusal must come before the handler runs, so no handler ever sees a call its rule does not admit.
 */
import { generateKeyPairSync } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@coffer/db';
import {
  AUTH_SERVICE,
  addService,
  bindServer,
  createAuthClient,
  createGrpcServer,
  createPrincipalSigner,
  createPrincipalVerifier,
  createServiceVerifier,
  loadCofferPackage,
  shutdownServer,
  unary,
  type AuthServiceClient,
  type Server,
} from '@coffer/grpc';
import { connectAsOwner, createTestDatabase, type TestDatabase } from '@coffer/test-postgres';
import { authAccess, authHandlers } from './auth-grpc.js';
import { createAccessService } from './access-service.js';
import { createAccessStore } from './access-store.js';
import { createBreakGlassService } from './break-glass-service.js';
import { createBreakGlassStore } from './break-glass-store.js';
import { createAuthService } from './auth-service.js';
import { createAuthStore } from './auth-store.js';
import { failure, hierarchyCounts, identityForTests } from './auth-test-helpers.js';
import { createDeviceFlow } from './device-flow.js';
import { createIdentityStore } from './identity-store.js';
import { createTokenService } from './token-service.js';
import { createTokenStore } from './token-store.js';

let testDb: TestDatabase;
let db: Database;
let owner: pg.Client;
let server: Server;
let client: AuthServiceClient;
const principalKeys = generateKeyPairSync('ed25519');
/** The handlers that ran, by RPC name, in order. */
const ran: string[] = [];

interface Caller {
  tokenId: string;
  token: string;
  assertion: string;
}
let adminCaller: Caller;
/** The admin's claims signed with a key Auth never had. */
let forgedAdmin: string;

/** Calls an RPC of the Auth service with a principal assertion, or none. */
function call(method: string, request: Record<string, unknown>, assertion?: string): Promise<any> {
  const ctx = { requestId: `auth-grpc-${method}`, ...(assertion ? { principal: { assertion } } : {}) };
  return (unary as (client: unknown, method: string, request: unknown, options: unknown) => Promise<unknown>)(client, method, request, { ctx });
}

/** A token of the bootstrapped organisation with these permissions, authenticated: its principal assertion. */
async function callerWith(name: string, permissions: string[]): Promise<Caller> {
  const { token } = await call('CreateToken', { name, permissions }, adminCaller.assertion);
  const principal = await call('Authenticate', { token: token.token });
  return { tokenId: token.id, token: token.token, assertion: principal.assertion };
}

/** One well-formed request per RPC that needs a principal: admitted, each would do something. */
const REQUESTS: Record<string, () => Record<string, unknown>> = {
  ListOrgs: () => ({}),
  CreateOrg: () => ({ slug: 'intruder-org', name: '' }),
  ListProjects: () => ({}),
  CreateProject: () => ({ slug: 'intruder', name: '' }),
  ListEnvironments: () => ({ projectSlug: 'api' }),
  CreateEnvironment: () => ({ projectSlug: 'api', slug: 'intruder', name: '' }),
  CreateToken: () => ({ name: 'intruder', permissions: ['read'] }),
  RevokeToken: () => ({ tokenId: adminCaller.tokenId }),
  RotateToken: () => ({ tokenId: adminCaller.tokenId, overlapSeconds: 0 }),
  ListTokens: () => ({}),
  ListServiceAccounts: () => ({}),
  CreateServiceAccount: () => ({ name: 'intruder', description: '' }),
  DeleteServiceAccount: () => ({ name: 'intruder' }),
  GetOrgSettings: () => ({}),
  UpdateOrgSettings: () => ({ requireTwoFactor: true }),
  WhoAmI: () => ({}),
  ListSessions: () => ({}),
  RevokeSession: () => ({ sessionId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b' }),
  GetTwoFactor: () => ({}),
  BeginTwoFactor: () => ({}),
  ConfirmTwoFactor: () => ({ code: '123456' }),
  DisableTwoFactor: () => ({ code: '123456' }),
  CreateInvitation: () => ({ email: 'intruder@example.com', role: 'admin' }),
  SignInWithIdentity: () => ({ provider: 'okta', subject: 'intruder', email: 'intruder@example.com', emailVerified: true, name: '' }),
  DescribeDeviceAuthorization: () => ({ userCode: 'BCDF-GHJK' }),
  ApproveDeviceAuthorization: () => ({ userCode: 'BCDF-GHJK' }),
  DenyDeviceAuthorization: () => ({ userCode: 'BCDF-GHJK' }),
  ListMembers: () => ({}),
  UpdateMember: () => ({ userId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b', role: 'owner' }),
  RemoveMember: () => ({ userId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b' }),
  ListRoles: () => ({ scope: '' }),
  CreateRole: () => ({ name: 'intruder', description: '', permissions: ['read'] }),
  UpdateRole: () => ({ name: 'intruder', permissions: ['purge'] }),
  DeleteRole: () => ({ name: 'intruder' }),
  ListGrants: () => ({ project: 'api', userId: '' }),
  PutGrant: () => ({ email: 'intruder@example.com', project: 'api', role: 'admin' }),
  DeleteGrant: () => ({ grantId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b' }),
  UpdateEnvironment: () => ({ projectSlug: 'api', slug: 'production', protected: true }),
  OpenBreakGlass: () => ({ project: 'api', environment: 'production', reason: 'an intruder wants in', durationSeconds: '60' }),
  CloseBreakGlass: () => ({ id: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b' }),
  ListBreakGlass: () => ({ needsReview: false }),
  ReviewBreakGlass: () => ({ id: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b', note: 'looked' }),
};

/** The RPCs anyone may call: each proves itself (a token, a password, a link) or is one-shot. */
const PUBLIC = Object.entries(authAccess)
  .filter(([, rule]) => rule.kind === 'public')
  .map(([method]) => method);

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({ databaseUrl: testDb.url, dataDir: '/nonexistent' });
  owner = await connectAsOwner(testDb.url);
  const service = createAuthService({ knex: db.knex, store: createAuthStore(), access: createAccessStore(), onTokenRevoked: async () => undefined });
  const { identity, sessionKeys, guard, audit } = identityForTests(db.knex);
  const devices = createDeviceFlow({
    knex: db.knex,
    store: createIdentityStore(),
    sessionKeys,
    lifetimes: identity.lifetimes,
    publicUrl: 'http://coffer.test',
    bruteForce: { guard, audit },
  });
  const onTokenRevoked = async () => undefined;
  const handlers = authHandlers({
    service,
    identity,
    signPrincipal: await createPrincipalSigner(principalKeys.privateKey),
    devices,
    access: createAccessService({ knex: db.knex, store: createAccessStore(), onTokenRevoked }),
    breakGlass: createBreakGlassService({ knex: db.knex, store: createBreakGlassStore(), onTokenRevoked }),
    tokens: createTokenService({ knex: db.knex, store: createTokenStore(), auth: createAuthStore(), access: createAccessStore(), onTokenRevoked }),
  });
  // The real handlers, each noting that it ran.
  const recorded = Object.fromEntries(
    Object.entries(handlers).map(([name, handler]) => [
      name,
      (request: unknown, ctx: unknown) => {
        ran.push(name);
        return (handler as (request: unknown, ctx: unknown) => Promise<unknown>)(request, ctx);
      },
    ]),
  ) as unknown as typeof handlers;
  const verifyPrincipal = await createPrincipalVerifier(principalKeys.publicKey, { audience: AUTH_SERVICE });
  server = createGrpcServer();
  addService(server, loadCofferPackage().coffer.v1.AuthService.service, recorded, authAccess, {
    onUnexpectedError: (err: unknown) => {
      throw err;
    },
    verifyPrincipal,
    verifyService: await createServiceVerifier([generateKeyPairSync('ed25519').publicKey], { audience: AUTH_SERVICE }),
  });
  client = createAuthClient(`127.0.0.1:${await bindServer(server, '127.0.0.1', 0)}`);

  const booted = await call('Bootstrap', { orgSlug: 'acme', orgName: '', projectSlug: 'api', projectName: '' });
  const principal = await call('Authenticate', { token: booted.token.token });
  adminCaller = { tokenId: booted.token.id, token: booted.token.token, assertion: principal.assertion };
  const { assertion: _assertion, ...claims } = principal;
  forgedAdmin = await (await createPrincipalSigner(generateKeyPairSync('ed25519').privateKey))(claims);
});

afterAll(async () => {
  client?.close();
  if (server) await shutdownServer(server, 1000);
  await owner?.end();
  await db?.close();
  await testDb?.drop();
});

describe('the public RPCs', () => {
  it('Authenticate needs no principal: it answers the principal of a token, with a signed assertion', async () => {
    const principal = await call('Authenticate', { token: adminCaller.token });
    expect(principal).toMatchObject({ tokenId: adminCaller.tokenId, orgSlug: 'acme', permissions: ['admin'], assertion: expect.any(String) });
    // A bad token reaches the handler and is refused there, as a token, not as a missing principal.
    const start = ran.length;
    expect((await failure(call('Authenticate', { token: 'not-a-token' }))).code).toBe('UNAUTHENTICATED');
    expect(ran.slice(start)).toEqual(['Authenticate']);
  });

  it('Bootstrap needs no principal: its handler runs and refuses a second bootstrap itself', async () => {
    const before = await hierarchyCounts(owner);
    const start = ran.length;
    expect((await failure(call('Bootstrap', { orgSlug: 'again', orgName: '', projectSlug: 'api', projectName: '' }))).code).toBe('ALREADY_EXISTS');
    expect(ran.slice(start)).toEqual(['Bootstrap']);
    expect(await hierarchyCounts(owner)).toEqual(before);
  });
});

describe('the RPCs that need a principal', () => {
  it('covers every RPC of the service but the public ones', () => {
    const methods = Object.keys(loadCofferPackage().coffer.v1.AuthService.service);
    expect(PUBLIC).toEqual(expect.arrayContaining(['Authenticate', 'Bootstrap', 'Login', 'Signup', 'Refresh']));
    expect(Object.keys(REQUESTS).sort()).toEqual(methods.filter((method) => !PUBLIC.includes(method)).sort());
  });

  it.each(Object.keys(REQUESTS))('%s without a principal, or with one Auth did not sign, is UNAUTHENTICATED before its handler runs', async (method) => {
    const before = await hierarchyCounts(owner);
    const start = ran.length;
    for (const assertion of [undefined, forgedAdmin, 'not-a-jwt']) {
      expect((await failure(call(method, REQUESTS[method]!(), assertion))).code).toBe('UNAUTHENTICATED');
    }
    expect(ran.slice(start)).toEqual([]);
    expect(await hierarchyCounts(owner)).toEqual(before);
  });

  describe('a principal without the permission an RPC needs', () => {
    let reader: Caller;
    beforeAll(async () => {
      reader = await callerWith('reader', ['read', 'reveal', 'audit:read']);
    });

    it.each([
      ['CreateProject', 'hierarchy:write'],
      ['CreateEnvironment', 'hierarchy:write'],
      ['CreateToken', 'tokens:manage'],
      ['RevokeToken', 'tokens:manage'],
      ['RotateToken', 'tokens:manage'],
      ['ListTokens', 'tokens:manage'],
      ['ListServiceAccounts', 'tokens:manage'],
      ['CreateServiceAccount', 'tokens:manage'],
      ['DeleteServiceAccount', 'tokens:manage'],
      ['CreateOrg', 'orgs:create'],
      ['CreateInvitation', 'members:manage'],
      ['UpdateOrgSettings', 'admin'],
    ])('%s is PERMISSION_DENIED, naming %s, before its handler runs, and changes nothing', async (method, permission) => {
      const before = await hierarchyCounts(owner);
      const start = ran.length;
      const refused = await failure(call(method, REQUESTS[method]!(), reader.assertion));
      expect(refused.code).toBe('PERMISSION_DENIED');
      expect(refused.message).toContain(permission);
      expect(ran.slice(start)).toEqual([]);
      expect(await hierarchyCounts(owner)).toEqual(before);
    });

    it('may still list the organisation, its projects and environments (any principal of the organisation)', async () => {
      const start = ran.length;
      expect((await call('ListOrgs', {}, reader.assertion)).orgs.map((org: { slug: string }) => org.slug)).toEqual(['acme']);
      expect((await call('ListProjects', {}, reader.assertion)).projects.map((project: { slug: string }) => project.slug)).toEqual(['api']);
      expect((await call('ListEnvironments', { projectSlug: 'api' }, reader.assertion)).environments).toHaveLength(3);
      expect(ran.slice(start)).toEqual(['ListOrgs', 'ListProjects', 'ListEnvironments']);
    });
  });

  describe('no escalation through token creation', () => {
    let manager: Caller;
    beforeAll(async () => {
      manager = await callerWith('manager', ['tokens:manage', 'read']);
    });

    it.each([
      [['admin'], 'admin'],
      [['reveal'], 'reveal'],
      [['read', 'export'], 'export'],
      [['tokens:manage', 'orgs:create'], 'orgs:create'],
      [['hierarchy:write', 'read'], 'hierarchy:write'],
    ])('a token cannot mint %j, which it does not hold: PERMISSION_DENIED naming %s, no handler, no token', async (permissions, missing) => {
      const before = await hierarchyCounts(owner);
      const start = ran.length;
      const refused = await failure(call('CreateToken', { name: 'escalated', permissions }, manager.assertion));
      expect(refused.code).toBe('PERMISSION_DENIED');
      expect(refused.message).toContain(missing);
      expect(ran.slice(start)).toEqual([]);
      expect(await hierarchyCounts(owner)).toEqual(before);
    });

    it('mints a token with permissions it holds itself, and that token is no more than asked for', async () => {
      const { token } = await call('CreateToken', { name: 'narrower', permissions: ['read'] }, manager.assertion);
      expect(token.permissions).toEqual(['read']);
      const minted = await call('Authenticate', { token: token.token });
      expect(minted.permissions).toEqual(['read']);
      // ...which in turn cannot manage tokens at all.
      expect((await failure(call('CreateToken', { name: 'again', permissions: ['read'] }, minted.assertion))).code).toBe('PERMISSION_DENIED');
    });

    it('refuses an unknown permission as bad input once admitted, without minting anything', async () => {
      const before = await hierarchyCounts(owner);
      const refused = await failure(call('CreateToken', { name: 'odd', permissions: ['read', 'root'] }, adminCaller.assertion));
      expect(refused.code).toBe('INVALID_ARGUMENT');
      expect(refused.message).toContain('root');
      expect(await hierarchyCounts(owner)).toEqual(before);
    });
  });
});
