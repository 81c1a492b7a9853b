/**
 * People and their sessions on a fresh PostgreSQL database, with mail delivered to a real SMTP
 * server on loopback: what a user or an attacker would notice of sign-up, login, refresh, logout,
 * password reset, two-factor authentication and invitations, and what is really stored (read as
 * the database owner, past row-level security).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '@coffer/grpc';
import { startSmtpServer, type TestSmtpServer } from '@coffer/test-smtp';
import { createAccessStore } from './access-store.js';
import { createAuthService, type AuthService } from './auth-service.js';
import { createAuthStore } from './auth-store.js';
import { failure } from './auth-test-helpers.js';
import { FORGOT_PASSWORD_MESSAGE, SIGNUP_MESSAGE, type SessionTokens } from './identity-service.js';
import {
  acceptedTotpCodes,
  CLIENT,
  freshTotpCode,
  linkToken,
  openIdentityWorld,
  principalOf,
  PUBLIC_URL,
  sha256,
  type IdentityWorld,
} from './identity-test-support.js';
import { generateRefreshToken, generateTicket, generateToken, isWellFormedRefreshToken, REFRESH_TOKEN_PREFIX } from './tokens.js';

const OWNER_EMAIL = 'owner@acme.test';
const OWNER_PASSWORD = 'Quartz-Meadow-Lantern-41';
const PASSWORD = 'Violet-Harbour-Compass-77';
const NEW_PASSWORD = 'Amber-Glacier-Trumpet-58';
const ARGON2ID_PHC = /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const email = (name: string) => `${name}@identity.test`;

let smtp: TestSmtpServer;
/** Default lifetimes: every test but those of lifetimes. */
let main: IdentityWorld;
/** A session not refreshed for 1.5 s ends; links and login challenges expire at once. */
let idle: IdentityWorld;
/** A session ends 2 s after it began. */
let absolute: IdentityWorld;
let auth: AuthService;
let acme: Awaited<ReturnType<AuthService['bootstrap']>>;
/** Everything secret the tests handled: none of it may reach a log line. */
const secrets: string[] = [OWNER_PASSWORD, PASSWORD, NEW_PASSWORD];

beforeAll(async () => {
  smtp = await startSmtpServer();
  [main, idle, absolute] = await Promise.all([
    openIdentityWorld({ smtpUrl: smtp.url }),
    openIdentityWorld({ smtpUrl: smtp.url, lifetimes: { idleMs: 1_500, verifyEmailMs: 1, resetPasswordMs: 1, challengeMs: 1 } }),
    openIdentityWorld({ smtpUrl: smtp.url, lifetimes: { absoluteMs: 2_000 } }),
  ]);
  auth = createAuthService({ knex: main.db.knex, store: createAuthStore(), access: createAccessStore(), onTokenRevoked: async () => undefined });
  acme = await auth.bootstrap({
    orgSlug: 'acme',
    orgName: 'Acme Inc',
    projectSlug: 'api',
    projectName: 'api',
    owner: { email: OWNER_EMAIL, passwordHash: await main.identity.ownerPasswordHash(OWNER_PASSWORD, OWNER_EMAIL) },
  });
});

afterAll(async () => {
  await Promise.all([main, idle, absolute].map((world) => world?.close()));
  await smtp?.close();
});

/** Signs up, takes the verification mail and, unless told not to, verifies the address. */
async function signUp(address: string, options: { world?: IdentityWorld; password?: string; verify?: boolean } = {}) {
  const world = options.world ?? main;
  await world.identity.signup({ email: address, password: options.password ?? PASSWORD, name: address.split('@')[0]! });
  const verifyToken = linkToken(await smtp.nextMessage(address), '/verify-email');
  secrets.push(verifyToken);
  if (options.verify ?? true) await world.identity.verifyEmail(verifyToken);
  return { userId: await userIdOf(address, world), verifyToken };
}

async function userIdOf(address: string, world = main): Promise<string> {
  const { rows } = await world.owner.query<{ id: string }>('select id from users where email = $1', [address]);
  if (!rows[0]) throw new Error(`no user ${address}`);
  return rows[0].id;
}

async function logIn(address: string, password = PASSWORD, world = main): Promise<SessionTokens> {
  const answer = await world.identity.login({ email: address, password, client: CLIENT });
  if (!answer.tokens) throw new Error(`login of ${address} asked for a second factor`);
  secrets.push(answer.tokens.accessToken, answer.tokens.refreshToken);
  return answer.tokens;
}

async function principal(tokens: SessionTokens, orgSlug = '', world = main): Promise<Principal> {
  return principalOf(await world.identity.authenticateSession(tokens.accessToken, orgSlug));
}

async function addMember(orgSlug: string, userId: string, role: string): Promise<void> {
  await main.owner.query(`insert into memberships (org_id, user_id, role) select id, $2, $3 from organizations where slug = $1`, [orgSlug, userId, role]);
}

async function rowsOf(table: string, where = 'true', params: unknown[] = [], world = main): Promise<Record<string, unknown>[]> {
  return (await world.owner.query<Record<string, unknown>>(`select * from ${table} where ${where}`, params)).rows;
}

const messagesTo = (address: string) => smtp.messages.filter((mail) => mail.to.includes(address));

