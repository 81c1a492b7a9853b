/**
 * Every declared REST route (gateway/src/routes), mounted on a running platform, obeys the rules
 * the one route shape promises: a token of another organisation gets 404 on any `:org` path, bad
 * input is a 400 naming the field and changes nothing, and an audited route leaves a record of its
 * success and of its failure. The declarations themselves are checked in gateway/src/routes.test.ts.
 *
 * The route table is read from the gateway's sources by path: @coffer/gateway does not export it,
 * and gateway's own tests cannot start a platform (the server depends on the gateway).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, SCOPE_PATH, type Route } from '@coffer/gateway';
import { auditTrail, expectError, expectOk, scopePath, sql, tableCounts, waitForAudit, type AuditRecord } from '@coffer/test-kit/api-assertions';
import { seedOrg, usePlatform, type SeededOrg } from '@coffer/test-kit/fixtures';
import type { Api } from '@coffer/test-kit/platform';

const platform = usePlatform();
let acme: SeededOrg;
let globex: SeededOrg;
let revocableTokenId: string;
let routeGrantId: string;
/** Members of acme the member routes act on: one changed, one removed, one granted. */
const MEMBERS = { changed: randomUUID(), removed: randomUUID(), granted: randomUUID() };

const label = (route: Route) => `${route.method.toUpperCase()} ${route.path}`;
const SECRET = `${SCOPE_PATH}/secrets/:key`;

/** A request each route answers with success on this platform (bootstrap cannot succeed twice). */
interface Sample {
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  status: number;
  /** The action recorded on success, when the answer decides it rather than the declaration. */
  action?: string;
  /** Further actions the success records (an approval also records the apply). */
  alsoAudited?: string[];
}
/** Change requests on acme's protected staging, opened by another token than acme's (nobody approves their own). */
const changeRequests = { shown: '', approved: '', rejected: '' };
/** A sample on one of them: its id is known once beforeAll opened it. */
const onRequest = (which: keyof typeof changeRequests, sample: Sample): Sample =>
  Object.defineProperty(sample, 'params', { get: () => ({ env: 'staging', id: changeRequests[which] }), enumerable: true });
