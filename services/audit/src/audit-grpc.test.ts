import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isCofferError } from '@coffer/contract';
import { openDatabase, withTenant, type Database } from '@coffer/db';
import {
  AUDIT_SERVICE,
  addService,
  bindServer,
  createAuditClient,
  createGrpcServer,
  createPrincipalSigner,
  createPrincipalVerifier,
  createServiceSigner,
  createServiceVerifier,
  loadCofferPackage,
  shutdownServer,
  unary,
  type AuditServiceClient,
  type Server,
} from '@coffer/grpc';
import { createTestDatabase, type TestDatabase } from '@coffer/test-postgres';
import { auditAccess, auditHandlers } from './audit-grpc.js';
import { createAuditService } from './audit-service.js';
import { createAuditStore } from './audit-store.js';

let testDb: TestDatabase;
let db: Database;
let server: Server;
let client: AuditServiceClient;
const orgId = randomUUID();
const otherOrgId = randomUUID();
const principalKeys = generateKeyPairSync('ed25519');
const serviceKeys = generateKeyPairSync('ed25519');
const claims = {
  tokenId: 'token-1',
  orgId,
  orgSlug: 'acme',
  name: 'ci',
  permissions: ['read'],
  actorType: 'api_token',
  userId: '',
  grants: [],
  allowedCidrs: [],
  expiresAt: '',
};
const signPrincipal = await createPrincipalSigner(principalKeys.privateKey);
const principal = await signPrincipal(claims);
const asGateway = await (await createServiceSigner(serviceKeys.privateKey, 'gateway'))(AUDIT_SERVICE);
const fromGateway = { ctx: { requestId: 't', serviceAssertion: asGateway } };
/** What the server reported as unexpected (an internal error): each test expects none unless it says so. */
const unexpected: unknown[] = [];

const event = (overrides: Record<string, string> = {}) => ({
  id: '',
  orgId,
  actorId: 'token-1',
  actorType: 'api_token',
  action: 'secret.read',
  resource: 'orgs/acme/projects/api/envs/dev/secrets/KEY',
  outcome: 'success',
  requestId: 'req-1',
  ip: '127.0.0.1',
  userAgent: 'test',
  occurredAt: new Date().toISOString(),
  ...overrides,
});
const record = (events: ReturnType<typeof event>[], assertion = principal) =>
  unary(client, 'Record', { groups: [{ principal: assertion, events }] }, fromGateway);

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({ databaseUrl: testDb.url, dataDir: '/nonexistent' });
  for (const id of [orgId, otherOrgId]) await withTenant(db.knex, id, (trx) => trx('organizations').insert({ id, slug: `org-${id}`, name: 'org' }));
  server = createGrpcServer();
  const verifyPrincipal = await createPrincipalVerifier(principalKeys.publicKey, { audience: AUDIT_SERVICE });
  const verifyService = await createServiceVerifier([serviceKeys.publicKey], { audience: AUDIT_SERVICE });
  const service = createAuditService({ knex: db.knex, store: createAuditStore() });
  addService(server, loadCofferPackage().coffer.v1.AuditService.service, auditHandlers(service, verifyPrincipal), auditAccess, {
    onUnexpectedError: (err: unknown) => unexpected.push(err),
    verifyPrincipal,
    verifyService,
  });
  client = createAuditClient(`127.0.0.1:${await bindServer(server, '127.0.0.1', 0)}`);
});

afterEach(() => {
  expect(unexpected).toEqual([]);
});

afterAll(async () => {
  client?.close();
  if (server) await shutdownServer(server, 1000);
  await db?.close();
  await testDb?.drop();
});

async function storedCount(id = orgId): Promise<number> {
  return withTenant(db.knex, id, async (trx) => Number((await trx('audit_logs').count({ n: '*' }))[0]?.n));
}

async function failureOf(call: Promise<unknown>) {
  const failure = await call.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!isCofferError(failure)) throw new Error(`expected a CofferError, got ${String(failure)}`);
  return failure;
}

it('stores a valid batch', async () => {
  const before = await storedCount();
  const { recorded } = await record([event(), event({ action: 'secret.reveal' })]);
  expect(recorded).toBe(2);
  expect(await storedCount()).toBe(before + 2);
});

it('stores one batch of two organisations, each row under its own organisation and as sent, or none of it', async () => {
  const otherPrincipal = await signPrincipal({ ...claims, orgId: otherOrgId });
  const occurredAt = '2026-12-01T10:11:12.345Z';
  const before = [await storedCount(), await storedCount(otherOrgId)];
  const groups = [
    { principal, events: [event({ occurredAt, resource: 'orgs/acme/one' })] },
    { principal: otherPrincipal, events: [event({ orgId: otherOrgId, occurredAt, resource: 'orgs/other/two' })] },
  ];
  expect((await unary(client, 'Record', { groups }, fromGateway)).recorded).toBe(2);
  expect([await storedCount(), await storedCount(otherOrgId)]).toEqual([before[0]! + 1, before[1]! + 1]);
  const stored = await withTenant(db.knex, otherOrgId, (trx) => trx('audit_logs').where({ resource: 'orgs/other/two' }).first());
  expect(stored).toMatchObject({ org_id: otherOrgId, actor_id: 'token-1', action: 'secret.read', ip: '127.0.0.1', user_agent: 'test' });
  expect(new Date(stored.occurred_at).toISOString()).toBe(occurredAt);
});

