import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditTrail, expectError, expectOk, sql, waitForAudit, type AuditRecord } from '@coffer/test-kit/api-assertions';
import { seedOrg, usePlatform } from '@coffer/test-kit/fixtures';
import { apiClient, type Api, type ApiResponse } from '@coffer/test-kit/platform';

const platform = usePlatform();
let api: Api;
let orgId: string;
let adminTokenId: string;
const scopeResource = 'orgs/acme/projects/api/envs/development';
const scope = `/${scopeResource}`;
const secretResource = `${scopeResource}/secrets/AUDITED`;

/** Every value written in this file: none of them may appear in the audit trail. */
const VALUES = ['audit-value-one-4b1e', 'audit-value-two-93fa', 'audit-value-other-77c2'];

interface Performed {
  action: string;
  resource: string;
  userAgent: string;
  requestId: string;
  response: ApiResponse;
}
const performed: Performed[] = [];

/** Calls the API with a recognisable User-Agent and a caller-chosen X-Request-Id, and remembers what it expects to be audited. */
async function perform(action: string, resource: string, method: string, path: string, body?: unknown, status = 200): Promise<void> {
  const userAgent = `coffer-api-test/${action} (${randomBytes(3).toString('hex')})`;
  const requestId = `req-${action.replace('.', '-')}-${randomBytes(6).toString('hex')}`;
  const response = await api(method, path, { body, headers: { 'user-agent': userAgent, 'x-request-id': requestId } });
  expect(response.status, `${action}: ${JSON.stringify(response.body)}`).toBe(status);
  expect(response.headers.get('x-request-id')).toBe(requestId);
  performed.push({ action, resource, userAgent, requestId, response });
}

beforeAll(async () => {
  const acme = await seedOrg(platform, { org: 'acme', project: 'api' });
  api = acme.api;
  orgId = acme.org.id;
  adminTokenId = acme.tokenId;

  await perform('secret.create', secretResource, 'POST', `${scope}/secrets/AUDITED`, { value: VALUES[0] }, 201);
  await perform('secret.update', secretResource, 'POST', `${scope}/secrets/AUDITED`, { value: VALUES[1] });
  await perform('secret.list', scopeResource, 'GET', `${scope}/secrets`);
  await perform('secret.read', secretResource, 'GET', `${scope}/secrets/AUDITED`);
  await perform('secret.reveal', secretResource, 'GET', `${scope}/secrets/AUDITED?reveal=true`);
  await perform('secret.rollback', secretResource, 'POST', `${scope}/secrets/AUDITED/rollback`, { version: 1 });
  await perform('secret.history', secretResource, 'GET', `${scope}/secrets/AUDITED/history`);
  await perform('secret.diff', secretResource, 'GET', `${scope}/secrets/AUDITED/diff?from=1&to=2`);
  await perform('secret.inject', scopeResource, 'POST', `${scope}/inject`);
  await perform('secret.delete', secretResource, 'DELETE', `${scope}/secrets/AUDITED`);
  await perform('secret.restore', secretResource, 'POST', `${scope}/secrets/AUDITED/restore`);
  await perform('secret.purge', secretResource, 'DELETE', `${scope}/secrets/AUDITED/permanent`);
});

