/**
 * People through the REST API, as a newcomer, a teammate and an attacker see them: sign-up with the
 * link from a delivered message, login, refresh with reuse detection, sessions, two-factor, reset,
 * invitations, and the first owner at bootstrap. Mail goes to a real SMTP server on loopback.
 */
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectOk, scopePath, sql, waitForAudit } from '@coffer/test-kit/api-assertions';
import { apiClient, startTestPlatform, type Api, type TestPlatform } from '@coffer/test-kit/platform';
import { startSmtpServer, type TestSmtpServer } from '@coffer/test-kit/smtp';

const PUBLIC_URL = 'http://coffer.example.test';
const PASSWORD = 'correct horse battery staple 7';
let smtp: TestSmtpServer;
let platform: TestPlatform;
let anonymous: Api;
let admin: Api;
let counter = 0;
const address = (who: string) => `${who}-${++counter}@example.test`;

/** The `token` of the link to `path` in a delivered message. */
function tokenOf(link: string | undefined, path: string): string {
  expect(link, `a link to ${path}`).toBeDefined();
  const url = new URL(link!);
  expect(`${url.origin}${url.pathname}`).toBe(`${PUBLIC_URL}${path}`);
  return url.searchParams.get('token')!;
}

async function signUp(email: string, password = PASSWORD): Promise<void> {
  expectOk(await anonymous('POST', '/auth/signup', { body: { email, password } }), 202);
  const mail = await smtp.nextMessage(email);
  expectOk(await anonymous('POST', '/auth/verify-email', { body: { token: tokenOf(mail.links[0], '/verify-email') } }));
}

async function logIn(email: string, password = PASSWORD) {
  return expectOk(await anonymous('POST', '/auth/login', { body: { email, password } }));
}

async function totpCode(secret: string, offsetSteps = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  platform = await startTestPlatform({ env: { COFFER_SMTP_URL: smtp.url, COFFER_PUBLIC_URL: PUBLIC_URL } });
  anonymous = apiClient(platform.baseUrl);
  const booted = expectOk(
    await anonymous('POST', '/bootstrap', { body: { org: 'acme', project: 'api', owner: { email: 'founder@example.test', password: PASSWORD } } }),
    201,
  );
  admin = apiClient(platform.baseUrl, booted.token.token);
  expect(booted.owner).toMatchObject({ email: 'founder@example.test', emailVerified: true });
});

afterAll(async () => {
  await platform?.stop();
  await smtp?.close();
});

describe('the first owner, made at bootstrap', () => {
  it('signs in, belongs to the organisation as its owner, and works with its secrets', async () => {
    const tokens = await logIn('founder@example.test');
    const founder = apiClient(platform.baseUrl, tokens.accessToken);
    const me = expectOk(await founder('GET', '/me'));
    expect(me).toMatchObject({ kind: 'user', user: { email: 'founder@example.test' }, memberships: [{ org: { slug: 'acme' }, role: 'owner' }] });
    expect(expectOk(await founder('GET', '/orgs')).orgs.map((org: { slug: string }) => org.slug)).toEqual(['acme']);
    const scope = scopePath('acme', 'api', 'development');
    const requestId = `req-founder-${Date.now()}`;
    expectOk(await founder('POST', `${scope}/secrets/FOUNDED`, { body: { value: 'by a person' }, headers: { 'x-request-id': requestId } }), 201);
    expect(expectOk(await founder('POST', `${scope}/inject`)).values).toMatchObject({ FOUNDED: 'by a person' });
    // The trail names the person, not the session.
    const trail = await waitForAudit(admin, 'acme', [requestId]);
    expect(trail.find((event) => event.requestId === requestId)).toMatchObject({ action: 'secret.create', actorType: 'user', actorId: me.user.id });
  });
});

