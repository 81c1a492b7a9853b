/**
 * Brute force through the REST API, as an attacker guessing passwords, second-factor codes and
 * recovery codes sees it, and as the organisation's admins see it in their audit trail. Small
 * limits: an account locks after 4 failures, an address after 6, for 2 s; from the third failure
 * on, answers wait 150 ms, doubling to 600 ms. Each test comes from its own client addresses
 * (X-Forwarded-For from a trusted loopback proxy), so that one's failures do not count in another.
 */
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, waitFor, type AuditRecord, auditTrail } from '@coffer/test-kit/api-assertions';
import { apiClient, startTestPlatform, type Api, type TestPlatform } from '@coffer/test-kit/platform';
import { startSmtpServer, type TestSmtpServer } from '@coffer/test-kit/smtp';

const PUBLIC_URL = 'http://coffer.example.test';
const PASSWORD = 'correct horse battery staple 7';
const WRONG = 'not the right password at all';
const USER_AGENT = 'brute-force-test/1.0';
const LOCKOUT_MS = 2_000;
const DELAY_MS = 150;
const MAX_DELAY_MS = 600;

let smtp: TestSmtpServer;
let platform: TestPlatform;
let admin: Api;
let counter = 0;
const address = (who: string) => `${who}-${++counter}@example.test`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Answer {
  status: number;
  /** The body exactly as sent. */
  text: string;
  json: any;
  ms: number;
}

