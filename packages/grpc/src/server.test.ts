import { generateKeyPairSync } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { describe, expect, it, vi } from 'vitest';
import { createAuditClient, unary } from './client.js';
import { CofferError, httpStatusOf } from '@coffer/contract';
import type { AuditServiceHandlers } from './generated/coffer/v1/AuditService.js';
import { principalWith, publicAccess, servicesOnly } from './access.js';
import { PRINCIPAL_METADATA_KEY, SERVICE_METADATA_KEY, type CallContext, type OutgoingContext } from './metadata.js';
import { createPrincipalSigner, createPrincipalVerifier } from './principal-assertion.js';
import { AUDIT_SERVICE, loadCofferPackage } from './proto-package.js';
import { loopbackServers } from './test-loopback.js';
import { addService, bindServer, shutdownServer, type AccessTable, type AsyncHandlers } from './server.js';
import { createServiceSigner, createServiceVerifier } from './service-assertion.js';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const service = generateKeyPairSync('ed25519');
const verifyPrincipal = await createPrincipalVerifier(publicKey, { audience: AUDIT_SERVICE });
const verifyService = await createServiceVerifier([service.publicKey], { audience: AUDIT_SERVICE });
const claims = {
  tokenId: 'tok_1',
  orgId: '0b6f0c1e-3a51-4c3f-9d51-2f4f3c0d8a11',
  orgSlug: 'acme',
  name: 'ci',
  permissions: ['audit:read'],
  actorType: 'token',
  userId: '',
  grants: [],
  allowedCidrs: [],
  expiresAt: '',
};
const principal = { ...claims, assertion: await (await createPrincipalSigner(privateKey))(claims) };
const foreignAssertion = await (await createPrincipalSigner(generateKeyPairSync('ed25519').privateKey))(claims);
const ctx: OutgoingContext = { requestId: 'req-1', principal };
/** Any principal of the organisation may Record here; Search needs audit:read. */
const ACCESS: AccessTable<AuditServiceHandlers> = { Record: principalWith([]), Search: principalWith(['audit:read']) };

const noSearch: AsyncHandlers<AuditServiceHandlers>['Search'] = async () => ({ events: [] });

const loopback = loopbackServers();

async function serveAudit(handlers: AsyncHandlers<AuditServiceHandlers>, onUnexpectedError = vi.fn(), access = ACCESS) {
  const definition = loadCofferPackage().coffer.v1.AuditService.service;
  const client = await loopback.serve(
    (server) => addService(server, definition, handlers, access, { onUnexpectedError, verifyPrincipal, verifyService }),
    createAuditClient,
  );
  return { client, onUnexpectedError };
}

async function failureOf(call: Promise<unknown>): Promise<CofferError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof CofferError)) throw new Error(`expected a CofferError, got ${String(error)}`);
  return error;
}