describe('sign-up and verification through the mail', () => {
  it('makes an account that verifies once by its link and can then create organisations', async () => {
    const email = address('newcomer');
    expectOk(await anonymous('POST', '/auth/signup', { body: { email, password: PASSWORD, name: 'New Comer' } }), 202);
    const mail = await smtp.nextMessage(email);
    const token = tokenOf(mail.links[0], '/verify-email');
    const unverified = apiClient(platform.baseUrl, (await logIn(email)).accessToken);
    expect(expectOk(await unverified('GET', '/me')).user.emailVerified).toBe(false);
    expectError(await unverified('POST', '/orgs', { body: { slug: 'too-early' } }), 403);

    expectOk(await anonymous('POST', '/auth/verify-email', { body: { token } }));
    expectError(await anonymous('POST', '/auth/verify-email', { body: { token } }), 400, 'token');
    const verified = apiClient(platform.baseUrl, (await logIn(email)).accessToken);
    const created = expectOk(await verified('POST', '/orgs', { body: { slug: 'newcomer-org' } }), 201);
    // A person's organisation has its owner: no admin token is minted.
    expect(created.token).toBeNull();
    expect(expectOk(await verified('GET', '/me')).memberships).toEqual([
      expect.objectContaining({ org: expect.objectContaining({ slug: 'newcomer-org' }), role: 'owner' }),
    ]);
    // Only the hash of the link is stored.
    expect(await sql(platform.database.url, 'select 1 from auth_tickets where token_hash = $1', [token])).toEqual([]);
  });

  it('answers a sign-up for an address with an account exactly as for a new one, and tells only the mailbox', async () => {
    const email = address('taken');
    await signUp(email);
    const again = await anonymous('POST', '/auth/signup', { body: { email, password: 'another strong passphrase 9' } });
    const fresh = await anonymous('POST', '/auth/signup', { body: { email: address('fresh'), password: PASSWORD } });
    expect(again.status).toBe(fresh.status);
    expect(again.body).toEqual(fresh.body);
    expect((await smtp.nextMessage(email)).subject).toMatch(/already/i);
    expectError(await anonymous('POST', '/auth/login', { body: { email, password: 'another strong passphrase 9' } }), 401);
  });

  it('refuses a weak password with 400 naming password, never echoing it, and makes nothing', async () => {
    const email = address('weak');
    const before = await sql<{ n: number }>(platform.database.url, 'select count(*)::int as n from users');
    for (const password of ['short', 'password1234', `${email.split('@')[0]}-secret-x`]) {
      const refused = await anonymous('POST', '/auth/signup', { body: { email, password } });
      expectError(refused, 400, 'password');
      expect(JSON.stringify(refused.body)).not.toContain(password);
    }
    expect(await sql(platform.database.url, 'select count(*)::int as n from users')).toEqual(before);
  });
});