describe('sign-up and email verification', () => {
  it('mails a link that verifies the address once; only the SHA-256 of its token is stored', async () => {
    const address = email('ada');
    expect(await main.identity.signup({ email: address, password: PASSWORD, name: 'Ada' })).toEqual({ message: SIGNUP_MESSAGE });
    const mail = await smtp.nextMessage(address);
    expect(mail.subject).toBe('Verify your email address for Coffer');
    expect(mail.links[0]).toMatch(new RegExp(`^${PUBLIC_URL.replaceAll('.', '\\.')}/verify-email\\?token=`));
    const token = linkToken(mail, '/verify-email');
    secrets.push(token);
    const userId = await userIdOf(address);
    expect((await rowsOf('users', 'id = $1', [userId]))[0]).toMatchObject({ name: 'Ada', email_verified_at: null });

    const tickets = await rowsOf('auth_tickets', 'user_id = $1', [userId]);
    expect(tickets).toMatchObject([{ purpose: 'verify-email', token_hash: sha256(token), used_at: null }]);
    expect(JSON.stringify(await rowsOf('auth_tickets'))).not.toContain(token);

    expect(await main.identity.verifyEmail(token)).toBe(true);
    expect((await rowsOf('users', 'id = $1', [userId]))[0]!.email_verified_at).toBeInstanceOf(Date);

    const again = await failure(main.identity.verifyEmail(token));
    expect(again.code).toBe('INVALID_ARGUMENT');
    expect(again.message).toMatch(/^token: /);
    expect(again.message).not.toContain(token);
    // A used link answers exactly as one that never existed.
    expect((await failure(main.identity.verifyEmail(generateTicket()))).message).toBe(again.message);
  });

  it('refuses an expired link and leaves the address unverified', async () => {
    const address = email('late-ada');
    const { userId, verifyToken } = await signUp(address, { world: idle, verify: false });
    await sleep(10);
    const expired = await failure(idle.identity.verifyEmail(verifyToken));
    expect(expired.code).toBe('INVALID_ARGUMENT');
    expect(expired.message).toMatch(/^token: /);
    expect((await rowsOf('users', 'id = $1', [userId], idle))[0]!.email_verified_at).toBeNull();
  });

  it('answers a sign-up of a taken address identically, mails "account exists" to it instead, and leaves the account as it was', async () => {
    const address = email('grace');
    const first = await main.identity.signup({ email: address, password: PASSWORD, name: 'Grace' });
    await smtp.nextMessage(address);
    const attackerPassword = 'Mallory-Takes-Over-2029';
    const second = await main.identity.signup({ email: address, password: attackerPassword, name: 'Mallory' });
    expect(second).toEqual(first);

    const mail = await smtp.nextMessage(address);
    expect(mail.subject).toBe('You already have a Coffer account');
    secrets.push(linkToken(mail, '/reset-password'));
    expect(mail.links.some((link) => link.includes('/verify-email'))).toBe(false);

    const rows = await rowsOf('users', 'email = $1', [address]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: 'Grace' });
    expect((await failure(main.identity.login({ email: address, password: attackerPassword, client: CLIENT }))).code).toBe('UNAUTHENTICATED');
    expect((await logIn(address)).sessionId).toBeTruthy();
  });

  it('refuses a weak password with INVALID_ARGUMENT naming password, storing and sending nothing', async () => {
    const address = email('weakling');
    const counts = async () =>
      (await main.owner.query<{ n: number }>('select (select count(*) from users) + (select count(*) from auth_tickets) as n')).rows[0]!.n;
    const before = await counts();
    for (const password of ['Short-pw-1', 'qwerty123456', 'QWERTY123456', 'Weakling-Rocket-2029']) {
      const refused = await failure(main.identity.signup({ email: address, password, name: 'Weak' }));
      expect(refused.code, password).toBe('INVALID_ARGUMENT');
      expect(refused.details?.field, password).toBe('password');
      expect(refused.message, password).toMatch(/^password: /);
      expect(refused.message, password).not.toContain(password);
    }
    expect(await counts()).toBe(before);
    // A sign-up after them is delivered; nothing was sent to the refused address before it.
    await signUp(email('strong-after-weak'), { verify: false });
    expect(messagesTo(address)).toEqual([]);
  });
});

describe('login', () => {
  it('opens a session for the right password: an access token that verifies and a coffer_rt_ refresh token', async () => {
    const address = email('lovelace');
    const { userId } = await signUp(address);
    const tokens = await logIn(address);
    expect(tokens).toMatchObject({ tokenType: 'Bearer', expiresIn: 15 * 60 });
    expect(await main.sessionKeys.verifyAccessToken(tokens.accessToken)).toMatchObject({ userId, sessionId: tokens.sessionId });
    expect(tokens.refreshToken.startsWith(REFRESH_TOKEN_PREFIX)).toBe(true);
    expect(isWellFormedRefreshToken(tokens.refreshToken)).toBe(true);
    expect(await rowsOf('sessions', 'id = $1', [tokens.sessionId])).toMatchObject([
      { user_id: userId, method: 'password', mfa: false, ip: CLIENT.ip, user_agent: CLIENT.userAgent, revoked_at: null },
    ]);
  });

  it('answers an unknown email, a wrong password and an account without a password with one identical error', async () => {
    const address = email('hopper');
    const { userId } = await signUp(address);
    const ssoAddress = email('sso-only');
    const ssoId = randomUUID();
    await main.owner.query(`insert into users (id, email, name, password_hash, email_verified_at) values ($1, $2, 'SSO', null, now())`, [ssoId, ssoAddress]);
    const attempts = {
      'unknown email': { email: email('nobody'), password: PASSWORD },
      'wrong password': { email: address, password: NEW_PASSWORD },
      'password in another case': { email: address, password: PASSWORD.toUpperCase() },
      'single sign-on only': { email: ssoAddress, password: PASSWORD },
      'single sign-on only, empty password': { email: ssoAddress, password: '' },
    };
    const refusals = [];
    for (const [name, attempt] of Object.entries(attempts)) {
      const refused = await failure(main.identity.login({ ...attempt, client: CLIENT }));
      refusals.push({ name, code: refused.code, message: refused.message });
    }
    const expected = { code: 'UNAUTHENTICATED', message: refusals[0]!.message };
    expect(refusals).toEqual(Object.keys(attempts).map((name) => ({ name, ...expected })));
    expect(expected.message).not.toMatch(/nobody|hopper|sso/);
    expect(await rowsOf('sessions', 'user_id = any($1)', [[userId, ssoId]])).toEqual([]);
  });

  it('takes as long for an unknown email as for a wrong password: medians of 15 interleaved runs each within 25 % (best of 3 rounds)', async () => {
    const address = email('timed');
    await signUp(address);
    const timed = async (attempt: { email: string; password: string }) => {
      const start = process.hrtime.bigint();
      await failure(main.identity.login({ ...attempt, client: CLIENT }));
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    const unknown = { email: email('never-signed-up'), password: PASSWORD };
    const wrong = { email: address, password: NEW_PASSWORD };
    // Warm-up: the dummy hash, the connection pool, the JIT.
    for (let i = 0; i < 2; i++) {
      await timed(unknown);
      await timed(wrong);
    }
    const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
    const round = async () => {
      const runs = { unknown: [] as number[], wrong: [] as number[] };
      for (let i = 0; i < 15; i++) {
        // Alternating the order, so that neither always runs on the warmer process.
        const order = i % 2 === 0 ? (['unknown', 'wrong'] as const) : (['wrong', 'unknown'] as const);
        for (const kind of order) runs[kind].push(await timed(kind === 'unknown' ? unknown : wrong));
      }
      const [a, b] = [median(runs.unknown), median(runs.wrong)];
      return { ratio: Math.max(a, b) / Math.min(a, b), medians: `unknown ${a.toFixed(1)} ms, wrong password ${b.toFixed(1)} ms` };
    };
    // Other processes on the machine can slow a stretch of runs; a real difference (a skipped
    // verification) shows in every round, a burst of load only in some.
    const rounds = [];
    for (let i = 0; i < 3; i++) {
      rounds.push(await round());
      if (rounds.at(-1)!.ratio <= 1.25) break;
    }
    const best = rounds.reduce((x, y) => (y.ratio < x.ratio ? y : x));
    expect(best.ratio, rounds.map((r) => r.medians).join('; ')).toBeLessThanOrEqual(1.25);
  });

  it('stores passwords only as argon2id PHC strings', async () => {
    const rows = await rowsOf('users', 'password_hash is not null');
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) expect(row.password_hash, String(row.email)).toMatch(ARGON2ID_PHC);
    const stored = JSON.stringify(rows);
    for (const password of [OWNER_PASSWORD, PASSWORD]) expect(stored).not.toContain(password);
  });
});