/** A POST from the client at `ip`, timed, with its body kept byte for byte. */
async function post(ip: string, path: string, body: unknown): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(`${platform.baseUrl}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip, 'user-agent': USER_AGENT },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, json: JSON.parse(text), ms: performance.now() - started };
}

const login = (ip: string, email: string, password: string) => post(ip, '/auth/login', { email, password });

/** A member of acme, by invitation: the account the attacker goes after. */
async function member(who: string): Promise<{ email: string; id: string }> {
  const email = address(who);
  expectOk(await admin('POST', '/orgs/acme/invitations', { body: { email, role: 'member' } }), 201);
  const link = new URL((await smtp.nextMessage(email)).links[0]!);
  const accepted = expectOk(
    await apiClient(platform.baseUrl)('POST', '/auth/invitations/accept', { body: { token: link.searchParams.get('token'), password: PASSWORD, name: who } }),
  );
  return { email, id: accepted.user.id };
}

/** A member with two-factor on: its TOTP secret and recovery codes. */
async function memberWithTwoFactor(who: string, ip: string) {
  const person = await member(who);
  const signedIn = await login(ip, person.email, PASSWORD);
  const session = apiClient(platform.baseUrl, signedIn.json.data.accessToken);
  const { secret } = expectOk(await session('POST', '/me/2fa'));
  const { recoveryCodes } = expectOk(
    await session('POST', '/me/2fa/confirm', { body: { code: await generate({ secret, epoch: Math.floor(Date.now() / 1000) }) } }),
  );
  return { ...person, secret: secret as string, recoveryCodes: recoveryCodes as string[] };
}

/** A code of the next time step: never the one enrolment used. */
const nextCode = (secret: string): Promise<string> => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

/** Waits until the trail holds at least `expected` of each `action outcome` for the user, and answers them all. */
async function trailOf(userId: string, expected: Record<string, number>): Promise<AuditRecord[]> {
  return waitFor(async () => {
    // The person's failures and lockouts; sign-ins are left to their own test below.
    const events = (await auditTrail(admin, 'acme')).filter((event) => event.actorId === userId && !event.action.startsWith('auth.sign-in.'));
    const counts: Record<string, number> = {};
    for (const event of events) counts[`${event.action} ${event.outcome}`] = (counts[`${event.action} ${event.outcome}`] ?? 0) + 1;
    return Object.entries(expected).every(([key, n]) => (counts[key] ?? 0) >= n) ? events : undefined;
  }, `audit events of ${userId}`);
}

const countsOf = (events: AuditRecord[]) => {
  const counts: Record<string, number> = {};
  for (const event of events) counts[`${event.action} ${event.outcome}`] = (counts[`${event.action} ${event.outcome}`] ?? 0) + 1;
  return counts;
};

beforeAll(async () => {
  smtp = await startSmtpServer();
  platform = await startTestPlatform({
    env: {
      COFFER_SMTP_URL: smtp.url,
      COFFER_PUBLIC_URL: PUBLIC_URL,
      COFFER_TRUSTED_PROXIES: '127.0.0.1',
      COFFER_BRUTE_FORCE_ACCOUNT_FAILURES: '4',
      COFFER_BRUTE_FORCE_ADDRESS_FAILURES: '6',
      COFFER_BRUTE_FORCE_RESET_MAILS: '2',
      COFFER_BRUTE_FORCE_WINDOW: '1m',
      COFFER_BRUTE_FORCE_LOCKOUT: `${LOCKOUT_MS}ms`,
      COFFER_BRUTE_FORCE_SLOW_AFTER: '2',
      COFFER_BRUTE_FORCE_DELAY_MS: String(DELAY_MS),
      COFFER_BRUTE_FORCE_MAX_DELAY_MS: String(MAX_DELAY_MS),
    },
  });
  const booted = expectOk(
    await apiClient(platform.baseUrl)('POST', '/bootstrap', {
      body: { org: 'acme', project: 'api', owner: { email: 'founder@example.test', password: PASSWORD } },
    }),
    201,
  );
  admin = apiClient(platform.baseUrl, booted.token.token);
});

afterAll(async () => {
  await platform?.stop();
  await smtp?.close();
});

describe('password guessing', () => {
  it('slows down after 2 failures, locks after 4 with an answer byte-identical to a wrong password, refuses the right password, and unlocks after 2 s', async () => {
    const victim = await member('victim');
    const attacker = '198.51.100.11';
    const failures = [];
    for (let i = 0; i < 4; i++) failures.push(await login(attacker, victim.email, WRONG));
    expect(failures.map((answer) => answer.status)).toEqual([401, 401, 401, 401]);
    const base = Math.min(failures[0]!.ms, failures[1]!.ms);
    // The third waits 150 ms, the fourth 300 ms; argon2id takes the same time in each.
    expect(failures[2]!.ms).toBeGreaterThanOrEqual(base + DELAY_MS - 40);
    expect(failures[3]!.ms).toBeGreaterThanOrEqual(base + 2 * DELAY_MS - 40);

    const wrongWhileLocked = await login(attacker, victim.email, WRONG);
    const rightWhileLocked = await login(attacker, victim.email, PASSWORD);
    // The account is locked, not the address: the right password from the owner's own address too.
    const ownerWhileLocked = await login('198.51.100.12', victim.email, PASSWORD);
    const unknownEmail = await login('198.51.100.13', address('nobody'), WRONG);
    for (const answer of [rightWhileLocked, ownerWhileLocked, wrongWhileLocked, unknownEmail]) {
      expect(answer.status).toBe(401);
      expect(answer.text).toBe(failures[0]!.text);
    }
    expect(failures[0]!.json).toMatchObject({ error: true, code: 'UNAUTHENTICATED' });
    expect(rightWhileLocked.ms).toBeGreaterThanOrEqual(MAX_DELAY_MS);
    expect(rightWhileLocked.ms).toBeGreaterThanOrEqual(failures[3]!.ms - 100);

    await sleep(LOCKOUT_MS + 200);
    const after = await login('198.51.100.12', victim.email, PASSWORD);
    expect(after.status, after.text).toBe(200);
    expect(after.json.data.accessToken).toEqual(expect.any(String));

    const events = await trailOf(victim.id, { 'auth.login.failure failure': 4, 'auth.login.lockout denied': 1, 'auth.login.failure denied': 3 });
    expect(countsOf(events)).toEqual({ 'auth.login.failure failure': 4, 'auth.login.lockout denied': 1, 'auth.login.failure denied': 3 });
    const lockout = events.find((event) => event.action === 'auth.login.lockout')!;
    expect(lockout).toMatchObject({
      actorType: 'user',
      actorId: victim.id,
      resource: `users/${victim.id}`,
      ip: attacker,
      userAgent: USER_AGENT,
      outcome: 'denied',
    });
    // The lockout and the failure that set it share one request id.
    expect(
      events
        .filter((event) => event.requestId === lockout.requestId)
        .map((event) => event.action)
        .sort(),
    ).toEqual(['auth.login.failure', 'auth.login.lockout']);
  });

  it('locks an address after 6 failures across different accounts, for every account, and for it only', async () => {
    const [first, second] = [await member('spray-a'), await member('spray-b')];
    const sprayer = '198.51.100.21';
    for (const email of [first.email, second.email, address('x'), address('y'), address('z'), address('w')]) {
      expect((await login(sprayer, email, WRONG)).status).toBe(401);
    }
    const refused = await login(sprayer, first.email, PASSWORD);
    expect(refused.status).toBe(401);
    expect(refused.text).toBe((await login('198.51.100.22', address('nobody'), WRONG)).text);
    expect(refused.ms).toBeGreaterThanOrEqual(MAX_DELAY_MS);
    // Each account failed once only: from elsewhere, both sign in.
    expect((await login('198.51.100.23', first.email, PASSWORD)).status).toBe(200);
    expect((await login('198.51.100.23', second.email, PASSWORD)).status).toBe(200);
    // The sixth failure (an unknown email, no trail) set the lock; the members' failures are in the trail.
    expect(countsOf(await trailOf(second.id, { 'auth.login.failure failure': 1 }))).toEqual({ 'auth.login.failure failure': 1 });
    expect(countsOf(await trailOf(first.id, { 'auth.login.failure failure': 1, 'auth.login.failure denied': 1 }))).toEqual({
      'auth.login.failure failure': 1,
      'auth.login.failure denied': 1,
    });
  });

  it('forgets the failures of an account once its password is right', async () => {
    const person = await member('forgetful');
    for (let i = 0; i < 3; i++) await login('198.51.100.31', person.email, WRONG);
    expect((await login('198.51.100.31', person.email, PASSWORD)).status).toBe(200);
    // Six failures of the account in all (from two addresses, each under its own limit), never four since its last success.
    for (let i = 0; i < 3; i++) await login('198.51.100.32', person.email, WRONG);
    expect((await login('198.51.100.32', person.email, PASSWORD)).status).toBe(200);
  });
});

describe('signing in', () => {
  it("is in the trail of the person's organisations with the session it opened, where from, and never the password", async () => {
    const person = await member('signs-in');
    const signedIn = await login('198.51.100.41', person.email, PASSWORD);
    expect(signedIn.status).toBe(200);
    const sessionId = signedIn.json.data.sessionId as string;
    const event = await waitFor(async () => {
      const trail = await auditTrail(admin, 'acme');
      return trail.find((entry) => entry.actorId === person.id && entry.resource === `users/${person.id}/sessions/${sessionId}`);
    }, 'the sign-in event');
    expect(event).toMatchObject({ action: 'auth.sign-in.password', outcome: 'success', actorType: 'user', ip: '198.51.100.41', userAgent: USER_AGENT });
    expect(JSON.stringify(await auditTrail(admin, 'acme'))).not.toContain(PASSWORD);
  });
});

describe('second factor', () => {
  it('locks TOTP guessing after 4 wrong codes, refuses the right code meanwhile without spending it, and audits each', async () => {
    const ip = '198.51.100.41';
    const person = await memberWithTwoFactor('totp', ip);
    const challenge = async () => (await login(ip, person.email, PASSWORD)).json.data.challenge as string;
    let current = await challenge();
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await post(ip, '/auth/login/2fa', { challenge: current, code: String(100000 + i) }));
    expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401, 401]);
    current = await challenge();
    const code = await nextCode(person.secret);
    const locked = await post(ip, '/auth/login/2fa', { challenge: current, code });
    expect(locked.status).toBe(401);
    expect(locked.text).toBe(answers[0]!.text);
    expect(locked.ms).toBeGreaterThanOrEqual(MAX_DELAY_MS);

    await sleep(LOCKOUT_MS + 200);
    // The code refused during the lock was never checked, so never used: it works now.
    const passed = await post(ip, '/auth/login/2fa', { challenge: current, code });
    expect(passed.status, passed.text).toBe(200);

    const events = await trailOf(person.id, {
      'auth.second-factor.failure failure': 4,
      'auth.second-factor.lockout denied': 1,
      'auth.second-factor.failure denied': 1,
    });
    expect(countsOf(events)).toEqual({
      'auth.second-factor.failure failure': 4,
      'auth.second-factor.lockout denied': 1,
      'auth.second-factor.failure denied': 1,
    });
  });

  it('locks recovery-code guessing likewise: the right recovery code is refused during the lock and still works after it', async () => {
    const ip = '198.51.100.51';
    const person = await memberWithTwoFactor('recovery', ip);
    const challenge = async () => (await login(ip, person.email, PASSWORD)).json.data.challenge as string;
    let current = await challenge();
    for (let i = 0; i < 4; i++) expect((await post(ip, '/auth/login/2fa', { challenge: current, recoveryCode: `aaaaa-bbbb${i}` })).status).toBe(401);
    current = await challenge();
    const recoveryCode = person.recoveryCodes[0]!;
    expect((await post(ip, '/auth/login/2fa', { challenge: current, recoveryCode })).status).toBe(401);
    await sleep(LOCKOUT_MS + 200);
    expect((await post(ip, '/auth/login/2fa', { challenge: current, recoveryCode })).status).toBe(200);

    const events = await trailOf(person.id, {
      'auth.recovery-code.failure failure': 4,
      'auth.second-factor.lockout denied': 1,
      'auth.recovery-code.failure denied': 1,
    });
    expect(countsOf(events)).toEqual({
      'auth.recovery-code.failure failure': 4,
      'auth.second-factor.lockout denied': 1,
      'auth.recovery-code.failure denied': 1,
    });
  });
});

describe('password reset mail', () => {
  it('sends at most 2 reset messages per account in the window, answering every request alike, and audits the lockout', async () => {
    const person = await member('bombed');
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await apiClient(platform.baseUrl)('POST', '/auth/password/forgot', { body: { email: person.email } }));
    expect(new Set(answers.map((answer) => `${answer.status} ${JSON.stringify(answer.body)}`)).size).toBe(1);
    expect(answers[0]!.status).toBe(202);
    await trailOf(person.id, { 'auth.forgot-password.lockout denied': 1 });
    await smtp.nextMessage(person.email);
    await smtp.nextMessage(person.email);
    await sleep(300);
    expect(smtp.messages.filter((mail) => mail.to.includes(person.email) && /reset/i.test(mail.subject))).toHaveLength(2);
  });
});

describe('logs', () => {
  it('carry no password guessed or right, and no email address the attacks named', () => {
    const logs = platform.logs();
    expect(logs).toContain('a failed attempt with no audit trail to go to');
    for (const secret of [PASSWORD, WRONG]) expect(logs).not.toContain(secret);
    expect(logs).not.toMatch(/[a-z-]+-\d+@example\.test/);
  });
});