describe('audit trail of secret operations', () => {
  let trail: AuditRecord[];
  beforeAll(async () => {
    trail = await waitForAudit(
      api,
      'acme',
      performed.map((p) => p.requestId),
    );
  });

  it('holds exactly one record per action, naming actor, action, resource, request id, ip and user agent', () => {
    expect(performed.map((p) => p.action).sort()).toEqual(
      [
        'secret.create',
        'secret.delete',
        'secret.diff',
        'secret.history',
        'secret.inject',
        'secret.list',
        'secret.purge',
        'secret.read',
        'secret.restore',
        'secret.reveal',
        'secret.rollback',
        'secret.update',
      ].sort(),
    );
    for (const p of performed) {
      const records = trail.filter((event) => event.requestId === p.requestId);
      expect(records, p.action).toHaveLength(1);
      expect(records[0], p.action).toMatchObject({
        orgId,
        actorId: adminTokenId,
        actorType: 'api_token',
        action: p.action,
        resource: p.resource,
        outcome: 'success',
        requestId: p.requestId,
        userAgent: p.userAgent,
        occurredAt: expect.any(String),
      });
      expect(records[0]!.ip, p.action).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    }
  });

  it('uses the request id the gateway generated when the caller sent none', async () => {
    const response = await api('GET', `${scope}/secrets`, { headers: { 'user-agent': 'no-request-id' } });
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const events = await waitForAudit(api, 'acme', [requestId!]);
    expect(events.filter((event) => event.requestId === requestId)).toEqual([
      expect.objectContaining({ action: 'secret.list', userAgent: 'no-request-id', outcome: 'success' }),
    ]);
  });

  it('ignores a malformed X-Request-Id and records the one it answered with', async () => {
    const response = await api('GET', `${scope}/secrets`, { headers: { 'x-request-id': 'bad id; drop table' } });
    const requestId = response.headers.get('x-request-id')!;
    expect(requestId).not.toBe('bad id; drop table');
    const events = await waitForAudit(api, 'acme', [requestId]);
    expect(events.filter((event) => event.requestId === requestId)).toHaveLength(1);
  });

  it('never contains a secret value, through the API or in the table', async () => {
    const everything = JSON.stringify(await auditTrail(api, 'acme'));
    const rows = JSON.stringify(await sql(platform.database.url, 'select * from audit_logs'));
    for (const value of VALUES) {
      expect(everything).not.toContain(value);
      expect(rows).not.toContain(value);
    }
  });

  it('answers newest first, filtered by action or resource prefix', async () => {
    const times = trail.map((event) => Date.parse(event.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const reveals = await auditTrail(api, 'acme', 'action=secret.reveal');
    expect(reveals.length).toBeGreaterThan(0);
    expect(new Set(reveals.map((event) => event.action))).toEqual(new Set(['secret.reveal']));

    const onSecret = await auditTrail(api, 'acme', `resource=${encodeURIComponent(secretResource)}`);
    expect(new Set(onSecret.map((event) => event.resource))).toEqual(new Set([secretResource]));
    expect(onSecret.length).toBe(performed.filter((p) => p.resource === secretResource).length);

    expect(await auditTrail(api, 'acme', 'limit=2')).toHaveLength(2);
    expectError(await api('GET', '/orgs/acme/audit?limit=0'), 400, 'limit');
  });
});

describe('refused and failed operations', () => {
  let reader: Api;
  let readerId: string;

  beforeAll(async () => {
    expectOk(await api('POST', `${scope}/secrets/GUARDED`, { body: { value: VALUES[2] } }), 201);
    const issued = expectOk(await api('POST', '/orgs/acme/tokens', { body: { name: 'reader', permissions: ['read'] } }), 201);
    reader = apiClient(platform.baseUrl, issued.token);
    readerId = issued.id;
  });

  it('records a denied reveal with outcome denied and the denied token as actor, and leaks no value', async () => {
    const requestId = `req-denied-${randomBytes(6).toString('hex')}`;
    const denied = await reader('GET', `${scope}/secrets/GUARDED?reveal=true`, { headers: { 'x-request-id': requestId, 'user-agent': 'sneaky/1.0' } });
    expectError(denied, 403);
    expect(JSON.stringify(denied.body)).not.toContain(VALUES[2]);
    const events = await waitForAudit(api, 'acme', [requestId]);
    const records = events.filter((event) => event.requestId === requestId);
    expect(records).toEqual([
      expect.objectContaining({
        actorId: readerId,
        actorType: 'api_token',
        action: 'secret.reveal',
        resource: `${scopeResource}/secrets/GUARDED`,
        outcome: 'denied',
        userAgent: 'sneaky/1.0',
      }),
    ]);
  });

  it('records a denied write and a failed read, and writes nothing', async () => {
    const deniedId = `req-denied-write-${randomBytes(6).toString('hex')}`;
    expectError(await reader('POST', `${scope}/secrets/GUARDED`, { body: { value: 'nope' }, headers: { 'x-request-id': deniedId } }), 403);
    const failedId = `req-failed-read-${randomBytes(6).toString('hex')}`;
    expectError(await api('GET', `${scope}/secrets/NOT_THERE`, { headers: { 'x-request-id': failedId } }), 404);
    const events = await waitForAudit(api, 'acme', [deniedId, failedId]);
    expect(events.find((event) => event.requestId === deniedId)).toMatchObject({ actorId: readerId, outcome: 'denied' });
    expect(events.find((event) => event.requestId === failedId)).toMatchObject({ action: 'secret.read', outcome: 'failure', actorId: adminTokenId });
    expect(expectOk(await api('GET', `${scope}/secrets/GUARDED`)).version).toBe(1);
  });

  it('is readable only with audit:read, and only for the token’s own organisation', async () => {
    expectError(await reader('GET', '/orgs/acme/audit'), 403);
    const other = expectOk(await api('POST', '/orgs', { body: { slug: 'other' } }), 201);
    const otherApi = apiClient(platform.baseUrl, other.token.token);
    expectError(await otherApi('GET', '/orgs/acme/audit'), 404);
    expect(await auditTrail(otherApi, 'other')).toEqual([]);
  });
});

describe('audit trail of changes to the hierarchy and to tokens', () => {
  it('records project, environment and token changes with their outcome', async () => {
    const requestId = (what: string) => `req-${what}-${randomBytes(6).toString('hex')}`;
    const ids = { project: requestId('project'), env: requestId('env'), token: requestId('token'), revoke: requestId('revoke'), dup: requestId('dup') };
    expectOk(await api('POST', '/orgs/acme/projects', { body: { slug: 'audited-project' }, headers: { 'x-request-id': ids.project } }), 201);
    expectOk(await api('POST', '/orgs/acme/projects/audited-project/envs', { body: { slug: 'qa' }, headers: { 'x-request-id': ids.env } }), 201);
    const issued = expectOk(
      await api('POST', '/orgs/acme/tokens', { body: { name: 'ci', permissions: ['read'] }, headers: { 'x-request-id': ids.token } }),
      201,
    );
    expectOk(await api('DELETE', `/orgs/acme/tokens/${issued.id}`, { headers: { 'x-request-id': ids.revoke } }));
    expectError(await api('POST', '/orgs/acme/projects', { body: { slug: 'audited-project' }, headers: { 'x-request-id': ids.dup } }), 409);

    const records = await waitForAudit(api, 'acme', Object.values(ids));
    const byRequest = new Map(records.map((record) => [record.requestId, record]));
    expect(byRequest.get(ids.project)).toMatchObject({
      action: 'project.create',
      resource: 'orgs/acme/projects/audited-project',
      outcome: 'success',
      actorId: adminTokenId,
    });
    expect(byRequest.get(ids.env)).toMatchObject({ action: 'environment.create', resource: 'orgs/acme/projects/audited-project/envs/qa', outcome: 'success' });
    expect(byRequest.get(ids.token)).toMatchObject({ action: 'token.create', outcome: 'success' });
    expect(byRequest.get(ids.revoke)).toMatchObject({ action: 'token.revoke', resource: `orgs/acme/tokens/${issued.id}`, outcome: 'success' });
    expect(byRequest.get(ids.dup)).toMatchObject({ action: 'project.create', outcome: 'failure' });
    expect(JSON.stringify(records)).not.toContain(issued.token);
  });
});
