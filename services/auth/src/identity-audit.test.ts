/**
 * Failed proofs and lockouts in the audit trails of the account's organisations, on a fresh
 * PostgreSQL database (written under row-level security, read back as the owner), and the guarded
 * attempt the second factor and the device flow go through.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CofferError } from '@coffer/contract';
import { openDatabase, type Database } from '@coffer/db';
import { createLogger } from '@coffer/telemetry';
import { connectAsOwner, createTestDatabase, type TestDatabase } from '@coffer/test-postgres';
import { generate } from 'otplib';
import { USER_ACTOR, type Principal } from '@coffer/grpc';
import { failure, identityForTests } from './auth-test-helpers.js';
import { createBruteForceGuard, type BruteForceGuard } from './brute-force.js';
import { createIdentityAudit, emailDigest, guardedAttempt, type IdentityAudit } from './identity-audit.js';
import { createIdentityStore } from './identity-store.js';
import { generateTicket, hashToken } from './tokens.js';

const CLIENT = { ip: '203.0.113.9', userAgent: 'audit-test/1.0' };
const LIMITS = { accountFailures: 3, addressFailures: 100, slowAfter: 100, lockoutMs: 60_000, maxDelayMs: 20 };

let testDb: TestDatabase;
let db: Database;
let owner: pg.Client;
let audit: IdentityAudit;
const chunks: string[] = [];
const orgs = { acme: randomUUID(), globex: randomUUID(), initech: randomUUID() };

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({ databaseUrl: testDb.url, dataDir: '/nonexistent' });
  owner = await connectAsOwner(testDb.url);
  for (const [slug, id] of Object.entries(orgs)) await owner.query('insert into organizations (id, slug, name) values ($1, $2, $2)', [id, slug]);
  const logger = createLogger({
    level: 'info',
    name: 'identity-audit-test',
    destination: new Writable({
      write(chunk, _encoding, done) {
        chunks.push(String(chunk));
        done();
      },
    }),
  });
  audit = createIdentityAudit({ knex: db.knex, store: createIdentityStore(), logger });
});

afterAll(async () => {
  await owner?.end();
  await db?.close();
  await testDb?.drop();
});

async function person(email: string, memberOf: string[]): Promise<string> {
  const id = randomUUID();
  await owner.query(`insert into users (id, email, name, password_hash) values ($1, $2, 'x', null)`, [id, email]);
  for (const orgId of memberOf) await owner.query(`insert into memberships (org_id, user_id, role) values ($1, $2, 'member')`, [orgId, id]);
  return id;
}

async function trailOf(userId: string) {
  const { rows } = await owner.query('select * from audit_logs where actor_id = $1 order by org_id, occurred_at, action', [userId]);
  return rows as Record<string, unknown>[];
}

describe('identity audit', () => {
  it("writes an event into the trail of each of the account's organisations, and only theirs", async () => {
    const userId = await person('ann@example.test', [orgs.acme, orgs.globex]);
    audit.record({ action: 'auth.login.failure', outcome: 'failure', userId, ip: CLIENT.ip, userAgent: CLIENT.userAgent, requestId: 'req-1' });
    await audit.settled();
    const rows = await trailOf(userId);
    expect(rows.map((row) => row.org_id).sort()).toEqual([orgs.acme, orgs.globex].sort());
    for (const row of rows) {
      expect(row).toMatchObject({
        actor_id: userId,
        actor_type: 'user',
        action: 'auth.login.failure',
        resource: `users/${userId}`,
        outcome: 'failure',
        request_id: 'req-1',
        ip: CLIENT.ip,
        user_agent: CLIENT.userAgent,
      });
    }
    expect(rows[0]!.id).not.toBe(rows[1]!.id);
  });

  it('logs an attempt on an unknown email with a digest of it, never the address, and writes no row', async () => {
    const before = (await owner.query('select count(*)::int as n from audit_logs')).rows[0].n;
    audit.record({
      action: 'auth.login.failure',
      outcome: 'failure',
      userId: undefined,
      email: 'Nobody.Here@example.test',
      ip: CLIENT.ip,
      userAgent: '',
      requestId: 'req-2',
    });
    await audit.settled();
    expect((await owner.query('select count(*)::int as n from audit_logs')).rows[0].n).toBe(before);
    const logs = chunks.join('');
    expect(logs).toContain(emailDigest('nobody.here@example.test'));
    expect(logs).not.toMatch(/nobody\.here/i);
  });
});

describe('guardedAttempt', () => {
  let guard: BruteForceGuard;
  beforeAll(() => {
    guard = createBruteForceGuard({ keySecret: randomBytes(32), limits: LIMITS, logger: createLogger({ level: 'silent', name: 'x' }) });
  });
  const refusal = () => new CofferError('UNAUTHENTICATED', 'wrong code');

  it('audits each failure and the lockout, then refuses without trying: nothing a right answer would spend is spent', async () => {
    const userId = await person('bo@example.test', [orgs.initech]);
    const input = { kind: 'device-approval' as const, userId, client: CLIENT };
    for (let i = 0; i < 3; i++) expect((await failure(guardedAttempt({ guard, audit }, input, async () => undefined, refusal))).message).toBe('wrong code');
    let tried = false;
    const locked = await failure(guardedAttempt({ guard, audit }, input, async () => (tried = true), refusal));
    expect(locked).toMatchObject({ code: 'UNAUTHENTICATED', message: 'wrong code' });
    expect(tried).toBe(false);
    await audit.settled();
    const actions = (await trailOf(userId)).map((row) => `${row.action} ${row.outcome}`).sort();
    expect(actions).toEqual([
      'auth.device-approval.failure denied',
      'auth.device-approval.failure failure',
      'auth.device-approval.failure failure',
      'auth.device-approval.failure failure',
      'auth.device-approval.lockout denied',
    ]);
  });

  it("answers what the try answers, and a success forgets the account's failures", async () => {
    const userId = await person('cy@example.test', []);
    const input = { kind: 'device-approval' as const, userId, client: CLIENT };
    for (let i = 0; i < 2; i++) await failure(guardedAttempt({ guard, audit }, input, async () => undefined, refusal));
    expect(await guardedAttempt({ guard, audit }, input, async () => 'approved', refusal)).toBe('approved');
    for (let i = 0; i < 2; i++) await failure(guardedAttempt({ guard, audit }, input, async () => undefined, refusal));
    expect(await guardedAttempt({ guard, audit }, input, async () => 'approved again', refusal)).toBe('approved again');
  });
});

describe('the identity service, guarded', () => {
  const limits = { accountFailures: 3, addressFailures: 3, slowAfter: 100, maxDelayMs: 20, lockoutMs: 60_000 };

  it('locks an address guessing reset links: a valid link from it is refused like a wrong one, and works from elsewhere', async () => {
    const { identity } = identityForTests(db.knex, { bruteForce: limits });
    const userId = await person('dee@example.test', [orgs.acme]);
    const ticket = generateTicket();
    await owner.query(`insert into auth_tickets (token_hash, purpose, user_id, expires_at) values ($1, 'reset-password', $2, now() + interval '1 hour')`, [
      hashToken(ticket),
      userId,
    ]);
    const guesser = { ip: '198.51.100.70', userAgent: 'guesser' };
    const wrong = [];
    for (let i = 0; i < 3; i++)
      wrong.push(await failure(identity.resetPassword({ token: generateTicket(), password: 'Violet-Harbour-Compass-77', client: guesser })));
    const locked = await failure(identity.resetPassword({ token: ticket, password: 'Violet-Harbour-Compass-77', client: guesser }));
    expect({ code: locked.code, message: locked.message }).toEqual({ code: wrong[0]!.code, message: wrong[0]!.message });
    expect(await identity.resetPassword({ token: ticket, password: 'Violet-Harbour-Compass-77', client: { ip: '198.51.100.71', userAgent: 'owner' } })).toBe(
      true,
    );
    await identity.auditSettled();
    // Random links name nobody: only the refusal of the real link is in the account's trail.
    expect((await trailOf(userId)).map((row) => `${row.action} ${row.outcome} ${row.ip}`)).toEqual(['auth.password-reset.failure denied 198.51.100.70']);
  });

  it('counts wrong codes given to turn two-factor off against the account: once locked, the right code is refused and two-factor stays on', async () => {
    const { identity } = identityForTests(db.knex, { bruteForce: limits });
    const userId = await person('eve@example.test', [orgs.globex]);
    const principal: Principal = {
      tokenId: randomUUID(),
      name: 'eve@example.test',
      actorType: USER_ACTOR,
      userId,
      orgId: '',
      orgSlug: '',
      permissions: [],
      grants: [],
      allowedCidrs: [],
      expiresAt: '',
      assertion: '',
    };
    const { secret } = await identity.beginTwoFactor(principal);
    const now = Math.floor(Date.now() / 1000);
    await identity.confirmTwoFactor(principal, await generate({ secret, epoch: now }));
    const refusals = [];
    for (let i = 0; i < 3; i++) refusals.push(await failure(identity.disableTwoFactor(principal, '000000')));
    const locked = await failure(identity.disableTwoFactor(principal, await generate({ secret, epoch: now + 30 })));
    expect({ code: locked.code, message: locked.message }).toEqual({ code: refusals[0]!.code, message: refusals[0]!.message });
    expect((await identity.twoFactorStatus(principal)).enabled).toBe(true);
    await identity.auditSettled();
    expect((await trailOf(userId)).map((row) => `${row.action} ${row.outcome}`).sort()).toEqual([
      'auth.second-factor.failure denied',
      'auth.second-factor.failure failure',
      'auth.second-factor.failure failure',
      'auth.second-factor.failure failure',
      'auth.second-factor.lockout denied',
    ]);
  });
});
