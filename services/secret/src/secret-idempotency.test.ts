import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isCofferError } from '@coffer/contract';
import { withTenant } from '@coffer/db';
import type { CallContext, Principal } from '@coffer/grpc';
import { createKeyring, createLocalKmsProvider } from '@coffer/kms';
import { secretHandlers } from './secret-grpc.js';
import { createSecretSealer } from './secret-sealer.js';
import { createSecretService } from './secret-service.js';
import { createSecretStore, type SecretStore } from './secret-store.js';
import { useTenantDatabase } from './test-tenant.js';

const orgId = randomUUID();
const db = useTenantDatabase(orgId);
const scope = { project: 'api', environment: 'production' };
const provider = createLocalKmsProvider({ masterKey: randomBytes(32) });

function handlersWith(store: SecretStore = createSecretStore()) {
  const sealer = createSecretSealer({ keyring: createKeyring({ provider, knex: db.knex }), onDecryptionFailure: () => undefined });
  return secretHandlers(createSecretService({ knex: db.knex, store, sealer }));
}

const principalOf = (tokenId: string, permissions = ['read', 'create', 'update', 'delete', 'reveal']): Principal => ({
  tokenId,
  orgId,
  orgSlug: 'acme',
  name: 'test',
  permissions,
  actorType: 'api_token',
  userId: '',
  grants: [],
  allowedCidrs: [],
  expiresAt: '',
  assertion: 'unused',
});

const fingerprintOf = (request: string) => createHash('sha256').update(request).digest('hex');

/** The context the gRPC adapter builds for a call sent with this Idempotency-Key. */
function callWith(key: string, request: string, principal = principalOf('token-a')): CallContext {
  return { requestId: randomUUID(), deadline: Infinity, principal, idempotency: { key, fingerprint: fingerprintOf(request) } };
}

async function versionsOf(key: string): Promise<number[]> {
  return withTenant(db.knex, orgId, async (trx) =>
    (
      await trx('secret_versions').join('secrets', 'secrets.id', 'secret_versions.secret_id').where('secrets.key', key).orderBy('version').select('version')
    ).map((row: { version: number }) => row.version),
  );
}

async function recordsOf(key: string) {
  return withTenant(db.knex, orgId, (trx) => trx('idempotency_records').where({ key }).select('*'));
}

/** A SetSecret request as the gRPC adapter hands it over: every field present. */
const setRequest = (name: string, value: string) => ({ scope, key: name, value, type: '' });

const code = (err: unknown) => (isCofferError(err) ? err.code : err);