describe('refresh', () => {
  it('rotates: new tokens for the same session, each refresh token stored only as its SHA-256', async () => {
    const address = email('rotor');
    const { userId } = await signUp(address);
    const first = await logIn(address);
    const second = await main.identity.refresh(first.refreshToken);
    secrets.push(second.accessToken, second.refreshToken);
    expect(second.sessionId).toBe(first.sessionId);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(isWellFormedRefreshToken(second.refreshToken)).toBe(true);
    expect(await main.sessionKeys.verifyAccessToken(second.accessToken)).toMatchObject({ userId, sessionId: first.sessionId });
    expect((await main.identity.authenticateSession(second.accessToken, '')).tokenId).toBe(first.sessionId);

    const rows = await rowsOf('refresh_tokens', 'session_id = $1', [first.sessionId]);
    expect(new Set(rows.map((row) => row.token_hash))).toEqual(new Set([sha256(first.refreshToken), sha256(second.refreshToken)]));
    expect(rows.find((row) => row.token_hash === sha256(first.refreshToken))?.used_at).toBeInstanceOf(Date);
    const stored = JSON.stringify(await rowsOf('refresh_tokens'));
    for (const token of [first.refreshToken, second.refreshToken]) {
      expect(stored).not.toContain(token);
      expect(stored).not.toContain(token.slice(REFRESH_TOKEN_PREFIX.length, REFRESH_TOKEN_PREFIX.length + 20));
    }
  });

  it('revokes the whole session when a used refresh token comes back: the newest refresh and access tokens stop working too', async () => {
    const address = email('stolen');
    await signUp(address);
    const first = await logIn(address);
    const second = await main.identity.refresh(first.refreshToken);
    const newest = await main.identity.refresh(second.refreshToken);
    secrets.push(second.refreshToken, newest.refreshToken, newest.accessToken);
    const before = main.revoked.length;

    const replayed = await failure(main.identity.refresh(second.refreshToken));
    expect(replayed.code).toBe('UNAUTHENTICATED');
    // The thief learns nothing from the answer: it is that of a token that never existed.
    expect((await failure(main.identity.refresh(generateRefreshToken()))).message).toBe(replayed.message);
    expect(main.revoked.slice(before)).toEqual([first.sessionId]);

    expect((await failure(main.identity.refresh(newest.refreshToken))).code).toBe('UNAUTHENTICATED');
    expect((await failure(main.identity.authenticateSession(newest.accessToken, ''))).code).toBe('UNAUTHENTICATED');
    expect(await rowsOf('sessions', 'id = $1', [first.sessionId])).toMatchObject([{ revoked_reason: 'refresh token reused' }]);
    expect(main.logs()).toContain(first.sessionId);
  });

  it('refuses a malformed, an API-token-shaped and an unknown refresh token alike', async () => {
    const messages = new Set<string>();
    for (const token of ['', 'not a token', generateToken(), generateRefreshToken(), `${generateRefreshToken().slice(0, -1)}A`]) {
      const refused = await failure(main.identity.refresh(token));
      expect(refused.code).toBe('UNAUTHENTICATED');
      messages.add(refused.message);
    }
    expect(messages.size).toBe(1);
  });

  it('ends a session not refreshed within the idle lifetime (1.5 s here), however recently it was refreshed before', async () => {
    const address = email('idler');
    await signUp(address, { world: idle, verify: false });
    const first = await logIn(address, PASSWORD, idle);
    await sleep(800);
    const second = await idle.identity.refresh(first.refreshToken);
    await sleep(800);
    // 1.6 s after login, 0.8 s after the last refresh: still alive.
    const third = await idle.identity.refresh(second.refreshToken);
    const before = await principal(third, '', idle);
    expect((await idle.identity.listSessions(before)).map((session) => session.id)).toEqual([first.sessionId]);
    await sleep(1_700);
    expect((await failure(idle.identity.refresh(third.refreshToken))).code).toBe('UNAUTHENTICATED');
    expect(await idle.identity.listSessions(before)).toEqual([]);
  });

  it('ends a session at its absolute lifetime (2 s here), however often it was refreshed', async () => {
    const address = email('marathon');
    await signUp(address, { world: absolute, verify: false });
    const started = Date.now();
    const first = await logIn(address, PASSWORD, absolute);
    let current = first;
    for (let i = 0; i < 2; i++) {
      await sleep(400);
      current = await absolute.identity.refresh(current.refreshToken);
    }
    await sleep(Math.max(0, started + 2_100 - Date.now()));
    expect((await failure(absolute.identity.refresh(current.refreshToken))).code).toBe('UNAUTHENTICATED');
    expect((await failure(absolute.identity.authenticateSession(current.accessToken, ''))).code).toBe('UNAUTHENTICATED');
  });
});