const SAMPLES: Record<string, Sample> = {
  'POST /bootstrap': { body: { org: 'late', project: 'api' }, status: 409 },
  // Sign-up and sign-in answer for themselves; with an API token (and made-up links) most refuse.
  'POST /auth/signup': { body: { email: 'routes@example.com', password: 'a passphrase long enough 42' }, status: 202 },
  'POST /auth/verify-email': { body: { token: 'x'.repeat(43) }, status: 400 },
  'POST /auth/login': { body: { email: 'nobody@example.com', password: 'not the password' }, status: 401 },
  'POST /auth/login/2fa': { body: { challenge: 'x'.repeat(43), code: '123456' }, status: 401 },
  'POST /auth/refresh': { body: { refreshToken: 'coffer_rt_made-up' }, status: 401 },
  'POST /auth/logout': { body: {}, status: 401 },
  'POST /auth/password/forgot': { body: { email: 'nobody@example.com' }, status: 202 },
  'POST /auth/password/reset': { body: { token: 'x'.repeat(43), password: 'a passphrase long enough 42' }, status: 400 },
  'POST /auth/invitations/accept': { body: { token: 'x'.repeat(43) }, status: 400 },
  'GET /me': { status: 200 },
  'GET /me/sessions': { status: 400 },
  'DELETE /me/sessions/:sessionId': { params: { sessionId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b' }, status: 400 },
  'GET /me/2fa': { status: 400 },
  'POST /me/2fa': { status: 400 },
  'POST /me/2fa/confirm': { body: { code: '123456' }, status: 400 },
  'POST /me/2fa/disable': { body: { code: '123456' }, status: 400 },
  'POST /orgs/:org/invitations': { body: { email: 'invitee@example.com', role: 'member' }, status: 201 },
  'GET /orgs': { status: 200 },
  'GET /orgs/:org/settings': { status: 200 },
  'POST /orgs/:org/settings': { body: { requireTwoFactor: false }, status: 200 },
  'POST /orgs': { body: { slug: 'routes-org' }, status: 201 },
  'GET /orgs/:org/projects': { status: 200 },
  'POST /orgs/:org/projects': { body: { slug: 'routes-project' }, status: 201 },
  'GET /orgs/:org/projects/:project/envs': { status: 200 },
  'POST /orgs/:org/projects/:project/envs': { body: { slug: 'routes-env' }, status: 201 },
  'POST /orgs/:org/tokens': { body: { name: 'routes-token', permissions: ['read'] }, status: 201 },
  'DELETE /orgs/:org/tokens/:tokenId': { status: 200 },
  'GET /orgs/:org/tokens': { status: 200 },
  'POST /orgs/:org/tokens/:tokenId/rotate': { body: { overlapSeconds: 60 }, status: 201 },
  'GET /orgs/:org/service-accounts': { status: 200 },
  'POST /orgs/:org/service-accounts': { body: { name: 'routes-account' }, status: 201 },
  'DELETE /orgs/:org/service-accounts/:name': { params: { name: 'routes-account' }, status: 200 },
  // An API token opens no break-glass access; there is none to close or review.
  'POST /orgs/:org/projects/:project/envs/:env/break-glass': { body: { reason: 'a sample reason of the routes test' }, status: 403 },
  'GET /orgs/:org/break-glass': { query: 'needsReview=true', status: 200 },
  'POST /orgs/:org/break-glass/:id/close': { params: { id: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b' }, status: 404 },
  'POST /orgs/:org/break-glass/:id/review': { params: { id: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b' }, body: { note: 'reviewed' }, status: 404 },
  'GET /orgs/:org/audit': { query: 'limit=5', status: 200 },
  'GET /orgs/:org/members': { status: 200 },
  'PATCH /orgs/:org/members/:userId': { params: { userId: MEMBERS.changed }, body: { role: 'member' }, status: 200 },
  'DELETE /orgs/:org/members/:userId': { params: { userId: MEMBERS.removed }, status: 200 },
  'GET /orgs/:org/roles': { query: 'scope=project', status: 200 },
  'POST /orgs/:org/roles': { body: { name: 'routes-role', permissions: ['read'] }, status: 201 },
  'PATCH /orgs/:org/roles/:role': { params: { role: 'routes-patched' }, body: { description: 'patched' }, status: 200 },
  'DELETE /orgs/:org/roles/:role': { params: { role: 'routes-deleted' }, status: 200 },
  'GET /orgs/:org/grants': { query: 'project=api', status: 200 },
  'PUT /orgs/:org/grants': { body: { user: MEMBERS.granted, project: 'api', role: 'developer' }, status: 200 },
  'DELETE /orgs/:org/grants/:grantId': { status: 200 },
  'PATCH /orgs/:org/projects/:project/envs/:env': { body: { protected: false }, status: 200 },
  [`GET ${SCOPE_PATH}/secrets`]: { status: 200 },
  [`POST ${SCOPE_PATH}/inject`]: { status: 200 },
  [`GET ${SECRET}`]: { params: { key: 'ROUTED' }, query: 'reveal=true', status: 200 },
  [`POST ${SECRET}`]: { params: { key: 'ROUTE_SET' }, body: { value: 'route-set-value' }, status: 201, action: 'secret.create' },
  [`DELETE ${SECRET}`]: { params: { key: 'ROUTE_DELETE' }, status: 200 },
  [`DELETE ${SECRET}/permanent`]: { params: { key: 'ROUTE_PURGE' }, status: 200 },
  [`POST ${SECRET}/restore`]: { params: { key: 'ROUTE_RESTORE' }, status: 200 },
  [`GET ${SECRET}/history`]: { params: { key: 'ROUTED' }, status: 200 },
  [`GET ${SECRET}/diff`]: { params: { key: 'ROUTED' }, query: 'from=1&to=2', status: 200 },
  [`POST ${SECRET}/rollback`]: { params: { key: 'ROUTE_ROLLBACK' }, body: { version: 1 }, status: 200 },
  [`POST ${SCOPE_PATH}/sync/push`]: { body: { format: 'env', content: 'ROUTE_PUSHED=pushed\n' }, status: 200 },
  [`GET ${SCOPE_PATH}/sync/pull`]: { query: 'format=env', status: 200 },
  [`POST ${SCOPE_PATH}/sync/diff`]: { body: { format: 'env', content: 'ROUTED=local\n' }, status: 200 },
  [`GET ${SCOPE_PATH}/change-requests`]: { params: { env: 'staging' }, query: 'status=open', status: 200 },
  [`GET ${SCOPE_PATH}/change-requests/:id`]: onRequest('shown', { status: 200 }),
  [`POST ${SCOPE_PATH}/change-requests/:id/approve`]: onRequest('approved', { status: 200, alsoAudited: ['change-request.apply'] }),
  [`POST ${SCOPE_PATH}/change-requests/:id/reject`]: onRequest('rejected', { body: { reason: 'routes' }, status: 200 }),
};

/** An invalid value for each path parameter a route can have. */
const BAD_PARAMS: Record<string, string> = {
  org: 'Not_A_Slug',
  project: 'Not_A_Slug',
  env: 'Not_A_Slug',
  key: '9_STARTS_WITH_A_DIGIT',
  tokenId: 'not-a-token-id',
  sessionId: 'not-a-session-id',
  userId: 'not-a-user-id',
  role: 'Not_A_Slug',
  grantId: 'not-a-grant-id',
  name: 'Not_A_Slug',
  id: 'not-an-id',
};

const sampleOf = (route: Route): Sample => {
  const sample = SAMPLES[label(route)];
  if (!sample) throw new Error(`no sample request for ${label(route)}`);
  return sample;
};

/** The route's path under /api/v1 with the sample's parameters, in organisation `org`. */
function pathOf(route: Route, org: string, params: Record<string, string> = {}, query = sampleOf(route).query): string {
  const values: Record<string, string> = {
    org,
    project: 'api',
    env: 'development',
    key: 'ROUTED',
    tokenId: revocableTokenId,
    grantId: routeGrantId,
    sessionId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
    ...sampleOf(route).params,
    ...params,
  };
  const path = route.path.replace(/:([A-Za-z]+)/g, (_match, name: string) => encodeURIComponent(values[name]!));
  return query ? `${path}?${query}` : path;
}

const requestId = (what: string) => `req-routes-${what}-${randomBytes(6).toString('hex')}`;
const namesOrg = (route: Route) => route.path.includes(':org');
const audited = ROUTES.filter((route) => route.audit);

/** The audit action a route declares for a query. */
function declaredAction(route: Route, query = ''): string {
  const action = route.audit!.action;
  return typeof action === 'string' ? action : action(Object.fromEntries(new URLSearchParams(query)));
}

beforeAll(async () => {
  acme = await seedOrg(platform, { org: 'acme', project: 'api' });
  globex = await seedOrg(platform, { org: 'globex', project: 'api', envs: ['development'] });
  const put = (key: string, value: string) => acme.api('POST', `${scopePath('acme', 'api', 'development')}/secrets/${key}`, { body: { value } });
  for (const key of ['ROUTED', 'ROUTE_DELETE', 'ROUTE_PURGE', 'ROUTE_RESTORE', 'ROUTE_ROLLBACK']) expectOk(await put(key, `${key}-v1`), 201);
  for (const key of ['ROUTED', 'ROUTE_ROLLBACK']) expectOk(await put(key, `${key}-v2`));
  expectOk(await acme.api('DELETE', `${scopePath('acme', 'api', 'development')}/secrets/ROUTE_RESTORE`));
  revocableTokenId = expectOk(await acme.api('POST', '/orgs/acme/tokens', { body: { name: 'revocable', permissions: ['read'] } }), 201).id;
  for (const [who, id] of Object.entries(MEMBERS)) {
    await sql(platform.database.url, `insert into users (id, email, name) values ($1, $2, $3)`, [id, `${who}@routes.example`, who]);
    await sql(platform.database.url, `insert into memberships (org_id, user_id, role) values ($1, $2, 'member')`, [acme.org.id, id]);
  }
  for (const name of ['routes-patched', 'routes-deleted']) expectOk(await acme.api('POST', '/orgs/acme/roles', { body: { name, permissions: ['read'] } }), 201);
  expectOk(await acme.api('PUT', '/orgs/acme/grants', { body: { user: MEMBERS.granted, project: 'api', role: 'viewer' } }));
  routeGrantId = expectOk(await acme.api('PUT', '/orgs/acme/grants', { body: { user: MEMBERS.changed, project: 'api', role: 'viewer' } })).id;
  const writer = expectOk(await acme.api('POST', '/orgs/acme/tokens', { body: { name: 'requester', permissions: ['read', 'create', 'update'] } }), 201);
  expectOk(await acme.api('PATCH', '/orgs/acme/projects/api/envs/staging', { body: { protected: true } }));
  for (const which of Object.keys(changeRequests) as (keyof typeof changeRequests)[]) {
    const opened = await acme.api('POST', `${scopePath('acme', 'api', 'staging')}/secrets/ROUTE_REQUESTED`, { body: { value: which }, token: writer.token });
    changeRequests[which] = expectOk(opened, 202).changeRequest.id;
  }
});

it('has a sample request for every declared route, and none for a route that does not exist', () => {
  expect(Object.keys(SAMPLES).sort()).toEqual(ROUTES.map(label).sort());
});

describe('a token of another organisation on every :org route', () => {
  const sent: string[] = [];

  it.each(ROUTES.filter(namesOrg).map((route) => [label(route), route] as const))('%s answers 404 and changes nothing', async (_label, route) => {
    const before = await tableCounts(platform.database.url);
    const id = requestId('cross-org');
    sent.push(id);
    const response = await globex.api(route.method.toUpperCase(), pathOf(route, 'acme'), { body: sampleOf(route).body, headers: { 'x-request-id': id } });
    expectError(response, 404);
    expect(JSON.stringify(response.body)).not.toContain(acme.org.id);
    expect(await tableCounts(platform.database.url)).toEqual(before);
  });

  it('is audited nowhere: the request names no resource of its own organisation', async () => {
    // An audited request after them: once its record is in, theirs would be too.
    const barrier = requestId('barrier');
    expectOk(await globex.api('GET', `${scopePath('globex', 'api', 'development')}/secrets`, { headers: { 'x-request-id': barrier } }));
    const trail = await waitForAudit(globex.api, 'globex', [barrier]);
    const ids = new Set(sent);
    expect(sent.length).toBeGreaterThan(0);
    expect(trail.filter((record) => ids.has(record.requestId))).toEqual([]);
    expect((await auditTrail(acme.api, 'acme')).filter((record) => ids.has(record.requestId))).toEqual([]);
  });
});

describe('bad input on every route', () => {
  it.each(ROUTES.map((route) => [label(route), route] as const))('%s answers 400 naming the field, and changes nothing', async (_label, route) => {
    const before = await tableCounts(platform.database.url);
    const { body, query } = sampleOf(route);
    const send = (path: string, payload: unknown = body) => acme.api(route.method.toUpperCase(), path, { body: payload });
    const params = route.path
      .split('/')
      .filter((segment) => segment.startsWith(':'))
      .map((segment) => segment.slice(1));
    for (const param of params) expectError(await send(pathOf(route, 'acme', { [param]: BAD_PARAMS[param]! })), 400, param);
    expectError(await send(pathOf(route, 'acme', {}, query ? `${query}&unexpected=1` : 'unexpected=1')), 400, 'unexpected');
    if (route.body) expectError(await send(pathOf(route, 'acme'), { ...(body as object), unexpected: true }), 400, 'unexpected');
    expect(await tableCounts(platform.database.url)).toEqual(before);
  });
});

describe('every audited route', () => {
  it.each(audited.map((route) => [label(route), route] as const))('%s records its success and its failure', async (_label, route) => {
    const sample = sampleOf(route);
    const ids = { success: requestId('success'), failure: requestId('failure') };
    const call = (api: Api, path: string, id: string) => api(route.method.toUpperCase(), path, { body: sample.body, headers: { 'x-request-id': id } });
    const succeeded = await call(acme.api, pathOf(route, 'acme'), ids.success);
    expect(succeeded.status, JSON.stringify(succeeded.body)).toBe(sample.status);
    const failureQuery = sample.query ? `${sample.query}&unexpected=1` : 'unexpected=1';
    expectError(await call(acme.api, pathOf(route, 'acme', {}, failureQuery), ids.failure), 400, 'unexpected');

    const trail = await waitForAudit(acme.api, 'acme', Object.values(ids));
    const recorded = (id: string): AuditRecord[] => trail.filter((record) => record.requestId === id);
    // A sample an API token cannot make succeed (opening break-glass is for people) is recorded as what it was.
    const outcome = sample.status < 300 ? 'success' : sample.status === 403 ? 'denied' : 'failure';
    const succeededAs = [sample.action ?? declaredAction(route, sample.query), ...(sample.alsoAudited ?? [])];
    expect(recorded(ids.success)).toHaveLength(succeededAs.length);
    expect(recorded(ids.success)).toEqual(
      expect.arrayContaining(succeededAs.map((action) => expect.objectContaining({ action, outcome, actorId: acme.tokenId, orgId: acme.org.id }))),
    );
    expect(recorded(ids.failure)).toEqual([
      expect.objectContaining({ action: declaredAction(route, failureQuery), outcome: 'failure', actorId: acme.tokenId, orgId: acme.org.id }),
    ]);
    if (namesOrg(route)) for (const id of Object.values(ids)) expect(recorded(id)[0]!.resource).toMatch(/^orgs\/acme(\/|$)/);
  });
});