it('skips, and counts, the events of an organisation that no longer exists, storing the rest of the batch', async () => {
  // Spooled before the organisation was deleted: it could never be stored, and must not block the others.
  const ghostOrgId = randomUUID();
  const ghost = { principal: await signPrincipal({ ...claims, orgId: ghostOrgId }), events: [event({ orgId: ghostOrgId })] };
  const before = await storedCount();
  const answer = await unary(client, 'Record', { groups: [{ principal, events: [event()] }, ghost] }, fromGateway);
  expect(answer).toMatchObject({ recorded: 1, alreadyRecorded: 0, orphaned: 1 });
  expect(await storedCount()).toBe(before + 1);
});

it('stores an event id once, however often its batch is sent, and says so', async () => {
  const ids = [randomUUID(), randomUUID()];
  const before = await storedCount();
  expect(await record(ids.map((id) => event({ id })))).toMatchObject({ recorded: 2, alreadyRecorded: 0 });
  // The answer was lost and the batch comes again, with one new event.
  const third = randomUUID();
  expect(await record([...ids, third].map((id) => event({ id })))).toMatchObject({ recorded: 1, alreadyRecorded: 2 });
  // The same id twice in one batch is one row too.
  expect(await record([event({ id: third }), event({ id: third })])).toMatchObject({ recorded: 0, alreadyRecorded: 2 });
  expect(await storedCount()).toBe(before + 3);
});

it.each([
  ['orgId', { orgId: 'not-a-uuid' }],
  ['action', { action: '' }],
  ['outcome', { outcome: 'maybe' }],
  ['occurredAt', { occurredAt: 'yesterday' }],
  ['resource', { resource: 'a\u0000b' }],
])('refuses a batch with a bad %s, naming it, and stores none of it', async (field, overrides) => {
  const before = await storedCount();
  const failure = await failureOf(record([event(), event(overrides)]));
  expect(failure.code).toBe('INVALID_ARGUMENT');
  expect(failure.message).toMatch(new RegExp(`^groups\\.0\\.events\\.1\\.${field}: `));
  expect(await storedCount()).toBe(before);
});

describe('what a record may claim', () => {
  it("refuses, whole, a batch with an event of another organisation or actor than its group's principal", async () => {
    const before = [await storedCount(), await storedCount(otherOrgId)];
    for (const overrides of [{ orgId: otherOrgId }, { actorId: 'someone-else' }, { actorType: 'user' }] as Record<string, string>[]) {
      const failure = await failureOf(record([event(), event(overrides)]));
      expect(failure.code).toBe('PERMISSION_DENIED');
      expect(failure.message).toContain('groups.0.events.1');
    }
    expect([await storedCount(), await storedCount(otherOrgId)]).toEqual(before);
  });

  it('refuses a principal Auth did not sign, and an event after its principal expired', async () => {
    const before = await storedCount();
    const forged = await (await createPrincipalSigner(generateKeyPairSync('ed25519').privateKey))(claims);
    // Refused for good (the gateway drops such a group rather than retrying it forever), naming the group.
    expect(await failureOf(record([event()], forged))).toMatchObject({ code: 'PERMISSION_DENIED', message: expect.stringContaining('groups.0.principal') });
    const old = await (await createPrincipalSigner(principalKeys.privateKey, { now: () => Date.now() - 3_600_000 }))(claims);
    expect((await failureOf(record([event()], old))).code).toBe('PERMISSION_DENIED');
    // Recorded late is fine, as long as it happened while the principal was valid.
    expect((await record([event({ occurredAt: new Date(Date.now() - 3_599_000).toISOString() })], old)).recorded).toBe(1);
    expect(await storedCount()).toBe(before + 1);
  });

  it('takes records from a Coffer service only', async () => {
    const before = await storedCount();
    const groups = [{ principal, events: [event()] }];
    expect((await failureOf(unary(client, 'Record', { groups }, { ctx: { requestId: 't', principal: { assertion: principal } } }))).code).toBe(
      'UNAUTHENTICATED',
    );
    const stranger = await (await createServiceSigner(generateKeyPairSync('ed25519').privateKey, 'gateway'))(AUDIT_SERVICE);
    expect((await failureOf(unary(client, 'Record', { groups }, { ctx: { requestId: 't', serviceAssertion: stranger } }))).code).toBe('UNAUTHENTICATED');
    expect(await storedCount()).toBe(before);
  });
});