describe('logout and sessions', () => {
  it("logout with a session's principal ends that session, and only it", async () => {
    const address = email('leaver');
    await signUp(address);
    const [ending, staying] = [await logIn(address), await logIn(address)];
    const before = main.revoked.length;
    expect(await main.identity.logout({ principal: await principal(ending), refreshToken: '' })).toBe(true);
    expect(main.revoked.slice(before)).toEqual([ending.sessionId]);
    expect((await failure(main.identity.authenticateSession(ending.accessToken, ''))).code).toBe('UNAUTHENTICATED');
    expect((await failure(main.identity.refresh(ending.refreshToken))).code).toBe('UNAUTHENTICATED');
    expect((await main.identity.authenticateSession(staying.accessToken, '')).tokenId).toBe(staying.sessionId);
  });

  it('logout with a refresh token ends its session', async () => {
    const address = email('leaver-by-refresh');
    await signUp(address);
    const tokens = await logIn(address);
    const before = main.revoked.length;
    expect(await main.identity.logout({ refreshToken: tokens.refreshToken })).toBe(true);
    expect(main.revoked.slice(before)).toEqual([tokens.sessionId]);
    expect((await failure(main.identity.authenticateSession(tokens.accessToken, ''))).code).toBe('UNAUTHENTICATED');
    expect((await failure(main.identity.refresh(tokens.refreshToken))).code).toBe('UNAUTHENTICATED');
    expect((await failure(main.identity.logout({ refreshToken: generateRefreshToken() }))).code).toBe('UNAUTHENTICATED');
  });

  it("lists the caller's active sessions, newest first, the caller's own marked current", async () => {
    const address = email('lister');
    await signUp(address);
    const first = await logIn(address);
    const second = await logIn(address);
    const ended = await logIn(address);
    await main.identity.logout({ refreshToken: ended.refreshToken });
    const sessions = await main.identity.listSessions(await principal(first));
    expect(sessions.map(({ id, current }) => ({ id, current }))).toEqual([
      { id: second.sessionId, current: false },
      { id: first.sessionId, current: true },
    ]);
    expect(sessions[1]).toMatchObject({ method: 'password', ip: CLIENT.ip, userAgent: CLIENT.userAgent, secondFactor: false });
    expect(JSON.stringify(sessions)).not.toContain(first.refreshToken);
  });

  it("revokes one's own session; another user's session id answers NOT_FOUND as an unknown one, stays alive, and nothing is published", async () => {
    await signUp(email('victim'));
    await signUp(email('intruder'));
    const victim = await logIn(email('victim'));
    const [intruder, intruderOther] = [await logIn(email('intruder')), await logIn(email('intruder'))];
    const asIntruder = await principal(intruder);
    const before = main.revoked.length;

    const refused = await failure(main.identity.revokeSession(asIntruder, victim.sessionId));
    const unknownId = randomUUID();
    const unknown = await failure(main.identity.revokeSession(asIntruder, unknownId));
    expect(refused.code).toBe('NOT_FOUND');
    expect(refused.message.replace(victim.sessionId, '<id>')).toBe(unknown.message.replace(unknownId, '<id>'));
    expect(main.revoked).toHaveLength(before);
    expect((await main.identity.authenticateSession(victim.accessToken, '')).tokenId).toBe(victim.sessionId);
    expect(await rowsOf('sessions', 'id = $1', [victim.sessionId])).toMatchObject([{ revoked_at: null }]);

    expect(await main.identity.revokeSession(asIntruder, intruderOther.sessionId)).toBe(true);
    expect(main.revoked.slice(before)).toEqual([intruderOther.sessionId]);
    expect((await failure(main.identity.authenticateSession(intruderOther.accessToken, ''))).code).toBe('UNAUTHENTICATED');
    expect((await main.identity.authenticateSession(intruder.accessToken, '')).tokenId).toBe(intruder.sessionId);
    // Revoked already: nothing to revoke, nobody told again.
    expect((await failure(main.identity.revokeSession(asIntruder, intruderOther.sessionId))).code).toBe('NOT_FOUND');
    expect(main.revoked.slice(before)).toEqual([intruderOther.sessionId]);
  });
});

