/**
 * Protected environments and change requests through the REST API, as the people of one
 * organisation meet them: a change there waits for another member with approve, the requester
 * cannot approve their own, a request whose base moved refuses to apply, and whoever may not see
 * values, or the environment, learns nothing more from a request than elsewhere.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectOk, scopePath, sql, waitForAudit } from '@coffer/test-kit/api-assertions';
import { apiClient, startTestPlatform, type Api, type TestPlatform } from '@coffer/test-kit/platform';
import { invitePerson, signIn, TEST_PASSWORD as PASSWORD } from '@coffer/test-kit/people';
import { startSmtpServer, type TestSmtpServer } from '@coffer/test-kit/smtp';

const production = scopePath('acme', 'api', 'production');
const staging = scopePath('acme', 'api', 'staging');

let smtp: TestSmtpServer;
let platform: TestPlatform;
let admin: Api;
let owner: Api;
/** Project admin of api: holds approve. */
let lead: Api;
/** Developer of api: writes, no approve. */
let dev: Api;
/** Viewer of api: read, no reveal. */
let viewer: Api;
/** Developer of api's staging only: may not see production. */
let stager: Api;
const ids: Record<string, string> = {};

async function member(who: string, grant: Record<string, string>): Promise<Api> {
  const person = await invitePerson({ baseUrl: platform.baseUrl, smtp, inviter: admin, org: 'acme', email: `${who}@example.test`, name: who });
  ids[who] = person.userId;
  expectOk(await admin('PUT', '/orgs/acme/grants', { body: { email: person.email, project: 'api', ...grant } }));
  return person.api;
}

const protect = async (on: boolean) => expectOk(await admin('PATCH', '/orgs/acme/projects/api/envs/production', { body: { protected: on } }));
const set = (api: Api, key: string, value: string, headers: Record<string, string> = {}) =>
  api('POST', `${production}/secrets/${key}`, { body: { value }, headers });
const requests = `${production}/change-requests`;
const valueOf = async (key: string) => expectOk(await admin('GET', `${production}/secrets/${key}?reveal=true`)).value;

/** Opens a change request as `api` by setting `key`; returns its id. */
async function requested(api: Api, key: string, value: string, headers: Record<string, string> = {}): Promise<string> {
  const answer = expectOk(await set(api, key, value, headers), 202);
  expect(answer).toEqual({ key, changeRequest: { id: expect.any(String), status: 'open' } });
  return answer.changeRequest.id as string;
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  platform = await startTestPlatform({ env: { COFFER_SMTP_URL: smtp.url, COFFER_PUBLIC_URL: 'http://coffer.example.test' } });
  const booted = expectOk(
    await apiClient(platform.baseUrl)('POST', '/bootstrap', {
      body: { org: 'acme', project: 'api', owner: { email: 'owner@example.test', password: PASSWORD } },
    }),
    201,
  );
  admin = apiClient(platform.baseUrl, booted.token.token as string);
  owner = apiClient(platform.baseUrl, await signIn(platform.baseUrl, 'owner@example.test'));
  lead = await member('lead', { role: 'admin' });
  dev = await member('dev', { role: 'developer' });
  viewer = await member('viewer', { role: 'viewer' });
  stager = await member('stager', { environment: 'staging', role: 'developer' });
  expectOk(await set(admin, 'DATABASE_URL', 'postgres://old'), 201);
  await protect(true);
}, 90_000);

afterAll(async () => {
  await platform?.stop();
  await smtp?.close();
});

