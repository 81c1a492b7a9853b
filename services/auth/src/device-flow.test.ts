/**
 * The device authorization grant's rules on the real database: what is stored, the poll's answers
 * and their timing, one approval opening one session whose tokens are answered once, and the limit
 * on user codes a signed-in person may try.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@coffer/db';
import { USER_ACTOR, type Principal } from '@coffer/grpc';
import { connectAsOwner, createTestDatabase, type TestDatabase } from '@coffer/test-postgres';
import { failure, identityForTests, type IdentityForTests } from './auth-test-helpers.js';
import { createDeviceFlow, formatUserCode, normaliseUserCode, WRONG_CODE_LIMIT, type DeviceFlow } from './device-flow.js';
import { createIdentityStore } from './identity-store.js';
import { principalOf, sha256 } from './identity-test-support.js';

const PASSWORD = 'correct horse battery staple 7';
const CLIENT = { ip: '203.0.113.9', userAgent: 'coffer-cli/0.1.0' };
let testDb: TestDatabase;
let db: Database;
let owner: pg.Client;
let world: IdentityForTests;
/** The flow's clock: real time plus what a test skips ahead. */
let skewMs = 0;
let flow: DeviceFlow;
let approver: Principal;

function flowWith(options: { codeTtlMs?: number } = {}): DeviceFlow {
  return createDeviceFlow({
    knex: db.knex,
    store: createIdentityStore(),
    sessionKeys: world.sessionKeys,
    lifetimes: world.identity.lifetimes,
    publicUrl: 'https://coffer.example.test/',
    now: () => Date.now() + skewMs,
    bruteForce: { guard: world.guard, audit: world.audit },
    ...options,
  });
}

async function signedIn(email: string): Promise<Principal> {
  const hash = await world.identity.ownerPasswordHash(PASSWORD, email);
  await owner.query('insert into users (id, email, name, password_hash, email_verified_at) values ($1, $2, $3, $4, now())', [randomUUID(), email, 'Dev', hash]);
  const login = await world.identity.login({ email, password: PASSWORD, client: CLIENT });
  return principalOf(await world.identity.authenticateSession(login.tokens!.accessToken, ''));
}

const rowOf = async (userCode: string) =>
  (await owner.query('select * from device_authorizations where user_code_hash = $1', [sha256(normaliseUserCode(userCode)!)])).rows[0];

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({ databaseUrl: testDb.url, dataDir: '/nonexistent' });
  owner = await connectAsOwner(testDb.url);
  world = identityForTests(db.knex);
  flow = flowWith();
  approver = await signedIn('dev@example.test');
});

afterAll(async () => {
  await owner?.end();
  await db?.close();
  await testDb?.drop();
});

describe('user codes', () => {
  it('are read whatever the case, dashes and spaces, and only from the unambiguous alphabet', () => {
    expect(normaliseUserCode('bcdf-ghjk')).toBe('BCDFGHJK');
    expect(normaliseUserCode(' BCDF GHJK ')).toBe('BCDFGHJK');
    expect(formatUserCode('BCDFGHJK')).toBe('BCDF-GHJK');
    for (const typed of ['BCDF-GHJ', 'BCDF-GHJKL', 'ABCD-EFGH', 'BCDF-GHJ0', 'BCDF_GHJK']) expect(normaliseUserCode(typed)).toBeUndefined();
  });
});