describe('authenticateSession', () => {
  it('outside any organisation grants orgs:create only once the address is verified', async () => {
    const address = email('newcomer');
    const { userId, verifyToken } = await signUp(address, { verify: false });
    const tokens = await logIn(address);
    const claims = await main.identity.authenticateSession(tokens.accessToken, '');
    expect(claims).toEqual({
      tokenId: tokens.sessionId,
      orgId: '',
      orgSlug: '',
      name: address,
      actorType: 'user',
      userId,
      permissions: [],
      grants: [],
      allowedCidrs: [],
      expiresAt: '',
    });
    await main.identity.verifyEmail(verifyToken);
    expect((await main.identity.authenticateSession(tokens.accessToken, '')).permissions).toEqual(['orgs:create']);
  });

  it("in an organisation grants the member's role: an owner admin, a member the member list", async () => {
    const owner = await logIn(OWNER_EMAIL, OWNER_PASSWORD);
    expect(await main.identity.authenticateSession(owner.accessToken, 'acme')).toEqual({
      tokenId: owner.sessionId,
      orgId: acme.org.id,
      orgSlug: 'acme',
      name: OWNER_EMAIL,
      actorType: 'user',
      userId: await userIdOf(OWNER_EMAIL),
      permissions: ['admin'],
      grants: [],
      allowedCidrs: [],
      expiresAt: '',
    });
    const address = email('member');
    const { userId } = await signUp(address);
    await addMember('acme', userId, 'member');
    const member = await main.identity.authenticateSession((await logIn(address)).accessToken, 'acme');
    expect(member).toMatchObject({ orgId: acme.org.id, orgSlug: 'acme', userId });
    // A member holds nothing organisation-wide: what they may do is granted per project.
    expect(member.permissions).toEqual([]);
    expect(member.grants).toEqual([]);
  });

  it("carries a member's grants: a project role on one environment, or permissions on the whole project", async () => {
    const address = email('granted');
    const { userId } = await signUp(address);
    await addMember('acme', userId, 'member');
    await main.owner.query(
      `insert into grants (id, org_id, user_id, project_id, environment_id, role_id, created_by)
        select gen_random_uuid(), p.org_id, $1, p.id, e.id, r.id, 'test' from projects p
        join environments e on e.project_id = p.id and e.slug = 'staging'
        join roles r on r.org_id is null and r.scope = 'project' and r.name = 'viewer'
        where p.id = $2`,
      [userId, acme.project.id],
    );
    const claims = await main.identity.authenticateSession((await logIn(address)).accessToken, 'acme');
    expect(claims.grants).toEqual([{ project: 'api', environments: ['staging'], permissions: ['read'], breakGlassId: '' }]);
    await main.owner.query(`update grants set role_id = null, permissions = '{read,reveal}', environment_id = null where user_id = $1`, [userId]);
    const widened = await main.identity.authenticateSession((await logIn(address)).accessToken, 'acme');
    expect(widened.grants).toEqual([{ project: 'api', environments: [], permissions: ['read', 'reveal'], breakGlassId: '' }]);
  });

  it('answers an organisation the user is not a member of exactly as a missing one', async () => {
    const address = email('outsider');
    await signUp(address);
    const tokens = await logIn(address);
    const answers = [];
    for (const slug of ['acme', 'no-such-org', 'Not A Slug!']) {
      const refused = await failure(main.identity.authenticateSession(tokens.accessToken, slug));
      answers.push({ code: refused.code, message: refused.message });
    }
    expect(answers[0]!.code).toBe('NOT_FOUND');
    expect(answers).toEqual([answers[0], answers[0], answers[0]]);
  });

  it('refuses a revoked session as it refuses a forged token: UNAUTHENTICATED', async () => {
    const address = email('revoked-reader');
    await signUp(address);
    const tokens = await logIn(address);
    await main.identity.logout({ refreshToken: tokens.refreshToken });
    const revoked = await failure(main.identity.authenticateSession(tokens.accessToken, ''));
    const forged = await failure(main.identity.authenticateSession(`${tokens.accessToken.slice(0, -4)}AAAA`, ''));
    expect([revoked.code, forged.code]).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect(revoked.message).toBe(forged.message);
  });

  it('in an organisation requiring 2FA refuses a member without it, and admits the session that enrols and confirms', async () => {
    const founderAddress = email('founder');
    await signUp(founderAddress);
    const founder = await logIn(founderAddress);
    await auth.createOrg(await principal(founder), { slug: 'fortress', name: 'Fortress' });
    const guardAddress = email('guard');
    const { userId } = await signUp(guardAddress);
    await addMember('fortress', userId, 'member');
    expect((await main.identity.authenticateSession(founder.accessToken, 'fortress')).permissions).toEqual(['admin']);
    await main.owner.query(`update organizations set require_2fa = true where slug = 'fortress'`);

    const enrolling = await logIn(guardAddress);
    const bystanding = await logIn(guardAddress);
    for (const tokens of [enrolling, founder]) {
      expect((await failure(main.identity.authenticateSession(tokens.accessToken, 'fortress'))).code).toBe('PERMISSION_DENIED');
    }
    // Signed in outside the organisation, the member can still enrol.
    const self = await principal(enrolling);
    const { secret } = await main.identity.beginTwoFactor(self);
    secrets.push(secret);
    await main.identity.confirmTwoFactor(self, await freshTotpCode(main.owner, userId, secret));

    const admitted = await main.identity.authenticateSession(enrolling.accessToken, 'fortress');
    expect(admitted).toMatchObject({ orgSlug: 'fortress', userId, permissions: [] });
    // A session that never gave the second factor stays out.
    expect((await failure(main.identity.authenticateSession(bystanding.accessToken, 'fortress'))).code).toBe('PERMISSION_DENIED');
  });
});

describe('whoAmI', () => {
  it("answers the caller's account and the organisations they belong to, and nobody else's", async () => {
    const address = email('multi');
    const { userId } = await signUp(address);
    const tokens = await logIn(address);
    await auth.createOrg(await principal(tokens), { slug: 'multi-one', name: 'Multi One' });
    await addMember('acme', userId, 'member');
    const inAcme = await principal(tokens, 'acme');
    const me = await main.identity.whoAmI(inAcme);
    expect(me.user).toMatchObject({ id: userId, email: address, emailVerified: true, twoFactorEnabled: false });
    expect(me.sessionId).toBe(tokens.sessionId);
    expect(me.memberships.map(({ org, role }) => ({ slug: org.slug, role }))).toEqual([
      { slug: 'acme', role: 'member' },
      { slug: 'multi-one', role: 'owner' },
    ]);
    expect((await auth.listOrgs(inAcme)).map((org) => org.slug)).toEqual(['acme', 'multi-one']);
    const apiToken = await auth.authenticate(acme.token!.token);
    expect((await failure(main.identity.whoAmI(principalOf(apiToken)))).code).toBe('FAILED_PRECONDITION');
  });
});