describe('a write to a protected environment', () => {
  it('becomes a change request: 202, nothing written, the value stored only sealed', async () => {
    const value = `postgres://new-${randomUUID()}`;
    const id = await requested(dev, 'DATABASE_URL', value);
    expect(await valueOf('DATABASE_URL')).toBe('postgres://old');
    expect(expectOk(await admin('GET', `${production}/secrets/DATABASE_URL/history`)).versions).toHaveLength(1);
    const rows = await sql(platform.database.url, 'select * from change_request_changes where request_id = $1', [id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ key: 'DATABASE_URL', action: 'set', base_version: 1, ciphertext: expect.any(String) });
    const everything = JSON.stringify(
      await sql(platform.database.url, 'select r.*, c.* from change_requests r join change_request_changes c on c.request_id = r.id'),
    );
    expect(everything).not.toContain(value);
    expect(everything).not.toContain(Buffer.from(value).toString('base64'));
    // Other environments are not protected.
    expectOk(await dev('POST', `${staging}/secrets/DATABASE_URL`, { body: { value: 'postgres://staging' } }), 201);
  });

  it('is opened once per Idempotency-Key: a retry is answered the same request', async () => {
    const headers = { 'idempotency-key': `retry-${randomUUID()}` };
    const first = await requested(dev, 'RETRIED', 'once', headers);
    const retry = await set(dev, 'RETRIED', 'once', headers);
    expect(expectOk(retry, 202).changeRequest.id).toBe(first);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const rows = await sql(
      platform.database.url,
      `select r.id from change_requests r join change_request_changes c on c.request_id = r.id where c.key = 'RETRIED'`,
    );
    expect(rows).toHaveLength(1);
  });

  it('covers delete, rollback and push; a dry run of a push still answers its plan', async () => {
    expect(expectOk(await dev('DELETE', `${production}/secrets/DATABASE_URL`), 202).changeRequest.status).toBe('open');
    expect(expectOk(await lead('POST', `${production}/secrets/DATABASE_URL/rollback`, { body: { version: 1 } }), 202).changeRequest.status).toBe('open');
    const dry = expectOk(await dev('POST', `${production}/sync/push`, { body: { format: 'env', content: 'NEW_KEY=1\n', dryRun: true } }));
    expect(dry).toMatchObject({ created: ['NEW_KEY'], written: [] });
    expect(dry.changeRequest).toBeUndefined();
    const pushed = expectOk(await dev('POST', `${production}/sync/push`, { body: { format: 'env', content: 'NEW_KEY=1\n' } }), 202);
    expect(pushed).toMatchObject({ created: ['NEW_KEY'], written: [], changeRequest: { status: 'open' } });
    expect(expectOk(await admin('GET', `${production}/secrets`)).secrets.map((s: { key: string }) => s.key)).toEqual(['DATABASE_URL']);
  });
});

