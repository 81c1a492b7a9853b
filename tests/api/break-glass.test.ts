/**
 * Break-glass through the REST API: only an owner or admin named for it opens it, with a reason,
 * for at most an hour; the opening is in the audit trail, every action under it is marked, it ends
 * on time, and it stays flagged until somebody else records a review.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail, expectError, expectOk, scopePath, waitFor, waitForAudit } from '@coffer/test-kit/api-assertions';
import { apiClient, startTestPlatform, type Api, type TestPlatform } from '@coffer/test-kit/platform';
import { invitePerson, signIn, TEST_PASSWORD as PASSWORD } from '@coffer/test-kit/people';
import { startSmtpServer, type TestSmtpServer } from '@coffer/test-kit/smtp';

let smtp: TestSmtpServer;
let platform: TestPlatform;
let adminToken: Api;
let owner: Api;
let responder: Api;
let responderId: string;
let colleague: Api;
let member: Api;
const production = scopePath('acme', 'api', 'production');
const staging = scopePath('acme', 'api', 'staging');

async function invite(email: string, role: string): Promise<Api> {
  return (await invitePerson({ baseUrl: platform.baseUrl, smtp, inviter: adminToken, org: 'acme', email, role })).api;
}

const open = (api: Api, body: Record<string, unknown>, scope = production) => api('POST', `${scope}/break-glass`, { body });
const reason = 'payments are down; rotating the leaked provider key';

beforeAll(async () => {
  smtp = await startSmtpServer();
  platform = await startTestPlatform({ env: { COFFER_SMTP_URL: smtp.url, COFFER_PUBLIC_URL: 'http://coffer.example.test' } });
  const booted = expectOk(
    await apiClient(platform.baseUrl)('POST', '/bootstrap', {
      body: { org: 'acme', project: 'api', owner: { email: 'owner@example.test', password: PASSWORD } },
    }),
    201,
  );
  adminToken = apiClient(platform.baseUrl, booted.token.token);
  owner = apiClient(platform.baseUrl, await signIn(platform.baseUrl, 'owner@example.test'));
  responder = await invite('responder@example.test', 'admin');
  colleague = await invite('colleague@example.test', 'admin');
  member = await invite('member@example.test', 'member');
  responderId = expectOk(await responder('GET', '/me')).user.id;
}, 60_000);

afterAll(async () => {
  await platform?.stop();
  await smtp?.close();
});

describe('opening', () => {
  it('is refused to an admin not named for it, to a member and to a token, and opens nothing', async () => {
    expectError(await open(responder, { reason }), 403);
    expectError(await open(member, { reason }), 403);
    expectError(await open(adminToken, { reason }), 403);
    expect(expectOk(await owner('GET', '/orgs/acme/break-glass')).accesses).toEqual([]);
  });

  it('needs a reason and at most an hour, and names the field when refused', async () => {
    expectOk(await owner('PATCH', `/orgs/acme/members/${responderId}`, { body: { breakGlass: true } }));
    expectError(await open(responder, { reason: 'because' }), 400, 'reason');
    expectError(await open(responder, { reason: `${reason}\u001b[2J` }), 400, 'reason');
    expectError(await open(responder, { reason, durationSeconds: 3_601 }), 400, 'durationSeconds');
    expectError(await open(responder, { reason }, scopePath('acme', 'api', 'nowhere')), 404);
    expect(expectOk(await owner('GET', '/orgs/acme/break-glass')).accesses).toEqual([]);
  });
});

describe('an open access', () => {
  let accessId: string;

  it('is in the audit trail at once, and marks what is done under it there, not elsewhere', async () => {
    const opened = expectOk(await open(responder, { reason }), 201);
    accessId = opened.id;
    expect(opened).toMatchObject({ project: 'api', environment: 'production', reason, active: true, needsReview: true, email: 'responder@example.test' });
    expect(Date.parse(opened.expiresAt) - Date.parse(opened.openedAt)).toBe(3_600_000);

    const trail = await auditTrail(adminToken, 'acme');
    expect(trail.find((event) => event.action === 'break-glass.opened')).toMatchObject({ breakGlassId: accessId, actorId: responderId, outcome: 'success' });

    const marked = `req-bg-prod-${Date.now()}`;
    const unmarked = `req-bg-staging-${Date.now()}`;
    expectOk(await responder('POST', `${production}/secrets/PAYMENT_KEY`, { body: { value: 'rotated' }, headers: { 'x-request-id': marked } }), 201);
    expectOk(await responder('POST', `${staging}/secrets/PAYMENT_KEY`, { body: { value: 'rotated' }, headers: { 'x-request-id': unmarked } }), 201);
    const events = await waitForAudit(adminToken, 'acme', [marked, unmarked]);
    expect(events.find((event) => event.requestId === marked)).toMatchObject({ action: 'secret.create', breakGlassId: accessId });
    expect(events.find((event) => event.requestId === unmarked)).toMatchObject({ action: 'secret.create', breakGlassId: '' });
  });

  it('applies its changes to a protected environment at once, where others open change requests', async () => {
    expectOk(await owner('PATCH', '/orgs/acme/projects/api/envs/production', { body: { protected: true } }));
    const direct = expectOk(await responder('POST', `${production}/secrets/PAYMENT_KEY`, { body: { value: 'emergency' } }));
    expect(direct).toMatchObject({ key: 'PAYMENT_KEY', version: 2 });
    const requested = expectOk(await colleague('POST', `${production}/secrets/PAYMENT_KEY`, { body: { value: 'not yet' } }), 202);
    expect(requested.changeRequest).toMatchObject({ status: 'open' });
    expect(expectOk(await owner('GET', `${production}/secrets/PAYMENT_KEY?reveal=true`)).value).toBe('emergency');
    expectOk(await owner('PATCH', '/orgs/acme/projects/api/envs/production', { body: { protected: false } }));
  });

  it('cannot be reviewed while open, nor by who opened it', async () => {
    expectError(await colleague('POST', `/orgs/acme/break-glass/${accessId}/review`, { body: { note: 'looked at it' } }), 400);
    expectOk(await responder('POST', `/orgs/acme/break-glass/${accessId}/close`));
    expectError(await responder('POST', `/orgs/acme/break-glass/${accessId}/review`, { body: { note: 'all fine, says me' } }), 403);
  });

  it('stops marking once closed, and stays flagged until another admin reviews it', async () => {
    const after = `req-bg-after-${Date.now()}`;
    expectOk(await responder('POST', `${production}/secrets/PAYMENT_KEY`, { body: { value: 'again' }, headers: { 'x-request-id': after } }));
    const events = await waitForAudit(adminToken, 'acme', [after]);
    expect(events.find((event) => event.requestId === after)).toMatchObject({ breakGlassId: '' });

    const flagged = expectOk(await owner('GET', '/orgs/acme/break-glass?needsReview=true')).accesses;
    expect(flagged.map((access: { id: string }) => access.id)).toEqual([accessId]);
    const reviewed = expectOk(
      await colleague('POST', `/orgs/acme/break-glass/${accessId}/review`, { body: { note: 'key rotation confirmed with the provider' } }),
    );
    expect(reviewed).toMatchObject({ needsReview: false, active: false, reviewNote: 'key rotation confirmed with the provider' });
    expect(expectOk(await owner('GET', '/orgs/acme/break-glass?needsReview=true')).accesses).toEqual([]);
    expectError(await owner('POST', `/orgs/acme/break-glass/${accessId}/review`, { body: { note: 'again' } }), 400);
  });

  it('ends by itself when its time is up', async () => {
    const short = expectOk(await open(responder, { reason, durationSeconds: 2 }), 201);
    const during = `req-bg-short-${Date.now()}`;
    expectOk(await responder('POST', `${production}/secrets/SHORT`, { body: { value: 'x' }, headers: { 'x-request-id': during } }), 201);
    await waitFor(
      async () =>
        expectOk(await owner('GET', '/orgs/acme/break-glass')).accesses.find(
          (access: { id: string; active: boolean }) => access.id === short.id && !access.active,
        )
          ? true
          : undefined,
      'the access to expire',
      5_000,
    );
    const later = `req-bg-later-${Date.now()}`;
    expectOk(await responder('POST', `${production}/secrets/SHORT`, { body: { value: 'y' }, headers: { 'x-request-id': later } }));
    const events = await waitForAudit(adminToken, 'acme', [during, later]);
    expect(events.find((event) => event.requestId === during)).toMatchObject({ breakGlassId: short.id });
    expect(events.find((event) => event.requestId === later)).toMatchObject({ breakGlassId: '' });
  });
});