describe('password reset', () => {
  it('answers the same for an unknown and a known address; only the known one gets a message', async () => {
    const known = email('forgetful');
    const unknown = email('not-a-user');
    await signUp(known);
    const forUnknown = await main.identity.forgotPassword(unknown);
    const forKnown = await main.identity.forgotPassword(known);
    expect(forUnknown).toEqual(forKnown);
    expect(forKnown).toEqual({ message: FORGOT_PASSWORD_MESSAGE });
    const mail = await smtp.nextMessage(known);
    expect(mail.subject).toBe('Reset your Coffer password');
    const token = linkToken(mail, '/reset-password');
    secrets.push(token);
    expect(await rowsOf('auth_tickets', 'token_hash = $1', [sha256(token)])).toMatchObject([{ purpose: 'reset-password', used_at: null }]);
    expect(JSON.stringify(await rowsOf('auth_tickets'))).not.toContain(token);
    expect(messagesTo(unknown)).toEqual([]);
  });

  it('sets the new password, ends every session of the account, and the link works once', async () => {
    const address = email('resetter');
    await signUp(address);
    const sessions = [await logIn(address), await logIn(address)];
    await main.identity.forgotPassword(address);
    const token = linkToken(await smtp.nextMessage(address), '/reset-password');
    secrets.push(token);
    const before = main.revoked.length;

    expect(await main.identity.resetPassword({ token, password: NEW_PASSWORD })).toBe(true);
    expect([...main.revoked.slice(before)].sort()).toEqual(sessions.map((session) => session.sessionId).sort());
    for (const session of sessions) {
      expect((await failure(main.identity.authenticateSession(session.accessToken, ''))).code).toBe('UNAUTHENTICATED');
      expect((await failure(main.identity.refresh(session.refreshToken))).code).toBe('UNAUTHENTICATED');
    }
    expect((await failure(main.identity.login({ email: address, password: PASSWORD, client: CLIENT }))).code).toBe('UNAUTHENTICATED');
    await logIn(address, NEW_PASSWORD);
    expect((await smtp.nextMessage(address)).subject).toBe('Your Coffer password was changed');

    const third = 'Cobalt-Pelican-Sundial-16';
    const again = await failure(main.identity.resetPassword({ token, password: third }));
    expect(again.code).toBe('INVALID_ARGUMENT');
    expect(again.message).toMatch(/^token: /);
    expect((await failure(main.identity.login({ email: address, password: third, client: CLIENT }))).code).toBe('UNAUTHENTICATED');
    await logIn(address, NEW_PASSWORD);
  });

  it('refuses a weak new password naming password, changes nothing, and leaves the link usable', async () => {
    const address = email('careful');
    await signUp(address);
    await main.identity.forgotPassword(address);
    const token = linkToken(await smtp.nextMessage(address), '/reset-password');
    secrets.push(token);
    const kept = await logIn(address);
    const before = main.revoked.length;

    const refused = await failure(main.identity.resetPassword({ token, password: 'qwerty123456' }));
    expect(refused.code).toBe('INVALID_ARGUMENT');
    expect(refused.details?.field).toBe('password');
    expect(main.revoked).toHaveLength(before);
    expect((await main.identity.authenticateSession(kept.accessToken, '')).tokenId).toBe(kept.sessionId);
    await logIn(address);

    expect(await main.identity.resetPassword({ token, password: NEW_PASSWORD })).toBe(true);
    await logIn(address, NEW_PASSWORD);
  });

  it('refuses an expired link and keeps the old password', async () => {
    const address = email('slow-resetter');
    await signUp(address, { world: idle, verify: false });
    await idle.identity.forgotPassword(address);
    const token = linkToken(await smtp.nextMessage(address), '/reset-password');
    secrets.push(token);
    await sleep(10);
    const expired = await failure(idle.identity.resetPassword({ token, password: NEW_PASSWORD }));
    expect(expired.code).toBe('INVALID_ARGUMENT');
    expect(expired.message).toMatch(/^token: /);
    await logIn(address, PASSWORD, idle);
  });

  it('honours only the latest link when several were asked for', async () => {
    const address = email('double-ask');
    await signUp(address);
    await main.identity.forgotPassword(address);
    const older = linkToken(await smtp.nextMessage(address), '/reset-password');
    await main.identity.forgotPassword(address);
    const newer = linkToken(await smtp.nextMessage(address), '/reset-password');
    secrets.push(older, newer);
    expect((await failure(main.identity.resetPassword({ token: older, password: NEW_PASSWORD }))).code).toBe('INVALID_ARGUMENT');
    expect(await main.identity.resetPassword({ token: newer, password: NEW_PASSWORD })).toBe(true);
  });
});