describe('approving', () => {
  it('is refused to the requester, and applies the change for another approver, audited', async () => {
    const id = await requested(lead, 'API_KEY', 'sk-live-1');
    const own = await lead('POST', `${requests}/${id}/approve`);
    expect(expectError(own, 403)).toBe('PERMISSION_DENIED');
    expect(own.body.message).toContain('requester');
    const applied = expectOk(await owner('POST', `${requests}/${id}/approve`, { headers: { 'x-request-id': 'approve-api-key' } }));
    expect(applied).toMatchObject({ id, status: 'applied', requestedBy: `user:${ids.lead}`, decidedBy: expect.stringContaining('user:') });
    expect(await valueOf('API_KEY')).toBe('sk-live-1');
    expect(expectOk(await admin('GET', `${production}/secrets/API_KEY`)).updatedBy).toBe(`user:${ids.lead}`);
    expect(expectError(await owner('POST', `${requests}/${id}/approve`), 409)).toBe('ABORTED');
    const trail = await waitForAudit(admin, 'acme', ['approve-api-key']);
    const actions = trail.filter((event) => event.requestId === 'approve-api-key').map((event) => [event.action, event.resource]);
    const resource = `orgs/acme/projects/api/envs/production/change-requests/${id}`;
    expect(actions.sort()).toEqual([
      ['change-request.apply', resource],
      ['change-request.approve', resource],
    ]);
  });

  it('purges irreversibly only once approved: 202 and every version kept until then', async () => {
    await protect(false);
    expectOk(await set(admin, 'LEAKED_KEY', 'v1'), 201);
    await protect(true);
    const opened = expectOk(await lead('DELETE', `${production}/secrets/LEAKED_KEY/permanent`, { headers: { 'x-request-id': 'purge-leaked' } }), 202);
    expect(opened).toEqual({ key: 'LEAKED_KEY', changeRequest: { id: expect.any(String), status: 'open' } });
    expect(await valueOf('LEAKED_KEY')).toBe('v1');
    const shown = expectOk(await viewer('GET', `${requests}/${opened.changeRequest.id}`));
    expect(shown.changes).toEqual([expect.objectContaining({ key: 'LEAKED_KEY', action: 'purge', baseVersion: 1 })]);
    expectOk(await owner('POST', `${requests}/${opened.changeRequest.id}/approve`));
    expect(expectError(await admin('GET', `${production}/secrets/LEAKED_KEY`), 404)).toBe('NOT_FOUND');
    const trail = await waitForAudit(admin, 'acme', ['purge-leaked']);
    expect(trail.filter((event) => event.requestId === 'purge-leaked').map((event) => event.action)).toEqual(['change-request.open']);
  });

  it('is applied once per Idempotency-Key: a retry is answered the same, replayed, and audited as a replay', async () => {
    const id = await requested(dev, 'RETRIED_APPROVAL', 'v1');
    const headers = { 'idempotency-key': `approve-${randomUUID()}` };
    const first = await owner('POST', `${requests}/${id}/approve`, { headers });
    const retry = await owner('POST', `${requests}/${id}/approve`, { headers: { ...headers, 'x-request-id': 'approve-retried' } });
    expect(expectOk(retry)).toEqual(expectOk(first));
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(expectOk(await admin('GET', `${production}/secrets/RETRIED_APPROVAL/history`)).versions).toHaveLength(1);
    const trail = await waitForAudit(admin, 'acme', ['approve-retried']);
    expect(
      trail
        .filter((event) => event.requestId === 'approve-retried')
        .map((event) => event.action)
        .sort(),
    ).toEqual(['change-request.apply.replayed', 'change-request.approve.replayed']);
    const other = await requested(dev, 'OTHER_APPROVAL', 'v1');
    expect(expectError(await owner('POST', `${requests}/${other}/approve`, { headers }), 409)).toBe('ALREADY_EXISTS');
    expect((await sql(platform.database.url, `select status from change_requests where id = '${other}'`))[0]).toEqual({ status: 'open' });
  });

  it('rejects once per Idempotency-Key: a retry is answered the same', async () => {
    const id = await requested(dev, 'RETRIED_REJECTION', 'v1');
    const headers = { 'idempotency-key': `reject-${randomUUID()}` };
    const first = expectOk(await lead('POST', `${requests}/${id}/reject`, { headers, body: { reason: 'not this one' } }));
    const retry = await lead('POST', `${requests}/${id}/reject`, { headers, body: { reason: 'not this one' } });
    expect(expectOk(retry)).toEqual(first);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
  });

  it('needs approve (403 naming it) and read on the environment (404, as a missing one)', async () => {
    const id = await requested(lead, 'NEEDS_APPROVE', 'x');
    const denied = await dev('POST', `${requests}/${id}/approve`);
    expect(expectError(denied, 403)).toBe('PERMISSION_DENIED');
    expect(denied.body.message).toContain('approve');
    for (const attempt of [stager('GET', requests), stager('GET', `${requests}/${id}`), stager('POST', `${requests}/${id}/approve`)]) {
      expect(expectError(await attempt, 404)).toBe('NOT_FOUND');
    }
    expect(expectError(await owner('GET', `${scopePath('acme', 'api', 'staging')}/change-requests/${id}`), 404)).toBe('NOT_FOUND');
    expect(expectOk(await admin('GET', `${requests}/${id}`)).status).toBe('open');
  });

  it('refuses a request whose base moved, naming the key, and leaves it open', async () => {
    const id = await requested(lead, 'DATABASE_URL', 'postgres://proposed');
    await protect(false);
    expectOk(await admin('POST', `${production}/secrets/DATABASE_URL`, { body: { value: 'postgres://moved' } }));
    await protect(true);
    const refused = await owner('POST', `${requests}/${id}/approve`);
    expect(expectError(refused, 409)).toBe('ABORTED');
    expect(refused.body.message).toContain("'DATABASE_URL'");
    expect(await valueOf('DATABASE_URL')).toBe('postgres://moved');
    expect(expectOk(await owner('GET', `${requests}/${id}`)).status).toBe('open');
  });
});