describe('login', () => {
  it('answers an unknown email and a wrong password alike: status, body and time (medians within 25 %, best of 3 rounds)', async () => {
    const email = address('known');
    await signUp(email);
    const attempt = async (body: object) => {
      const started = performance.now();
      const response = await anonymous('POST', '/auth/login', { body });
      expect(response.status).toBe(401);
      return { body: response.body, ms: performance.now() - started };
    };
    const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
    // Other suites share the machine: a round disturbed by them is measured again. A real difference
    // (an unknown address answered without the password hash's work) shows in every round.
    const ratios: number[] = [];
    for (let round = 0; round < 3; round++) {
      const unknown: number[] = [];
      const wrong: number[] = [];
      for (let i = 0; i < 12; i++) {
        const a = await attempt({ email: address('nobody'), password: PASSWORD });
        const b = await attempt({ email, password: 'not the right password' });
        expect(a.body).toEqual(b.body);
        unknown.push(a.ms);
        wrong.push(b.ms);
      }
      ratios.push(median(unknown) / median(wrong));
      if (ratios.at(-1)! > 0.75 && ratios.at(-1)! < 1.25) break;
    }
    console.log(`login timing, unknown email / wrong password (medians): ${ratios.map((ratio) => ratio.toFixed(2)).join(', ')}`);
    expect(
      ratios.some((ratio) => ratio > 0.75 && ratio < 1.25),
      ratios.join(', '),
    ).toBe(true);
  });

  it('answers a session whose access token verifies against the published JWKS', async () => {
    const email = address('jwks');
    await signUp(email);
    const tokens = await logIn(email);
    expect(tokens).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, refreshToken: expect.stringMatching(/^coffer_rt_/) });
    const jwks = createRemoteJWKSet(new URL(`${platform.baseUrl}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(tokens.accessToken, jwks, { issuer: PUBLIC_URL, audience: 'coffer-api', algorithms: ['EdDSA'] });
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', typ: 'at+jwt', kid: decodeProtectedHeader(tokens.accessToken).kid });
    expect(payload.sid).toBe(tokens.sessionId);
    expect((payload.exp as number) - (payload.iat as number)).toBeLessThanOrEqual(3600);
    const metadata = await (await fetch(`${platform.baseUrl}/.well-known/oauth-authorization-server`)).json();
    expect(metadata).toMatchObject({ issuer: PUBLIC_URL, jwks_uri: `${PUBLIC_URL}/.well-known/jwks.json` });
  });

  it('does not let a session act in an organisation it is not a member of: 404 as for a missing one', async () => {
    const email = address('outsider');
    await signUp(email);
    const outsider = apiClient(platform.baseUrl, (await logIn(email)).accessToken);
    const refused = await outsider('GET', '/orgs/acme/projects');
    expectError(refused, 404);
    expect(refused.body).toEqual((await outsider('GET', '/orgs/no-such-org/projects')).body);
    expectError(await outsider('POST', `${scopePath('acme', 'api', 'development')}/inject`), 404);
  });
});

describe('refresh and sessions', () => {
  it('rotates the refresh token on every use, and a used one presented again ends the whole session', async () => {
    const email = address('rotating');
    await signUp(email);
    const first = await logIn(email);
    const second = expectOk(await anonymous('POST', '/auth/refresh', { body: { refreshToken: first.refreshToken } }));
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.sessionId).toBe(first.sessionId);
    expectOk(await apiClient(platform.baseUrl, second.accessToken)('GET', '/me'));

    // A thief replays the first one: refused, and the session is gone for the owner too.
    expectError(await anonymous('POST', '/auth/refresh', { body: { refreshToken: first.refreshToken } }), 401);
    expectError(await anonymous('POST', '/auth/refresh', { body: { refreshToken: second.refreshToken } }), 401);
    expectError(await apiClient(platform.baseUrl, second.accessToken)('GET', '/me'), 401);
  });

  it('lists the live sessions, revokes one of them at once, and logs out', async () => {
    const email = address('sessions');
    await signUp(email);
    const laptop = await logIn(email);
    const phone = await logIn(email);
    const onLaptop = apiClient(platform.baseUrl, laptop.accessToken);
    const sessions = expectOk(await onLaptop('GET', '/me/sessions')).sessions;
    expect(sessions.map((session: { id: string }) => session.id).sort()).toEqual([laptop.sessionId, phone.sessionId].sort());
    expect(sessions.find((session: { current: boolean }) => session.current).id).toBe(laptop.sessionId);

    const onPhone = apiClient(platform.baseUrl, phone.accessToken);
    expectOk(await onPhone('GET', '/me'));
    expectOk(await onLaptop('DELETE', `/me/sessions/${phone.sessionId}`));
    expectError(await onPhone('GET', '/me'), 401);
    expectError(await anonymous('POST', '/auth/refresh', { body: { refreshToken: phone.refreshToken } }), 401);

    expectOk(await onLaptop('POST', '/auth/logout', { body: {} }));
    expectError(await onLaptop('GET', '/me'), 401);
    expectError(await anonymous('POST', '/auth/refresh', { body: { refreshToken: laptop.refreshToken } }), 401);
  });

  it("cannot see or end another person's session: 404, and it keeps working", async () => {
    const [mallory, victim] = [address('mallory'), address('victim')];
    await signUp(mallory);
    await signUp(victim);
    const victimSession = await logIn(victim);
    const attacker = apiClient(platform.baseUrl, (await logIn(mallory)).accessToken);
    expectError(await attacker('DELETE', `/me/sessions/${victimSession.sessionId}`), 404);
    expectOk(await apiClient(platform.baseUrl, victimSession.accessToken)('GET', '/me'));
  });

  it('shows an API token as a token, with no sessions of its own', async () => {
    const me = expectOk(await admin('GET', '/me'));
    expect(me).toMatchObject({ kind: 'api_token', token: { name: 'admin', permissions: ['admin'], org: { slug: 'acme' } } });
    expectError(await admin('GET', '/me/sessions'), 400);
  });
});

describe('two-factor authentication', () => {
  it('enrols, asks for a code at login, refuses a replayed code, and takes each recovery code once', async () => {
    const email = address('careful');
    await signUp(email);
    const session = apiClient(platform.baseUrl, (await logIn(email)).accessToken);
    const enrolment = expectOk(await session('POST', '/me/2fa'));
    expect(enrolment.otpauthUri).toMatch(/^otpauth:\/\/totp\/Coffer:/);
    expect(enrolment.qrCode).toMatch(/^data:image\/png;base64,/);
    expectError(await session('POST', '/me/2fa/confirm', { body: { code: '000000' } }), 400, 'code');
    const { recoveryCodes } = expectOk(await session('POST', '/me/2fa/confirm', { body: { code: await totpCode(enrolment.secret) } }));
    expect(recoveryCodes).toHaveLength(10);
    expect(expectOk(await session('GET', '/me/2fa'))).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });

    const challenged = await logIn(email);
    expect(challenged).toEqual({ secondFactorRequired: true, challenge: expect.any(String) });
    const code = await totpCode(enrolment.secret, 1);
    const tokens = expectOk(await anonymous('POST', '/auth/login/2fa', { body: { challenge: challenged.challenge, code } }));
    expectOk(await apiClient(platform.baseUrl, tokens.accessToken)('GET', '/me'));
    // The same code at the next login: a replay.
    const again = await logIn(email);
    expectError(await anonymous('POST', '/auth/login/2fa', { body: { challenge: again.challenge, code } }), 401);

    const recovery = recoveryCodes[0];
    expectOk(await anonymous('POST', '/auth/login/2fa', { body: { challenge: again.challenge, recoveryCode: recovery } }));
    const third = await logIn(email);
    expectError(await anonymous('POST', '/auth/login/2fa', { body: { challenge: third.challenge, recoveryCode: recovery } }), 401);
    // The password alone never opens a session.
    expectError(await anonymous('POST', '/auth/login/2fa', { body: { challenge: third.challenge } }), 400);
  });
});

describe('an organisation that requires two-factor', () => {
  it('lets its members without it in only to enrol, and in with it once confirmed in that session', async () => {
    const email = address('required');
    expectOk(await admin('POST', '/orgs/acme/invitations', { body: { email, role: 'member' } }), 201);
    const token = tokenOf((await smtp.nextMessage(email)).links[0], '/accept-invitation');
    expectOk(await anonymous('POST', '/auth/invitations/accept', { body: { token, password: PASSWORD } }));
    const member = apiClient(platform.baseUrl, (await logIn(email)).accessToken);
    expectOk(await member('GET', '/orgs/acme/projects'));

    expectError(await member('POST', '/orgs/acme/settings', { body: { requireTwoFactor: true } }), 403);
    expect(expectOk(await admin('POST', '/orgs/acme/settings', { body: { requireTwoFactor: true } }))).toEqual({ requireTwoFactor: true });
    try {
      const refused = await member('GET', '/orgs/acme/projects');
      expectError(refused, 403);
      expect(refused.body.message).toContain('/api/v1/me/2fa');
      const enrolment = expectOk(await member('POST', '/me/2fa'));
      expectOk(await member('POST', '/me/2fa/confirm', { body: { code: await totpCode(enrolment.secret) } }));
      expectOk(await member('GET', '/orgs/acme/projects'));
    } finally {
      expectOk(await admin('POST', '/orgs/acme/settings', { body: { requireTwoFactor: false } }));
    }
  });
});

describe('password reset', () => {
  it('answers alike for every address, mails only an account, and the new password ends every session', async () => {
    const email = address('forgetful');
    await signUp(email);
    const old = await logIn(email);
    const known = await anonymous('POST', '/auth/password/forgot', { body: { email } });
    const unknown = await anonymous('POST', '/auth/password/forgot', { body: { email: address('stranger') } });
    expect(known.status).toBe(202);
    expect(known.body).toEqual(unknown.body);
    const token = tokenOf((await smtp.nextMessage(email)).links[0], '/reset-password');

    expectError(await anonymous('POST', '/auth/password/reset', { body: { token, password: 'short' } }), 400, 'password');
    const fresh = 'a brand new passphrase 2026';
    expectOk(await anonymous('POST', '/auth/password/reset', { body: { token, password: fresh } }));
    expectError(await anonymous('POST', '/auth/password/reset', { body: { token, password: fresh } }), 400, 'token');
    expectError(await apiClient(platform.baseUrl, old.accessToken)('GET', '/me'), 401);
    expectError(await anonymous('POST', '/auth/login', { body: { email, password: PASSWORD } }), 401);
    await logIn(email, fresh);
  });
});

describe('invitations', () => {
  it('mails an invitation whose link makes the account and the membership, once', async () => {
    const email = address('invitee');
    const invitation = expectOk(await admin('POST', '/orgs/acme/invitations', { body: { email, role: 'member' } }), 201);
    expect(invitation).toMatchObject({ email, role: 'member' });
    const mail = await smtp.nextMessage(email);
    expect(mail.text).toContain('acme');
    const token = tokenOf(mail.links[0], '/accept-invitation');
    const accepted = expectOk(await anonymous('POST', '/auth/invitations/accept', { body: { token, password: PASSWORD, name: 'Invitee' } }));
    expect(accepted).toMatchObject({ org: { slug: 'acme' }, role: 'member', user: { email, emailVerified: true } });
    expectError(await anonymous('POST', '/auth/invitations/accept', { body: { token, password: PASSWORD } }), 400, 'token');

    const member = apiClient(platform.baseUrl, (await logIn(email)).accessToken);
    const scope = scopePath('acme', 'api', 'development');
    // A member holds nothing until granted something on a project: the project does not exist for them.
    expectError(await member('GET', `${scope}/secrets`), 404);
    // A member manages nobody.
    expectError(await member('POST', '/orgs/acme/invitations', { body: { email: address('friend'), role: 'admin' } }), 403);
  });

  it('refuses an invitation for another address to a signed-in person', async () => {
    const [invited, other] = [address('invited'), address('other')];
    await signUp(other);
    expectOk(await admin('POST', '/orgs/acme/invitations', { body: { email: invited, role: 'member' } }), 201);
    const token = tokenOf((await smtp.nextMessage(invited)).links[0], '/accept-invitation');
    const stranger = apiClient(platform.baseUrl, (await logIn(other)).accessToken);
    expectError(await stranger('POST', '/auth/invitations/accept', { body: { token } }), 403);
    expectError(await stranger('GET', '/orgs/acme/projects'), 404);
  });
});