describe('two-factor authentication', () => {
  const address = email('twofa');
  let userId: string;
  let secret: string;
  let recoveryCodes: string[];
  let usedCode: string;

  const startLogin = async () => {
    const answer = await main.identity.login({ email: address, password: PASSWORD, client: CLIENT });
    expect(answer).toEqual({ secondFactorRequired: true, challenge: expect.any(String) });
    secrets.push(answer.challenge!);
    return answer.challenge!;
  };
  const secondFactor = (challenge: string, answer: { code?: string; recoveryCode?: string }) =>
    main.identity.loginSecondFactor({ challenge, code: answer.code ?? '', recoveryCode: answer.recoveryCode ?? '', client: CLIENT });
  const wrongCodes = async (count: number) => {
    const accepted = await acceptedTotpCodes(secret);
    const codes: string[] = [];
    for (let n = 100_000; codes.length < count; n += 111_111) if (!accepted.has(String(n))) codes.push(String(n));
    return codes;
  };

  beforeAll(async () => {
    ({ userId } = await signUp(address));
  });

  it('begin answers an otpauth URI and a PNG QR code; two-factor stays off until a code confirms it', async () => {
    const self = await principal(await logIn(address));
    const began = await main.identity.beginTwoFactor(self);
    secret = began.secret;
    secrets.push(secret);
    const uri = new URL(began.otpauthUri);
    expect([uri.protocol, uri.host]).toEqual(['otpauth:', 'totp']);
    expect(decodeURIComponent(uri.pathname)).toBe(`/Coffer:${address}`);
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(began.qrCode.startsWith('data:image/png;base64,')).toBe(true);
    const png = Buffer.from(began.qrCode.slice('data:image/png;base64,'.length), 'base64');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

    expect(await main.identity.twoFactorStatus(self)).toEqual({ enabled: false, pending: true, recoveryCodesLeft: 0 });
    expect((await main.identity.login({ email: address, password: PASSWORD, client: CLIENT })).secondFactorRequired).toBe(false);
    const [wrong] = await wrongCodes(1);
    const refused = await failure(main.identity.confirmTwoFactor(self, wrong!));
    expect(refused.code).toBe('INVALID_ARGUMENT');
    expect(refused.message).toMatch(/^code: /);
    expect((await main.identity.twoFactorStatus(self)).enabled).toBe(false);
  });

  it('confirm answers ten recovery codes, stored only hashed, and the secret is stored only sealed', async () => {
    const session = await logIn(address);
    const self = await principal(session);
    ({ recoveryCodes } = await main.identity.confirmTwoFactor(self, await freshTotpCode(main.owner, userId, secret)));
    secrets.push(...recoveryCodes);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[0-9a-z]{5}-[0-9a-z]{5}$/);

    const stored = await rowsOf('user_recovery_codes', 'user_id = $1', [userId]);
    expect(new Set(stored.map((row) => row.code_hash))).toEqual(new Set(recoveryCodes.map((code) => sha256(code.replace('-', '')))));
    const dump = JSON.stringify(stored);
    for (const code of recoveryCodes) {
      expect(dump).not.toContain(code);
      expect(dump).not.toContain(code.replace('-', ''));
    }
    const [user] = await rowsOf('users', 'id = $1', [userId]);
    expect(user!.totp_enabled_at).toBeInstanceOf(Date);
    expect(typeof user!.totp_secret_sealed).toBe('string');
    expect(JSON.stringify(user)).not.toContain(secret);
    expect(JSON.stringify(user).toLowerCase()).not.toContain(secret.toLowerCase());

    expect(await main.identity.twoFactorStatus(self)).toEqual({ enabled: true, pending: false, recoveryCodesLeft: 10 });
    // The session that confirmed counts as having given the second factor.
    expect(await rowsOf('sessions', 'id = $1', [session.sessionId])).toMatchObject([{ mfa: true }]);
  });

  it('login then asks for the second factor; a valid code opens a session; the challenge works once', async () => {
    const challenge = await startLogin();
    expect(await rowsOf('auth_tickets', 'token_hash = $1', [sha256(challenge)])).toMatchObject([{ purpose: 'login-challenge', user_id: userId }]);
    usedCode = await freshTotpCode(main.owner, userId, secret);
    const { tokens } = await secondFactor(challenge, { code: usedCode });
    secrets.push(tokens.accessToken, tokens.refreshToken);
    expect(await main.sessionKeys.verifyAccessToken(tokens.accessToken)).toMatchObject({ userId, sessionId: tokens.sessionId });
    const listed = await main.identity.listSessions(await principal(tokens));
    expect(listed.find((session) => session.current)).toMatchObject({ id: tokens.sessionId, secondFactor: true });
    // A used challenge refuses even a good recovery code, without spending it.
    expect((await failure(secondFactor(challenge, { recoveryCode: recoveryCodes[0]! }))).code).toBe('UNAUTHENTICATED');
    expect((await main.identity.twoFactorStatus(await principal(tokens))).recoveryCodesLeft).toBe(10);
  });

  it('refuses a code already used, at a new login with a new challenge (replay)', async () => {
    const challenge = await startLogin();
    const replayed = await failure(secondFactor(challenge, { code: usedCode }));
    expect(replayed.code).toBe('UNAUTHENTICATED');
    expect((await failure(secondFactor(generateTicket(), { code: usedCode }))).message).toBe(replayed.message);
  });

  it('accepts a recovery code once, however it is typed; its second use is refused', async () => {
    const { tokens } = await secondFactor(await startLogin(), { recoveryCode: recoveryCodes[0]! });
    expect(tokens.sessionId).toBeTruthy();
    expect((await failure(secondFactor(await startLogin(), { recoveryCode: recoveryCodes[0]! }))).code).toBe('UNAUTHENTICATED');
    const typed = recoveryCodes[1]!.toUpperCase().replace('-', ' ');
    const second = await secondFactor(await startLogin(), { recoveryCode: typed });
    expect((await main.identity.twoFactorStatus(await principal(second.tokens))).recoveryCodesLeft).toBe(8);
  });

  it('burns a challenge after five wrong codes (the sixth answer is refused even when right); after four, the fifth still passes', async () => {
    const burnt = await startLogin();
    for (const code of await wrongCodes(5)) expect((await failure(secondFactor(burnt, { code }))).code).toBe('UNAUTHENTICATED');
    expect((await failure(secondFactor(burnt, { recoveryCode: recoveryCodes[2]! }))).code).toBe('UNAUTHENTICATED');
    expect(await rowsOf('auth_tickets', 'token_hash = $1', [sha256(burnt)])).toMatchObject([{ used_at: expect.any(Date) }]);
    // The recovery code was not spent on the burnt challenge.
    expect((await secondFactor(await startLogin(), { recoveryCode: recoveryCodes[2]! })).tokens.sessionId).toBeTruthy();

    const tried = await startLogin();
    for (const code of await wrongCodes(4)) expect((await failure(secondFactor(tried, { code }))).code).toBe('UNAUTHENTICATED');
    expect((await secondFactor(tried, { recoveryCode: recoveryCodes[3]! })).tokens.sessionId).toBeTruthy();
  });

  it('refuses an expired challenge without spending the code given', async () => {
    const address2 = email('slow-twofa');
    const { userId: slowId } = await signUp(address2, { world: idle, verify: false });
    const self = await principal(await logIn(address2, PASSWORD, idle), '', idle);
    const { secret: slowSecret } = await idle.identity.beginTwoFactor(self);
    secrets.push(slowSecret);
    await idle.identity.confirmTwoFactor(self, await freshTotpCode(idle.owner, slowId, slowSecret));
    const answer = await idle.identity.login({ email: address2, password: PASSWORD, client: CLIENT });
    secrets.push(answer.challenge!);
    await sleep(10);
    const step = async () => (await rowsOf('users', 'id = $1', [slowId], idle))[0]!.totp_last_step;
    const before = await step();
    const code = await freshTotpCode(idle.owner, slowId, slowSecret);
    const refused = await failure(idle.identity.loginSecondFactor({ challenge: answer.challenge!, code, recoveryCode: '', client: CLIENT }));
    expect(refused.code).toBe('UNAUTHENTICATED');
    expect(await step()).toBe(before);
  });

  it('turns off only with a fresh valid code', async () => {
    const other = email('twofa-off');
    const { userId: otherId } = await signUp(other);
    const self = await principal(await logIn(other));
    const { secret: otherSecret } = await main.identity.beginTwoFactor(self);
    secrets.push(otherSecret);
    const confirmed = await freshTotpCode(main.owner, otherId, otherSecret);
    await main.identity.confirmTwoFactor(self, confirmed);

    for (const code of [confirmed, '000000', '']) {
      expect((await failure(main.identity.disableTwoFactor(self, code))).code, code).toBe('INVALID_ARGUMENT');
    }
    expect((await main.identity.twoFactorStatus(self)).enabled).toBe(true);

    expect(await main.identity.disableTwoFactor(self, await freshTotpCode(main.owner, otherId, otherSecret))).toBe(true);
    expect(await main.identity.twoFactorStatus(self)).toEqual({ enabled: false, pending: false, recoveryCodesLeft: 0 });
    expect(await rowsOf('users', 'id = $1', [otherId])).toMatchObject([{ totp_secret_sealed: null, totp_enabled_at: null }]);
    expect(await rowsOf('user_recovery_codes', 'user_id = $1', [otherId])).toEqual([]);
    expect((await main.identity.login({ email: other, password: PASSWORD, client: CLIENT })).secondFactorRequired).toBe(false);
  });
});