describe('gRPC server adapter and typed client', () => {
  it('answers a call with the handler result and passes the request id, principal and deadline in ctx', async () => {
    const seen: CallContext[] = [];
    const { client } = await serveAudit({
      Record: async (request, callCtx) => {
        seen.push(callCtx);
        return { recorded: request.groups.length };
      },
      Search: noSearch,
    });

    const before = Date.now();
    const response = await unary(client, 'Record', { groups: [{ principal: 'p', events: [{ action: 'secret.read' }] }] }, { ctx, deadlineMs: 3_000 });

    expect(response).toEqual({ recorded: 1, alreadyRecorded: 0, orphaned: 0 });
    expect(seen).toEqual([{ ...ctx, deadline: expect.any(Number) }]);
    // The callee sees the caller's deadline (grpc-timeout travels with millisecond precision).
    expect(seen[0]!.deadline).toBeGreaterThanOrEqual(before + 2_900);
    expect(seen[0]!.deadline).toBeLessThanOrEqual(Date.now() + 3_000);
  });

  it('delivers a CofferError with its exact code, message and details', async () => {
    const { client, onUnexpectedError } = await serveAudit({
      Record: async () => {
        throw new CofferError('NOT_FOUND', 'secret DB_URL not found', { details: { key: 'DB_URL', note: 'héllo' } });
      },
      Search: async () => {
        throw new CofferError('PAYLOAD_TOO_LARGE', 'events: at most 1000 per batch', { details: { field: 'events' } });
      },
    });

    const notFound = await failureOf(unary(client, 'Record', {}, { ctx }));
    expect(notFound).toMatchObject({ code: 'NOT_FOUND', message: 'secret DB_URL not found' });
    expect(notFound.details).toEqual({ key: 'DB_URL', note: 'héllo' });

    // PAYLOAD_TOO_LARGE shares INVALID_ARGUMENT on the wire; the trailer keeps it exact.
    const tooLarge = await failureOf(unary(client, 'Search', {}, { ctx }));
    expect(tooLarge.code).toBe('PAYLOAD_TOO_LARGE');
    expect(httpStatusOf(tooLarge.code)).toBe(413);
    expect(onUnexpectedError).not.toHaveBeenCalled();
  });

  it.each([
    ['ALREADY_EXISTS', 409],
    ['ABORTED', 409],
    ['PERMISSION_DENIED', 403],
  ] as const)('carries %s to the client, which answers HTTP %i', async (code, http) => {
    const { client } = await serveAudit({
      Record: async () => {
        throw new CofferError(code, 'no');
      },
      Search: noSearch,
    });

    const error = await failureOf(unary(client, 'Record', {}, { ctx }));

    expect(error.code).toBe(code);
    expect(httpStatusOf(error.code)).toBe(http);
  });

  it('hides an unexpected error as INTERNAL "internal error" and reports it', async () => {
    const leak = new Error("select * from secrets where key = 'DB_URL' -- password=hunter2");
    const { client, onUnexpectedError } = await serveAudit({
      Record: async () => {
        throw leak;
      },
      Search: noSearch,
    });

    const error = await failureOf(unary(client, 'Record', {}, { ctx }));

    expect(error.code).toBe('INTERNAL');
    expect(error.message).toBe('internal error');
    const wire = error.cause as grpc.ServiceError;
    expect(`${wire.message} ${JSON.stringify(wire.metadata.toJSON())}`).not.toMatch(/hunter2|select/);
    expect(onUnexpectedError).toHaveBeenCalledWith(leak, '/coffer.v1.AuditService/Record', ctx.requestId);
  });

  it('gives DEADLINE_EXCEEDED when the handler is slower than the deadline', async () => {
    const { client } = await serveAudit({
      Record: () => new Promise((resolve) => setTimeout(() => resolve({ recorded: 0 }), 500)),
      Search: noSearch,
    });

    const error = await failureOf(unary(client, 'Record', {}, { ctx, deadlineMs: 50 }));

    expect(error.code).toBe('DEADLINE_EXCEEDED');
    // grpc-js's own text names the peer's address, which a caller must not learn.
    expect((error.cause as grpc.ServiceError).details).toMatch(/remote_addr=127\.0\.0\.1/);
    expect(error.message).toBe('a service did not answer in time');
  });

  it.each([
    ['malformed', Buffer.from('{"orgId": 42}').toString('base64url')],
    ['unsigned (plain JSON)', Buffer.from(JSON.stringify(claims)).toString('base64url')],
    ['signed with another key', foreignAssertion],
  ])('rejects %s principal metadata as UNAUTHENTICATED without calling the handler', async (_, value) => {
    const record = vi.fn<AsyncHandlers<AuditServiceHandlers>['Record']>(async () => ({ recorded: 0 }));
    const { client } = await serveAudit({ Record: record, Search: noSearch });
    const metadata = new grpc.Metadata();
    metadata.set(PRINCIPAL_METADATA_KEY, value);

    const status = await new Promise<grpc.ServiceError | null>((resolve) => {
      client.Record({}, metadata, { deadline: Date.now() + 5_000 }, (error) => resolve(error));
    });

    expect(status?.code).toBe(grpc.status.UNAUTHENTICATED);
    expect(status?.metadata.get('x-coffer-error-code')).toEqual(['UNAUTHENTICATED']);
    expect(record).not.toHaveBeenCalled();
  });

  it('reports an unreachable server as UNAVAILABLE', async () => {
    const gone = loopback.server();
    const port = await bindServer(gone, '127.0.0.1', 0);
    await shutdownServer(gone, 1_000);
    const client = loopback.client(createAuditClient(`127.0.0.1:${port}`));

    const error = await failureOf(unary(client, 'Search', {}, { ctx }));

    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toBe('a service is unavailable');
    expect(error.message).not.toContain(String(port));
  });

  it('refuses to register a service with a missing handler', () => {
    const server = loopback.server();
    const incomplete = { Record: async () => ({ recorded: 0 }) } as unknown as AsyncHandlers<AuditServiceHandlers>;
    const register = () =>
      addService(server, loadCofferPackage().coffer.v1.AuditService.service, incomplete, ACCESS, { onUnexpectedError: vi.fn(), verifyPrincipal });
    expect(register).toThrow('no handler for /coffer.v1.AuditService/Search');
  });

  it('refuses to register a handler without an access rule, or a rule for a method that does not exist', () => {
    const server = loopback.server();
    const handlers = { Record: async () => ({ recorded: 0 }), Search: noSearch };
    const definition = loadCofferPackage().coffer.v1.AuditService.service;
    const options = { onUnexpectedError: vi.fn(), verifyPrincipal, verifyService };
    const missing = { Record: publicAccess } as unknown as AccessTable<AuditServiceHandlers>;
    expect(() => addService(server, definition, handlers, missing, options)).toThrow('no access rule for /coffer.v1.AuditService/Search');
    const extra = { ...ACCESS, Delete: publicAccess } as unknown as AccessTable<AuditServiceHandlers>;
    expect(() => addService(server, definition, handlers, extra, options)).toThrow('access rules for unknown methods Delete');
    const serviceOnly = { ...ACCESS, Record: servicesOnly('gateway') };
    expect(() => addService(server, definition, handlers, serviceOnly, { onUnexpectedError: vi.fn(), verifyPrincipal })).toThrow('no service verifier');
  });
});

