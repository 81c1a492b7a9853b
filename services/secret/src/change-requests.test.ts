import { randomBytes, randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { isCofferError, type ErrorCode } from '@coffer/contract';
import { withTenant } from '@coffer/db';
import { createKeyring, createLocalKmsProvider } from '@coffer/kms';
import { createSecretSealer } from './secret-sealer.js';
import { createSecretService, type Caller } from './secret-service.js';
import { createSecretStore } from './secret-store.js';
import { useTenantDatabase } from './test-tenant.js';

const orgId = randomUUID();
const db = useTenantDatabase(orgId);
const requester: Caller = { orgId, actor: 'user:requester', reads: true, creates: true, updates: true, breakGlass: false };
const approver: Caller = { ...requester, actor: 'user:approver' };
const bystander: Caller = { ...requester, actor: 'user:bystander' };
const scope = { project: 'api', environment: 'production' };

const provider = createLocalKmsProvider({ masterKey: randomBytes(32) });

function service() {
  const keyring = createKeyring({ provider, knex: db.knex });
  return createSecretService({ knex: db.knex, store: createSecretStore(), sealer: createSecretSealer({ keyring, onDecryptionFailure: () => {} }) });
}
let secrets: ReturnType<typeof service>;

const protect = (on: boolean) => withTenant(db.knex, orgId, (trx) => trx('environments').update({ protected: on }));
const table = (name: string) => withTenant(db.knex, orgId, (trx) => trx(name).select('*'));

async function codeOf(attempt: Promise<unknown>): Promise<ErrorCode> {
  const err = await attempt.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  if (!isCofferError(err)) throw new Error(`expected a CofferError, got ${String(err)}`);
  return err.code;
}

beforeEach(async () => {
  secrets = service();
  await protect(false);
  await withTenant(db.knex, orgId, async (trx) => {
    // The application may not delete change requests (they are the record of who approved what): close them.
    await trx('change_requests').where({ status: 'open' }).update({ status: 'rejected' });
    await trx('secret_versions').del();
    await trx('secrets').del();
  });
});

describe('a write to a protected environment', () => {
  it('opens a change request, writes nothing and keeps the value only sealed', async () => {
    await protect(true);
    const value = `canary-${randomUUID()}`;
    const answer = await secrets.set(requester, scope, { key: 'API_KEY', value });
    expect(answer).toMatchObject({ key: 'API_KEY', version: 0, changeRequest: { status: 'open' } });
    expect(await table('secrets')).toEqual([]);
    const [change] = await withTenant(db.knex, orgId, (trx) => trx('change_request_changes').where({ request_id: answer.changeRequest!.id }).select('*'));
    expect(change).toMatchObject({ key: 'API_KEY', action: 'set', base_version: 0, type: 'text' });
    expect(change.ciphertext).toEqual(expect.any(String));
    expect(JSON.stringify(await table('change_request_changes'))).not.toContain(value);
    expect(JSON.stringify(await table('change_requests'))).not.toContain(value);
  });

  it('is applied at once under break-glass access, and only then', async () => {
    await protect(true);
    const glass: Caller = { ...requester, actor: 'user:responder', breakGlass: true };
    expect(await secrets.set(glass, scope, { key: 'EMERGENCY', value: 'rotated' })).toMatchObject({ key: 'EMERGENCY', version: 1 });
    expect((await secrets.set(glass, scope, { key: 'EMERGENCY', value: 'again' })).changeRequest).toBeUndefined();
    expect((await secrets.delete(glass, scope, 'EMERGENCY')).changeRequest).toBeUndefined();
    expect((await secrets.set(requester, scope, { key: 'EMERGENCY', value: 'later' })).changeRequest?.status).toBe('open');
  });

  it('turns delete, restore, rollback and import into requests; a dry run still answers its plan', async () => {
    await secrets.set(requester, scope, { key: 'A', value: 'one' });
    await secrets.set(requester, scope, { key: 'A', value: 'two' });
    await secrets.set(requester, scope, { key: 'GONE', value: 'x' });
    await secrets.delete(requester, scope, 'GONE');
    await protect(true);
    expect((await secrets.delete(requester, scope, 'A')).changeRequest?.status).toBe('open');
    expect((await secrets.restore(requester, scope, 'GONE')).changeRequest?.status).toBe('open');
    expect((await secrets.rollback(requester, scope, 'A', { version: 1 })).changeRequest?.status).toBe('open');
    const dry = await secrets.import(requester, scope, [{ key: 'B', value: 'b' }], { dryRun: true });
    expect(dry).toMatchObject({ created: ['B'] });
    expect(dry.changeRequest).toBeUndefined();
    const pushed = await secrets.import(requester, scope, [{ key: 'B', value: 'b' }], { dryRun: false, writeAll: true });
    expect(pushed).toMatchObject({ created: ['B'], written: [], changeRequest: { status: 'open' } });
    expect((await secrets.get(requester, scope, 'A', { reveal: true })).value).toBe('two');
    expect((await secrets.list(requester, scope)).map((secret) => secret.key)).toEqual(['A']);
    const listed = await secrets.listChangeRequests(requester, scope, { status: 'open', reveal: false });
    expect(listed.flatMap((request) => request.changes.map((change) => `${change.action} ${change.key}@${change.baseVersion}`)).sort()).toEqual([
      'delete A@2',
      'restore GONE@0',
      'set A@2',
      'set B@0',
    ]);
  });
});

describe('deciding a change request', () => {
  it('refuses the requester, and applies it for another approver in the requester’s name', async () => {
    await secrets.set(requester, scope, { key: 'DB', value: 'old' });
    await protect(true);
    const { changeRequest } = await secrets.set(requester, scope, { key: 'DB', value: 'new' });
    expect(await codeOf(secrets.approveChangeRequest(requester, scope, changeRequest!.id))).toBe('PERMISSION_DENIED');
    const applied = await secrets.approveChangeRequest(approver, scope, changeRequest!.id);
    expect(applied).toMatchObject({ status: 'applied', requestedBy: 'user:requester', decidedBy: 'user:approver' });
    const now = await secrets.get(requester, scope, 'DB', { reveal: true });
    expect(now).toMatchObject({ value: 'new', meta: { version: 2, updatedBy: 'user:requester' } });
    expect(await codeOf(secrets.approveChangeRequest(approver, scope, changeRequest!.id))).toBe('ABORTED');
    expect(await codeOf(secrets.rejectChangeRequest(approver, scope, changeRequest!.id, { reason: '', approves: true }))).toBe('ABORTED');
  });

  it('purges only once approved: every version stays until then, and a second request for the same purge then refuses to apply', async () => {
    await secrets.set(requester, scope, { key: 'LEAKED', value: 'v1' });
    await secrets.set(requester, scope, { key: 'LEAKED', value: 'v2' });
    await protect(true);
    const first = await secrets.purge(requester, scope, 'LEAKED');
    const second = await secrets.purge(bystander, scope, 'LEAKED');
    expect(first).toMatchObject({ key: 'LEAKED', versionsPurged: 0, changeRequest: { status: 'open' } });
    expect(await table('secret_versions')).toHaveLength(2);
    expect((await secrets.getChangeRequest(approver, scope, first.changeRequest!.id, { reveal: false })).changes).toEqual([
      { key: 'LEAKED', action: 'purge', baseVersion: 2, baseType: 'text', type: '', description: '' },
    ]);
    expect(await codeOf(secrets.approveChangeRequest(requester, scope, first.changeRequest!.id))).toBe('PERMISSION_DENIED');
    expect(await table('secret_versions')).toHaveLength(2);
    expect((await secrets.approveChangeRequest(approver, scope, first.changeRequest!.id)).status).toBe('applied');
    expect(await table('secrets')).toEqual([]);
    expect(await table('secret_versions')).toEqual([]);
    await expect(secrets.approveChangeRequest(approver, scope, second.changeRequest!.id)).rejects.toThrow(/secret 'LEAKED' changed since/);
  });

  it('purges a soft-deleted secret once approved, unless it was restored meanwhile', async () => {
    await secrets.set(requester, scope, { key: 'OLD', value: 'x' });
    await secrets.delete(requester, scope, 'OLD');
    await protect(true);
    const { changeRequest } = await secrets.purge(requester, scope, 'OLD');
    await protect(false);
    await secrets.restore(bystander, scope, 'OLD');
    await protect(true);
    await expect(secrets.approveChangeRequest(approver, scope, changeRequest!.id)).rejects.toThrow(/secret 'OLD' changed since/);
    expect(await table('secret_versions')).toHaveLength(1);
    await protect(false);
    await secrets.delete(bystander, scope, 'OLD');
    await protect(true);
    expect((await secrets.approveChangeRequest(approver, scope, changeRequest!.id)).status).toBe('applied');
    expect(await table('secrets')).toEqual([]);
  });

  it('shows the diff values only with reveal', async () => {
    await secrets.set(requester, scope, { key: 'DB', value: 'old' });
    await protect(true);
    const { changeRequest } = await secrets.set(requester, scope, { key: 'DB', value: 'new', type: 'text' });
    const hidden = await secrets.getChangeRequest(bystander, scope, changeRequest!.id, { reveal: false });
    expect(hidden.valuesShown).toBe(false);
    expect(hidden.changes).toEqual([{ key: 'DB', action: 'set', baseVersion: 1, baseType: 'text', type: 'text', description: '' }]);
    const shown = await secrets.getChangeRequest(bystander, scope, changeRequest!.id, { reveal: true });
    expect(shown.changes[0]).toMatchObject({ baseValue: 'old', value: 'new' });
  });

  it('refuses to apply when the base moved, naming the key, and leaves the request open', async () => {
    await secrets.set(requester, scope, { key: 'DB', value: 'v1' });
    await protect(true);
    const { changeRequest } = await secrets.set(requester, scope, { key: 'DB', value: 'proposed' });
    await protect(false);
    await secrets.set(bystander, scope, { key: 'DB', value: 'v2' });
    await protect(true);
    await expect(secrets.approveChangeRequest(approver, scope, changeRequest!.id)).rejects.toThrow(/secret 'DB' changed since/);
    expect((await secrets.get(requester, scope, 'DB', { reveal: true })).value).toBe('v2');
    expect((await secrets.getChangeRequest(approver, scope, changeRequest!.id, { reveal: false })).status).toBe('open');
  });

  it('is rejected by an approver or withdrawn by its requester, never by anyone else', async () => {
    await protect(true);
    const first = (await secrets.set(requester, scope, { key: 'X', value: '1' })).changeRequest!;
    const second = (await secrets.set(requester, scope, { key: 'Y', value: '2' })).changeRequest!;
    expect(await codeOf(secrets.rejectChangeRequest(bystander, scope, first.id, { reason: '', approves: false }))).toBe('PERMISSION_DENIED');
    expect(await secrets.rejectChangeRequest(approver, scope, first.id, { reason: 'not now', approves: true })).toMatchObject({
      status: 'rejected',
      reason: 'not now',
      decidedBy: 'user:approver',
    });
    expect((await secrets.rejectChangeRequest(requester, scope, second.id, { reason: '', approves: false })).status).toBe('rejected');
    expect(await table('secrets')).toEqual([]);
    expect(await codeOf(secrets.getChangeRequest(approver, { ...scope, environment: 'nowhere' }, first.id, { reveal: false }))).toBe('NOT_FOUND');
    expect(await codeOf(secrets.getChangeRequest(approver, scope, randomUUID(), { reveal: false }))).toBe('NOT_FOUND');
  });

  it('does not open a proposed value bound to another request', async () => {
    await protect(true);
    const first = (await secrets.set(requester, scope, { key: 'X', value: 'one' })).changeRequest!;
    const second = (await secrets.set(requester, scope, { key: 'X', value: 'two' })).changeRequest!;
    await withTenant(db.knex, orgId, async (trx) => {
      const [copied] = await trx('change_request_changes').where({ request_id: first.id }).select('ciphertext', 'wrapped_dek');
      await trx('change_request_changes').where({ request_id: second.id }).update(copied);
    });
    expect(await codeOf(secrets.getChangeRequest(approver, scope, second.id, { reveal: true }))).toBe('DATA_LOSS');
    expect(await codeOf(secrets.approveChangeRequest(approver, scope, second.id))).toBe('DATA_LOSS');
    expect(await table('secrets')).toEqual([]);
  });
});
