import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { CofferError } from '@coffer/contract';
import { principalWith, publicAccess } from './access.js';
import { createSecretClient, unary } from './client.js';
import type { SecretServiceClient, SecretServiceHandlers } from './generated/coffer/v1/SecretService.js';
import { createInProcessChannel } from './in-process-channel.js';
import { createPrincipalSigner, createPrincipalVerifier } from './principal-assertion.js';
import { loadCofferPackage, SECRET_SERVICE } from './proto-package.js';
import { addService, bindServer, type AccessTable, type AsyncHandlers } from './server.js';
import { loopbackServers } from './test-loopback.js';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const verifyPrincipal = await createPrincipalVerifier(publicKey, { audience: SECRET_SERVICE });
const claims = {
  tokenId: 'tok_1',
  orgId: '0b6f0c1e-3a51-4c3f-9d51-2f4f3c0d8a11',
  orgSlug: 'acme',
  name: 'ci',
  permissions: ['read'],
  actorType: 'token',
  userId: '',
  grants: [],
  allowedCidrs: [],
  expiresAt: '',
};
const ctx = { requestId: 'req-1', principal: { assertion: await (await createPrincipalSigner(privateKey))(claims) } };

type Handlers = AsyncHandlers<SecretServiceHandlers>;
const definition = loadCofferPackage().coffer.v1.SecretService.service;
const loopback = loopbackServers();

/**
 * One SecretService server reached both ways: over the network, and in-process through the channel
 * the gateway uses beside it. Methods not given answer UNIMPLEMENTED; every rule is public except
 * GetHistory, which needs `create` and `update`, to show the rule runs on both paths.
 */
async function bothWays(handlers: Partial<Handlers>) {
  const unimplemented = async () => {
    throw new CofferError('UNIMPLEMENTED', 'not in this test');
  };
  const all = Object.fromEntries(Object.keys(definition).map((name) => [name, handlers[name as keyof Handlers] ?? unimplemented])) as unknown as Handlers;
  const access = Object.fromEntries(Object.keys(definition).map((name) => [name, publicAccess])) as unknown as AccessTable<SecretServiceHandlers>;
  access.GetHistory = principalWith(['create', 'update']);
  const onUnexpectedError = vi.fn();
  const server = loopback.server();
  addService(server, definition, all, access, { onUnexpectedError, verifyPrincipal });
  const address = `127.0.0.1:${await bindServer(server, '127.0.0.1', 0)}`;
  const network = loopback.client(createSecretClient(address));
  const inProcess = loopback.client(createSecretClient(address, { channel: createInProcessChannel(server, address) }));
  return { network, inProcess, onUnexpectedError };
}

/** What a call settles to, comparable across the two paths. */
async function outcomeOf(call: Promise<unknown>) {
  return call.then(
    (response) => ({ response }),
    (error: unknown) => {
      if (!(error instanceof CofferError)) throw error;
      return { code: error.code, message: error.message, details: error.details };
    },
  );
}

async function sameBothWays(
  clients: { network: SecretServiceClient; inProcess: SecretServiceClient },
  call: (client: SecretServiceClient) => Promise<unknown>,
) {
  const [network, inProcess] = [await outcomeOf(call(clients.network)), await outcomeOf(call(clients.inProcess))];
  expect(inProcess).toEqual(network);
  return inProcess;
}

const meta = { id: 's1', key: 'DB_URL', type: 'string', version: 3, description: '', deleted: false, createdAt: 'c', updatedAt: 'u', updatedBy: 'ci' };
const scope = { project: 'api', environment: 'dev' };