describe('access rules, enforced before the handler runs', () => {
  const handlers = () => ({
    Record: vi.fn<AsyncHandlers<AuditServiceHandlers>['Record']>(async (_request, callCtx) => ({ recorded: callCtx.service === 'gateway' ? 1 : 0 })),
    Search: vi.fn<AsyncHandlers<AuditServiceHandlers>['Search']>(async () => ({ events: [] })),
  });

  it('answers PERMISSION_DENIED naming the missing permission, and UNAUTHENTICATED without a principal', async () => {
    const reader = { ...claims, permissions: ['read'] };
    const withoutAudit = { ...reader, assertion: await (await createPrincipalSigner(privateKey))(reader) };
    const spies = handlers();
    const { client } = await serveAudit(spies);
    const denied = await failureOf(unary(client, 'Search', {}, { ctx: { requestId: 'r', principal: withoutAudit } }));
    expect(denied).toMatchObject({ code: 'PERMISSION_DENIED', message: 'missing permission: audit:read' });
    expect((await failureOf(unary(client, 'Search', {}, { ctx: { requestId: 'r' } }))).code).toBe('UNAUTHENTICATED');
    expect(spies.Search).not.toHaveBeenCalled();
    expect(await unary(client, 'Search', {}, { ctx })).toEqual({ events: [] });
  });

  it('lets a public RPC through without a principal', async () => {
    const spies = handlers();
    const { client } = await serveAudit(spies, vi.fn(), { ...ACCESS, Record: publicAccess });
    expect(await unary(client, 'Record', { groups: [] }, { ctx: { requestId: 'r' } })).toEqual({ recorded: 0, alreadyRecorded: 0, orphaned: 0 });
  });

  it('admits a service-only RPC with a service assertion of a listed service only', async () => {
    const spies = handlers();
    const { client } = await serveAudit(spies, vi.fn(), { ...ACCESS, Record: servicesOnly('gateway') });
    const asGateway = await (await createServiceSigner(service.privateKey, 'gateway'))(AUDIT_SERVICE);
    expect(await unary(client, 'Record', { groups: [] }, { ctx: { requestId: 'r', serviceAssertion: asGateway } })).toEqual({
      recorded: 1,
      alreadyRecorded: 0,
      orphaned: 0,
    });

    // A principal, however powerful, is not a service; nor is a service that is not listed, nor an unknown key.
    expect((await failureOf(unary(client, 'Record', { groups: [] }, { ctx }))).code).toBe('UNAUTHENTICATED');
    const asSync = await (await createServiceSigner(service.privateKey, 'sync'))(AUDIT_SERVICE);
    expect(await failureOf(unary(client, 'Record', { groups: [] }, { ctx: { requestId: 'r', serviceAssertion: asSync } }))).toMatchObject({
      code: 'PERMISSION_DENIED',
    });
    const forged = await (await createServiceSigner(generateKeyPairSync('ed25519').privateKey, 'gateway'))(AUDIT_SERVICE);
    expect((await failureOf(unary(client, 'Record', { groups: [] }, { ctx: { requestId: 'r', serviceAssertion: forged } }))).code).toBe('UNAUTHENTICATED');
    const metadata = new grpc.Metadata();
    metadata.set(SERVICE_METADATA_KEY, 'not-a-jwt');
    const status = await new Promise<grpc.ServiceError | null>((resolve) =>
      client.Record({ groups: [] }, metadata, { deadline: Date.now() + 5_000 }, (error) => resolve(error)),
    );
    expect(status?.code).toBe(grpc.status.UNAUTHENTICATED);
    expect(spies.Record).toHaveBeenCalledTimes(1);
  });
});