describe('invitations', () => {
  let ownerOfAcme: Principal;

  beforeAll(async () => {
    ownerOfAcme = await principal(await logIn(OWNER_EMAIL, OWNER_PASSWORD), 'acme');
  });

  async function invite(by: Principal, address: string, role: 'owner' | 'admin' | 'member') {
    const invitation = await main.identity.createInvitation(by, { email: address, role });
    const mail = await smtp.nextMessage(address);
    const token = linkToken(mail, '/accept-invitation');
    secrets.push(token);
    return { invitation, mail, token };
  }

  it('mails a link; accepting it without an account makes a verified account with that password, and the membership', async () => {
    const address = email('invitee');
    const password = 'Saffron-Kettle-Meridian-30';
    secrets.push(password);
    const { invitation, mail, token } = await invite(ownerOfAcme, address, 'member');
    expect(invitation).toMatchObject({ email: address, role: 'member' });
    expect(mail.subject).toContain('Acme Inc');
    expect(await rowsOf('invitations', 'id = $1', [invitation.id])).toMatchObject([
      { token_hash: sha256(token), org_id: acme.org.id, invited_by: ownerOfAcme.userId, accepted_at: null },
    ]);
    expect(JSON.stringify(await rowsOf('invitations'))).not.toContain(token);

    const accepted = await main.identity.acceptInvitation({ token, password, name: 'Ivy' });
    expect(accepted).toMatchObject({ org: { id: acme.org.id, slug: 'acme' }, role: 'member', user: { email: address, name: 'Ivy', emailVerified: true } });
    const [user] = await rowsOf('users', 'email = $1', [address]);
    expect(user!.password_hash).toMatch(ARGON2ID_PHC);
    expect(user!.email_verified_at).toBeInstanceOf(Date);
    const claims = await main.identity.authenticateSession((await logIn(address, password)).accessToken, 'acme');
    expect(claims.permissions).toEqual([]);
  });

  it('accepts a link once', async () => {
    const address = email('once-invited');
    const { token } = await invite(ownerOfAcme, address, 'member');
    await main.identity.acceptInvitation({ token, password: PASSWORD, name: '' });
    const self = await principal(await logIn(address));
    const replayed = await failure(main.identity.acceptInvitation({ token, password: NEW_PASSWORD, name: '' }));
    expect(replayed.code).toBe('INVALID_ARGUMENT');
    expect(replayed.message).toMatch(/^token: /);
    expect((await failure(main.identity.acceptInvitation({ token, password: '', name: '', principal: self }))).message).toBe(replayed.message);
    expect((await failure(main.identity.acceptInvitation({ token: generateTicket(), password: NEW_PASSWORD, name: '' }))).message).toBe(replayed.message);
    expect((await failure(main.identity.login({ email: address, password: NEW_PASSWORD, client: CLIENT }))).code).toBe('UNAUTHENTICATED');
    expect(await rowsOf('memberships', 'user_id = $1', [self.userId])).toHaveLength(1);
  });

  it('refuses a signed-in user an invitation for another address (PERMISSION_DENIED); its addressee can still accept it', async () => {
    const bystanderAddress = email('bystander');
    await signUp(bystanderAddress);
    const bystander = await logIn(bystanderAddress);
    const address = email('addressee');
    const { token } = await invite(ownerOfAcme, address, 'admin');

    const refused = await failure(main.identity.acceptInvitation({ token, password: '', name: '', principal: await principal(bystander) }));
    expect(refused.code).toBe('PERMISSION_DENIED');
    expect(refused.message).not.toContain(address);
    expect((await failure(main.identity.authenticateSession(bystander.accessToken, 'acme'))).code).toBe('NOT_FOUND');

    expect(await main.identity.acceptInvitation({ token, password: PASSWORD, name: '' })).toMatchObject({ role: 'admin', user: { email: address } });
  });

  // Accepting must not pretend to change a role (roles are changed by an owner or admin, not by a link).
  it('refuses an invitation to a member of the organisation: ALREADY_EXISTS, the role unchanged, the invitation left unused', async () => {
    const address = email('already-member');
    const { userId } = await signUp(address);
    await addMember('acme', userId, 'member');
    const self = await principal(await logIn(address));
    const { token } = await invite(ownerOfAcme, address, 'admin');
    const refused = await failure(main.identity.acceptInvitation({ token, password: '', name: '', principal: self }));
    expect(refused.code).toBe('ALREADY_EXISTS');
    expect(await rowsOf('memberships', 'user_id = $1 and org_id = $2', [userId, acme.org.id])).toEqual([expect.objectContaining({ role: 'member' })]);
    expect(await rowsOf('invitations', 'email = $1 and accepted_at is not null', [address])).toEqual([]);
  });

  it('lets only an owner invite an owner', async () => {
    const deputyAddress = email('deputy');
    const { token } = await invite(ownerOfAcme, deputyAddress, 'admin');
    await main.identity.acceptInvitation({ token, password: PASSWORD, name: 'Deputy' });
    const deputy = await principal(await logIn(deputyAddress), 'acme');
    expect(deputy.permissions).toEqual(['admin']);

    const usurper = email('usurper');
    const refused = await failure(main.identity.createInvitation(deputy, { email: usurper, role: 'owner' }));
    expect(refused.code).toBe('PERMISSION_DENIED');
    expect(await rowsOf('invitations', 'email = $1', [usurper])).toEqual([]);
    // An admin still invites members.
    await invite(deputy, email('deputy-recruit'), 'member');

    const coOwnerAddress = email('co-owner');
    const coOwner = await invite(ownerOfAcme, coOwnerAddress, 'owner');
    expect(await main.identity.acceptInvitation({ token: coOwner.token, password: PASSWORD, name: '' })).toMatchObject({ role: 'owner' });
    const asCoOwner = await principal(await logIn(coOwnerAddress), 'acme');
    expect(asCoOwner.permissions).toEqual(['admin']);
    await invite(asCoOwner, email('third-owner'), 'owner');
    expect(messagesTo(usurper)).toEqual([]);
  });
});

describe('logs', () => {
  it('carry no password, token, link, code or TOTP secret the tests handled', () => {
    const logs = [main, idle, absolute].map((world) => world.logs()).join('\n');
    // The log is captured: the refresh token reuse above was reported.
    expect(logs).toContain('refresh token');
    for (const secret of secrets) expect(logs).not.toContain(secret);
  });
});