describe('in-process channel: the same answers as the network', () => {
  it('fills defaults, keeps an optional field’s presence and drops what the contract does not carry', async () => {
    const clients = await bothWays({
      GetSecret: async ({ reveal }) => ({ meta: { key: 'DB_URL', internalNote: 'never on the wire' } as never, ...(reveal ? { value: '' } : {}) }),
      Inject: async () => ({ values: { A: 'é\u0000\u001b[31m', B: '' }, removed: ['LD_PRELOAD'], extra: 'dropped' }) as never,
    });

    const withValue = await sameBothWays(clients, (client) => unary(client, 'GetSecret', { scope, key: 'DB_URL', reveal: true, version: 0 }, { ctx }));
    expect(withValue).toEqual({
      response: {
        meta: { ...meta, id: '', type: '', version: 0, createdAt: '', updatedAt: '', updatedBy: '' },
        value: '',
        _value: 'value',
        changeRequest: null,
      },
    });
    const withoutValue = await sameBothWays(clients, (client) => unary(client, 'GetSecret', { scope, key: 'DB_URL', reveal: false, version: 0 }, { ctx }));
    expect((withoutValue as { response: object }).response).not.toHaveProperty('value');
    const injected = await sameBothWays(clients, (client) => unary(client, 'Inject', { scope }, { ctx }));
    expect(injected).toEqual({ response: { values: { A: 'é\u0000\u001b[31m', B: '' }, removed: ['LD_PRELOAD'], etag: '', notModified: false } });
  });

  it('sees the request as the wire would carry it, and the caller’s request id', async () => {
    const seen: unknown[] = [];
    const clients = await bothWays({
      GetSecret: async (request, callCtx) => {
        seen.push({ request, requestId: callCtx.requestId });
        return { meta };
      },
    });
    await sameBothWays(clients, (client) => unary(client, 'GetSecret', { scope, key: 'K', reveal: false, version: 0, unknown: 'dropped' } as never, { ctx }));
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[0]).toEqual({ request: { scope, key: 'K', reveal: false, version: 0 }, requestId: 'req-1' });
  });

  it('changes strings, numbers and missing parts exactly as the wire does, lone surrogates included', async () => {
    const seen: unknown[] = [];
    const clients = await bothWays({
      SetSecret: async (request) => {
        seen.push(request);
        return { meta: { ...meta, key: request.key, description: request.description ?? '' }, value: request.value };
      },
    });
    const requests = [
      { scope, key: 'K', value: 'é😀\u0000\u001b]0;x\u0007', expectedVersion: 0 },
      { key: 'K', value: '', description: '' },
      { scope: { project: 'api' }, key: 'K', value: 'v', expectedVersion: '7' },
      { scope, key: 'K', value: 'x'.repeat(100_000), expectedVersion: 2 ** 33 + 5 },
      { scope, key: 'K', value: 'lone \ud800 high', description: 'lone \udfff low' },
      { scope, key: 'K', value: `${'y'.repeat(60)}\ud83d` },
    ];
    for (const request of requests) {
      seen.length = 0;
      await sameBothWays(clients, (client) => unary(client, 'SetSecret', request as never, { ctx }));
      expect(seen).toHaveLength(2);
      expect(seen[1]).toEqual(seen[0]);
    }
  });

  it('runs the access rule and answers the same refusal, error details and hidden internal error', async () => {
    const clients = await bothWays({
      GetSecret: async () => {
        throw new CofferError('NOT_FOUND', "secret 'K' not found", { details: { key: 'K' } });
      },
      Inject: async () => {
        throw new Error('connection to 10.0.0.7:5432 lost');
      },
      GetHistory: async () => ({ versions: [] }),
    });

    expect(await sameBothWays(clients, (client) => unary(client, 'GetSecret', { scope, key: 'K', reveal: false, version: 0 }, { ctx }))).toEqual({
      code: 'NOT_FOUND',
      message: "secret 'K' not found",
      details: { key: 'K' },
    });
    expect(await sameBothWays(clients, (client) => unary(client, 'Inject', { scope }, { ctx }))).toEqual({
      code: 'INTERNAL',
      message: 'internal error',
      details: undefined,
    });
    const denied = await sameBothWays(clients, (client) => unary(client, 'GetHistory', { scope, key: 'K' }, { ctx }));
    expect(denied).toMatchObject({ code: 'PERMISSION_DENIED' });
    const anonymous = await sameBothWays(clients, (client) => unary(client, 'GetHistory', { scope, key: 'K' }, { ctx: { requestId: 'r' } }));
    expect(anonymous).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('answers DEADLINE_EXCEEDED at the caller’s deadline', async () => {
    const clients = await bothWays({ Inject: () => new Promise(() => undefined) });
    for (const client of [clients.network, clients.inProcess]) {
      const started = Date.now();
      expect(await outcomeOf(unary(client, 'Inject', { scope }, { ctx, deadlineMs: 100 }))).toMatchObject({ code: 'DEADLINE_EXCEEDED' });
      expect(Date.now() - started).toBeLessThan(2_000);
    }
  });

  it('cannot be used through grpc-js’s own call methods, which would bypass it', async () => {
    const { inProcess } = await bothWays({});
    expect(() => inProcess.Inject({ scope }, () => undefined)).toThrow(/called through unary/);
  });
});