describe('an idempotent write', () => {
  it('is made once: the same key and request again are answered the first reply, marked as a replay', async () => {
    const handlers = handlersWith();
    const key = randomUUID();
    const first = callWith(key, 'set ONCE v1');
    const value = `canary-${randomBytes(6).toString('hex')}`;
    const reply = await handlers.SetSecret(setRequest('ONCE', value), first);
    expect(reply.meta?.version).toBe(1);
    expect(first.replayed).toBeUndefined();

    const again = callWith(key, 'set ONCE v1');
    expect(await handlers.SetSecret(setRequest('ONCE', value), again)).toEqual(reply);
    expect(again.replayed).toBe(true);
    expect(await versionsOf('ONCE')).toEqual([1]);
    // What is kept is the reply, never the value.
    const [record] = await recordsOf(key);
    expect(JSON.stringify(record)).not.toContain(value);
    expect(record.reply).toEqual(reply);
  });

  it('refuses the same key with another request as ALREADY_EXISTS naming the header, and writes nothing', async () => {
    const handlers = handlersWith();
    const key = randomUUID();
    await handlers.SetSecret(setRequest('CONFLICT', 'one'), callWith(key, 'set CONFLICT one'));
    const other = handlers.SetSecret(setRequest('CONFLICT', 'two'), callWith(key, 'set CONFLICT two'));
    await expect(other).rejects.toSatisfy((err) => isCofferError(err) && err.code === 'ALREADY_EXISTS' && err.message.includes("'Idempotency-Key'"));
    expect(await versionsOf('CONFLICT')).toEqual([1]);
  });

  it('answers concurrent duplicates the one reply of the one write they share', async () => {
    const handlers = handlersWith();
    const key = randomUUID();
    const calls = Array.from({ length: 6 }, () => callWith(key, 'set RACED'));
    const replies = await Promise.all(calls.map((ctx) => handlers.SetSecret(setRequest('RACED', 'raced'), ctx)));
    expect(await versionsOf('RACED')).toEqual([1]);
    for (const reply of replies) expect(reply).toEqual(replies[0]);
    expect(calls.filter((ctx) => !ctx.replayed)).toHaveLength(1);
  });

  it('leaves no record when it fails, so a retry with the same key makes it', async () => {
    const key = randomUUID();
    const store = createSecretStore();
    const failing = { ...store, insertVersion: () => Promise.reject(new Error('connection lost')) };
    await expect(handlersWith(failing).SetSecret(setRequest('RETRIED', 'v'), callWith(key, 'set RETRIED'))).rejects.toThrow('connection lost');
    expect(await recordsOf(key)).toEqual([]);

    const retry = callWith(key, 'set RETRIED');
    expect((await handlersWith(store).SetSecret(setRequest('RETRIED', 'v'), retry)).meta?.version).toBe(1);
    expect(retry.replayed).toBeUndefined();
    expect(await versionsOf('RETRIED')).toEqual([1]);
  });

  it('keeps nothing for a refused write: nothing was applied, so the same request again is judged again', async () => {
    const handlers = handlersWith();
    const key = randomUUID();
    const refused = handlers.SetSecret({ ...setRequest('TYPED', 'not a number'), type: 'integer' }, callWith(key, 'set TYPED'));
    await expect(refused).rejects.toSatisfy((err) => code(err) === 'INVALID_ARGUMENT');
    expect(await recordsOf(key)).toEqual([]);
  });

  it('keeps keys per token: another token with the same key and request writes', async () => {
    const handlers = handlersWith();
    const key = randomUUID();
    await handlers.SetSecret(setRequest('PER_TOKEN', 'a'), callWith(key, 'set PER_TOKEN'));
    const other = callWith(key, 'set PER_TOKEN', principalOf('token-b'));
    expect((await handlers.SetSecret(setRequest('PER_TOKEN', 'a'), other)).meta?.version).toBe(2);
    expect(other.replayed).toBeUndefined();
  });

  it('replays a delete instead of answering 404, and a purge instead of purging nothing', async () => {
    const handlers = handlersWith();
    await handlers.SetSecret(setRequest('GONE', 'x'), { requestId: 'r', deadline: Infinity, principal: principalOf('token-a') });
    const key = randomUUID();
    const deleted = await handlers.DeleteSecret({ scope, key: 'GONE' }, callWith(key, 'delete GONE'));
    const again = callWith(key, 'delete GONE');
    expect(await handlers.DeleteSecret({ scope, key: 'GONE' }, again)).toEqual(deleted);
    expect(again.replayed).toBe(true);

    const purgeKey = randomUUID();
    const purged = await handlers.PurgeSecret({ scope, key: 'GONE' }, callWith(purgeKey, 'purge GONE'));
    expect(purged).toEqual({ key: 'GONE', versionsPurged: 1 });
    expect(await handlers.PurgeSecret({ scope, key: 'GONE' }, callWith(purgeKey, 'purge GONE'))).toEqual(purged);
  });

  it('keeps, for a blind writer, only what it was answered', async () => {
    const handlers = handlersWith();
    const key = randomUUID();
    const blind = principalOf('token-blind', ['create', 'update']);
    const reply = await handlers.SetSecret(setRequest('BLIND', 'b'), callWith(key, 'set BLIND', blind));
    expect(reply).toEqual({ meta: { key: 'BLIND' } });
    expect((await recordsOf(key))[0].reply).toEqual({ meta: { key: 'BLIND' } });
    expect(await handlers.SetSecret(setRequest('BLIND', 'b'), callWith(key, 'set BLIND', blind))).toEqual(reply);
  });

  it('forgets a key after it expires: the write is made again, and expired records are purged', async () => {
    const handlers = handlersWith();
    const [key, stale] = [randomUUID(), randomUUID()];
    await handlers.SetSecret(setRequest('EXPIRING', 'e'), callWith(key, 'set EXPIRING'));
    await handlers.SetSecret(setRequest('EXPIRING', 'e'), callWith(stale, 'set EXPIRING'));
    await withTenant(db.knex, orgId, (trx) =>
      trx('idempotency_records')
        .whereIn('key', [key, stale])
        .update({ expires_at: new Date(Date.now() - 1000) }),
    );

    const retry = callWith(key, 'set EXPIRING');
    expect((await handlers.SetSecret(setRequest('EXPIRING', 'e'), retry)).meta?.version).toBe(3);
    expect(retry.replayed).toBeUndefined();
    expect(await recordsOf(stale)).toEqual([]);
    expect((await recordsOf(key))[0].expires_at.getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
  });

  it('keeps one organisation from seeing the records of another', async () => {
    const key = randomUUID();
    await handlersWith().SetSecret(setRequest('TENANT', 't'), callWith(key, 'set TENANT'));
    const seen = await withTenant(db.knex, randomUUID(), (trx) => trx('idempotency_records').where({ key }).select('key'));
    expect(seen).toEqual([]);
  });
});
