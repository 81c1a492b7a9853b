import { describe, expect, it, vi } from 'vitest';
import { CofferError } from '@coffer/contract';
import { publicAccess } from './access.js';
import { createSecretClient, unary } from './client.js';
import type { SecretServiceHandlers } from './generated/coffer/v1/SecretService.js';
import { createInProcessChannel } from './in-process-channel.js';
import { readReplayed, type CallContext, type Idempotency } from './metadata.js';
import { loadCofferPackage } from './proto-package.js';
import { addService, bindServer, type AccessTable, type AsyncHandlers } from './server.js';
import { loopbackServers } from './test-loopback.js';

type Handlers = AsyncHandlers<SecretServiceHandlers>;
const definition = loadCofferPackage().coffer.v1.SecretService.service;
const loopback = loopbackServers();
const fingerprint = 'ab'.repeat(32);

/** A SecretService whose SetSecret answers a replay for the Idempotency-Key `seen`, reached over the network and in-process. */
async function bothWays() {
  const seen: (Idempotency | undefined)[] = [];
  const setSecret = vi.fn(async (request: { key: string }, ctx: CallContext) => {
    seen.push(ctx.idempotency);
    if (ctx.idempotency?.key === 'seen') ctx.replayed = true;
    return { meta: { key: request.key } };
  });
  const unimplemented = async () => {
    throw new CofferError('UNIMPLEMENTED', 'not in this test');
  };
  const handlers = Object.fromEntries(Object.keys(definition).map((name) => [name, name === 'SetSecret' ? setSecret : unimplemented])) as unknown as Handlers;
  const access = Object.fromEntries(Object.keys(definition).map((name) => [name, publicAccess])) as unknown as AccessTable<SecretServiceHandlers>;
  const server = loopback.server();
  addService(server, definition, handlers, access, { onUnexpectedError: vi.fn(), verifyPrincipal: vi.fn() });
  const address = `127.0.0.1:${await bindServer(server, '127.0.0.1', 0)}`;
  return {
    clients: [
      ['network', loopback.client(createSecretClient(address))],
      ['in-process', loopback.client(createSecretClient(address, { channel: createInProcessChannel(server, address) }))],
    ] as const,
    seen,
    setSecret,
  };
}

async function set(client: Awaited<ReturnType<typeof bothWays>>['clients'][number][1], idempotency?: Idempotency) {
  let replayed: boolean | undefined;
  const reply = await unary(
    client,
    'SetSecret',
    { key: 'K', value: 'v' },
    { ctx: { requestId: 'r', ...(idempotency ? { idempotency } : {}) }, onTrailer: (trailer) => (replayed = readReplayed(trailer)) },
  );
  return { reply, replayed };
}

describe('idempotency across a call', () => {
  it('carries the key and fingerprint to the handler, and a replay back in the trailer, both ways', async () => {
    const { clients, seen } = await bothWays();
    for (const [way, client] of clients) {
      seen.length = 0;
      expect(await set(client, { key: 'fresh', fingerprint }), way).toEqual({
        reply: { meta: expect.objectContaining({ key: 'K' }), changeRequest: null },
        replayed: false,
      });
      expect((await set(client, { key: 'seen', fingerprint })).replayed, way).toBe(true);
      expect((await set(client)).replayed, way).toBe(false);
      expect(seen, way).toEqual([{ key: 'fresh', fingerprint }, { key: 'seen', fingerprint }, undefined]);
    }
  });

  it('refuses malformed idempotency metadata before the handler runs', async () => {
    const { clients, setSecret } = await bothWays();
    for (const [way, client] of clients) {
      const call = set(client, { key: 'has space', fingerprint });
      await expect(call, way).rejects.toSatisfy((err) => err instanceof CofferError && err.code === 'INVALID_ARGUMENT');
    }
    expect(setSecret).not.toHaveBeenCalled();
  });
});