describe('showing a request', () => {
  it('shows a viewer the diff without values, and one with reveal the values', async () => {
    const id = await requested(dev, 'DATABASE_URL', 'postgres://shown');
    const hidden = expectOk(await viewer('GET', `${requests}/${id}`));
    expect(hidden).toMatchObject({ status: 'open', valuesShown: false, requestedBy: `user:${ids.dev}` });
    expect(hidden.changes).toEqual([{ key: 'DATABASE_URL', action: 'set', baseVersion: 2, baseType: 'text', type: 'text', description: '' }]);
    expect(JSON.stringify(expectOk(await viewer('GET', `${requests}?status=open`)))).not.toContain('postgres://');
    const shown = expectOk(await lead('GET', `${requests}/${id}`));
    expect(shown.changes[0]).toMatchObject({ baseValue: 'postgres://moved', value: 'postgres://shown' });
    const listed = expectOk(await lead('GET', `${requests}?status=open`)).changeRequests.map((r: { id: string }) => r.id);
    expect(listed).toContain(id);
    expect(expectOk(await lead('GET', `${requests}?status=applied`)).changeRequests.map((r: { id: string }) => r.id)).not.toContain(id);
  });

  it('refuses bad input with the field named', async () => {
    expectError(await lead('GET', `${requests}/not-an-id`), 400, 'id');
    expectError(await lead('GET', `${requests}?status=maybe`), 400, 'status');
    expectError(await lead('POST', `${requests}/${randomUUID()}/reject`, { body: { reason: 'x', extra: 1 } }), 400);
    expect(expectError(await lead('GET', `${requests}/${randomUUID()}`), 404)).toBe('NOT_FOUND');
  });
});

describe('rejecting', () => {
  it('by an approver with a reason, or by the requester withdrawing it, never by another member; audited', async () => {
    const first = await requested(dev, 'REJECT_ME', 'a');
    const second = await requested(dev, 'WITHDRAW_ME', 'b');
    expect(expectError(await viewer('POST', `${requests}/${first}/reject`, { body: {} }), 403)).toBe('PERMISSION_DENIED');
    const rejected = expectOk(
      await lead('POST', `${requests}/${first}/reject`, { body: { reason: 'use the vault key' }, headers: { 'x-request-id': 'reject-one' } }),
    );
    expect(rejected).toMatchObject({ status: 'rejected', reason: 'use the vault key', decidedBy: `user:${ids.lead}` });
    expect(expectOk(await dev('POST', `${requests}/${second}/reject`, { body: {} })).status).toBe('rejected');
    expect(expectError(await owner('POST', `${requests}/${first}/approve`), 409)).toBe('ABORTED');
    expectError(await admin('GET', `${production}/secrets/REJECT_ME`), 404);
    const trail = await waitForAudit(admin, 'acme', ['reject-one']);
    expect(trail.find((event) => event.requestId === 'reject-one')).toMatchObject({
      action: 'change-request.reject',
      outcome: 'success',
      resource: `orgs/acme/projects/api/envs/production/change-requests/${first}`,
    });
  });

  it('records the opening of a request in the trail', async () => {
    await requested(dev, 'OPENED', 'v', { 'x-request-id': 'open-one' });
    const trail = await waitForAudit(admin, 'acme', ['open-one']);
    expect(trail.find((event) => event.requestId === 'open-one')).toMatchObject({ action: 'change-request.open', outcome: 'success' });
  });
});
