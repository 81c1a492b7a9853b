import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, withTenant, type Database } from '@coffer/db';
import { addService, bindServer, createAuditClient, createGrpcServer, createPrincipalVerifier, isCofferError, loadCofferPackage, shutdownServer, unary, type AuditServiceClient, type Server } from '@coffer/grpc';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/postgres.js';
import { auditHandlers } from './audit-grpc.js';
import { createAuditService } from './audit-service.js';
import { createAuditStore } from './audit-store.js';

let testDb: TestDatabase;
let db: Database;
let server: Server;
let client: AuditServiceClient;
const orgId = randomUUID();

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

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({ databaseUrl: testDb.url, dataDir: '/nonexistent' });
  await withTenant(db.knex, orgId, (trx) => trx('organizations').insert({ id: orgId, slug: `org-${orgId}`, name: 'org' }));
  server = createGrpcServer();
  addService(server, loadCofferPackage().coffer.v1.AuditService.service, auditHandlers(createAuditService({ knex: db.knex, store: createAuditStore() })), {
    onUnexpectedError: (err) => {
      throw err;
    },
    verifyPrincipal: createPrincipalVerifier(generateKeyPairSync('ed25519').publicKey),
  });
  client = createAuditClient(`127.0.0.1:${await bindServer(server, '127.0.0.1', 0)}`);
});

afterAll(async () => {
  client?.close();
  if (server) await shutdownServer(server, 1000);
  await db?.close();
  await testDb?.drop();
});

async function storedCount(): Promise<number> {
  return withTenant(db.knex, orgId, async (trx) => Number((await trx('audit_logs').count({ n: '*' }))[0]?.n));
}

it('stores a valid batch', async () => {
  const before = await storedCount();
  const { recorded } = await unary(client, 'Record', { events: [event(), event({ action: 'secret.reveal' })] }, { ctx: { requestId: 't' } });
  expect(recorded).toBe(2);
  expect(await storedCount()).toBe(before + 2);
});

it.each([
  ['orgId', { orgId: 'not-a-uuid' }],
  ['action', { action: '' }],
  ['outcome', { outcome: 'maybe' }],
  ['occurredAt', { occurredAt: 'yesterday' }],
  ['resource', { resource: 'a\u0000b' }],
])('refuses a batch with a bad %s, naming it, and stores none of it', async (field, overrides) => {
  const before = await storedCount();
  const failure = await unary(client, 'Record', { events: [event(), event(overrides)] }, { ctx: { requestId: 't' } }).catch((err: unknown) => err);
  expect(isCofferError(failure) && failure.code).toBe('INVALID_ARGUMENT');
  expect((failure as Error).message).toMatch(new RegExp(`^events\\.1\\.${field}: `));
  expect(await storedCount()).toBe(before);
});