describe('a device request', () => {
  it('stores only the SHA-256 of its codes, the requester and a ten-minute expiry', async () => {
    const issued = await flow.start({ clientName: 'coffer CLI on build-01', client: CLIENT });
    expect(issued).toMatchObject({ verificationUri: 'https://coffer.example.test/device', expiresIn: 600, interval: 5 });
    expect(issued.verificationUriComplete).toBe(`https://coffer.example.test/device?user_code=${issued.userCode}`);
    expect(issued.deviceCode).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await rowOf(issued.userCode);
    expect(row).toMatchObject({
      device_code_hash: sha256(issued.deviceCode),
      client_name: 'coffer CLI on build-01',
      requester_ip: CLIENT.ip,
      status: 'pending',
    });
    expect(JSON.stringify(row)).not.toContain(issued.deviceCode);
    expect(new Date(row.expires_at).getTime() - new Date(row.created_at).getTime()).toBeGreaterThan(590_000);
  });

  it('answers pending, then slow_down with 5 s more to a poll sooner than the interval, and pending again once the poller waits', async () => {
    const { deviceCode } = await flow.start({ clientName: 'cli', client: CLIENT });
    expect(await flow.poll(deviceCode)).toMatchObject({ error: 'authorization_pending', interval: 5 });
    expect(await flow.poll(deviceCode)).toMatchObject({ error: 'slow_down', interval: 10 });
    skewMs += 6_000;
    expect(await flow.poll(deviceCode)).toMatchObject({ error: 'slow_down', interval: 15 });
    skewMs += 16_000;
    expect(await flow.poll(deviceCode)).toMatchObject({ error: 'authorization_pending', interval: 15 });
  });

  it('opens one session for the approving person, whose tokens only the next poll gets', async () => {
    const issued = await flow.start({ clientName: 'coffer CLI on laptop', client: CLIENT });
    expect(await flow.describe(approver, issued.userCode.toLowerCase())).toMatchObject({
      userCode: issued.userCode,
      clientName: 'coffer CLI on laptop',
      requesterIp: CLIENT.ip,
      requesterAgent: CLIENT.userAgent,
    });
    expect(await flow.approve(approver, issued.userCode)).toBe(true);
    const granted = await flow.poll(issued.deviceCode);
    if (!('tokens' in granted)) throw new Error(`expected tokens, got ${granted.error}`);
    const claims = await world.identity.authenticateSession(granted.tokens.accessToken, '');
    expect(claims).toMatchObject({ userId: approver.userId, tokenId: granted.tokens.sessionId });
    const sessions = await world.identity.listSessions(principalOf(claims));
    expect(sessions.find((session) => session.current)).toMatchObject({
      method: 'device',
      clientName: 'coffer CLI on laptop',
      ip: CLIENT.ip,
      secondFactor: false,
    });
    expect(await flow.poll(issued.deviceCode)).toMatchObject({ error: 'invalid_grant' });
    expect((await rowOf(issued.userCode)).status).toBe('consumed');
    // A decided request cannot be decided again.
    expect((await failure(flow.deny(approver, issued.userCode))).code).toBe('NOT_FOUND');
  });

  it('answers access_denied after a denial, and when the approved session was revoked before the poll', async () => {
    const denied = await flow.start({ clientName: 'cli', client: CLIENT });
    await flow.deny(approver, denied.userCode);
    expect(await flow.poll(denied.deviceCode)).toMatchObject({ error: 'access_denied' });

    const revoked = await flow.start({ clientName: 'cli', client: CLIENT });
    await flow.approve(approver, revoked.userCode);
    await world.identity.revokeSession(approver, (await rowOf(revoked.userCode)).session_id);
    expect(await flow.poll(revoked.deviceCode)).toMatchObject({ error: 'access_denied' });
  });

  it('expires: expired_token to the device, and nothing for the person to approve', async () => {
    const short = flowWith({ codeTtlMs: 2_000 });
    const issued = await short.start({ clientName: 'cli', client: CLIENT });
    expect(issued.expiresIn).toBe(2);
    skewMs += 2_500;
    expect(await short.poll(issued.deviceCode)).toMatchObject({ error: 'expired_token' });
    expect((await failure(short.approve(approver, issued.userCode))).code).toBe('NOT_FOUND');
  });

  it('answers invalid_grant to a device code that is malformed or unknown', async () => {
    expect(await flow.poll('nope')).toMatchObject({ error: 'invalid_grant' });
    expect(await flow.poll('A'.repeat(43))).toMatchObject({ error: 'invalid_grant' });
  });
});

describe('who may approve', () => {
  it('only a signed-in person, not an API token', async () => {
    const issued = await flow.start({ clientName: 'cli', client: CLIENT });
    const apiToken: Principal = {
      tokenId: randomUUID(),
      orgId: randomUUID(),
      orgSlug: 'acme',
      name: 'ci',
      permissions: ['admin'],
      actorType: 'api_token',
      userId: '',
      grants: [],
      allowedCidrs: [],
      expiresAt: '',
      assertion: '',
    };
    expect(apiToken.actorType).not.toBe(USER_ACTOR);
    expect((await failure(flow.approve(apiToken, issued.userCode))).code).toBe('FAILED_PRECONDITION');
    expect((await rowOf(issued.userCode)).status).toBe('pending');
  });

  it(`stops looking codes up for a session after ${WRONG_CODE_LIMIT} that match nothing in a minute`, async () => {
    const guesser = await signedIn('guesser@example.test');
    const issued = await flow.start({ clientName: 'cli', client: CLIENT });
    for (let i = 0; i < WRONG_CODE_LIMIT; i++) expect((await failure(flow.describe(guesser, 'BBBB-BBBB'))).code).toBe('NOT_FOUND');
    expect((await failure(flow.approve(guesser, issued.userCode))).code).toBe('RESOURCE_EXHAUSTED');
    expect((await rowOf(issued.userCode)).status).toBe('pending');
    // Another person's session is not held back by it.
    expect((await flow.describe(approver, issued.userCode)).userCode).toBe(issued.userCode);
    skewMs += 61_000;
    expect(await flow.deny(guesser, issued.userCode)).toBe(true);
  });
});
