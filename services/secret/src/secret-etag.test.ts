import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@coffer/db';
import { createKeyring, createLocalKmsProvider, type KmsProvider } from '@coffer/kms';
import { createTestDatabase, type TestDatabase } from '@coffer/test-postgres';
import { injectEtag, notModified, type InjectConditions } from './secret-etag.js';
import { createSecretSealer, type SecretSealer } from './secret-sealer.js';
import { createSecretService, type Caller } from './secret-service.js';
import { createSecretStore } from './secret-store.js';
import { seedTenant } from './test-tenant.js';

const ENV = '7d0c3a52-7a4e-4c55-9f7e-1f6a2b8e0c11';
const A = { key: 'A', secret_id: 'a1b4a0f6-0d0e-4f2b-8d8e-5a1f0c3b2a10', version: 1 };
const B = { key: 'B', secret_id: 'b2c5b1a7-1e1f-4a3c-9e9f-6b2a1d4c3b21', version: 4 };
const reader = { view: ['export', 'read', 'reveal'], representation: '' };

describe('injectEtag', () => {
  it('is a strong entity-tag of SHA-256 in base64url, the same for the same state in any order', () => {
    const tag = injectEtag({ envId: ENV, live: [A, B], withheld: ['PATH', 'LD_PRELOAD'] }, reader);
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    const reordered = { view: [...reader.view].reverse(), representation: '' };
    expect(injectEtag({ envId: ENV, live: [B, A], withheld: ['LD_PRELOAD', 'PATH'] }, reordered)).toBe(tag);
  });

  it('changes with the environment, a version, a secret id, a key, the withheld names, the view and the representation', () => {
    const base = { envId: ENV, live: [A, B], withheld: ['PATH'] };
    const tags = [
      injectEtag(base, reader),
      injectEtag({ ...base, envId: randomUUID() }, reader),
      injectEtag({ ...base, live: [A, { ...B, version: 5 }] }, reader),
      injectEtag({ ...base, live: [A, { ...B, secret_id: randomUUID() }] }, reader),
      injectEtag({ ...base, live: [A, { ...B, key: 'C' }] }, reader),
      injectEtag({ ...base, live: [A] }, reader),
      injectEtag({ ...base, withheld: [] }, reader),
      injectEtag({ ...base, withheld: ['PATH', 'ENV'] }, reader),
      injectEtag(base, { ...reader, view: ['export', 'reveal'] }),
      injectEtag(base, { ...reader, representation: 'pull:env' }),
      injectEtag(base, { ...reader, representation: 'pull:json' }),
    ];
    expect(new Set(tags).size).toBe(tags.length);
  });

  it('cannot be made to collide by moving bytes from one field to the next', () => {
    const one = injectEtag({ envId: ENV, live: [{ ...A, key: 'AB' }], withheld: [] }, { view: ['x'], representation: 'p' });
    const two = injectEtag({ envId: ENV, live: [{ ...A, key: 'A' }], withheld: ['B'] }, { view: ['x'], representation: 'p' });
    const three = injectEtag({ envId: ENV, live: [], withheld: [] }, { view: ['xp'], representation: '' });
    const four = injectEtag({ envId: ENV, live: [], withheld: [] }, { view: ['x'], representation: 'p' });
    expect(new Set([one, two, three, four]).size).toBe(4);
  });
});

describe('notModified (If-None-Match, weak comparison)', () => {
  const tag = '"abc"';
  it('matches the tag itself, its weak form and *', () => {
    expect(notModified(tag, ['"abc"'])).toBe(true);
    expect(notModified(tag, ['W/"abc"'])).toBe(true);
    expect(notModified(tag, ['"other"', 'W/"abc"'])).toBe(true);
    expect(notModified(tag, ['*'])).toBe(true);
  });

  it('does not match another tag, none, or one spelled differently', () => {
    expect(notModified(tag, [])).toBe(false);
    expect(notModified(tag, ['"abd"', 'W/"ab"'])).toBe(false);
    expect(notModified(tag, ['abc', '"ABC"', 'w/"abc"', ' "abc"'])).toBe(false);
  });
});

describe('inject with If-None-Match, on PostgreSQL', () => {
  let testDb: TestDatabase;
  let db: Database;
  const orgId = randomUUID();
  const caller: Caller = { orgId, actor: 'api_token:etag', reads: true, creates: true, updates: true, breakGlass: false };
  const masterKey = randomBytes(32);
  const localProvider = createLocalKmsProvider({ masterKey });
  const production = { project: 'api', environment: 'production' };
  const staging = { project: 'api', environment: 'staging' };
  const plain = (ifNoneMatch: string[] = []): InjectConditions => ({ ifNoneMatch, ...reader });

  /** The service as the secret module wires it; `opened` counts the sealer's prepare calls (KEKs resolved to open values). */
  function serviceWith(provider: KmsProvider = localProvider, opened = { count: 0 }) {
    const keyring = createKeyring({ provider, knex: db.knex });
    const sealer = createSecretSealer({ keyring, onDecryptionFailure: () => undefined });
    const spied: SecretSealer = {
      ...sealer,
      prepare: (org, rows) => {
        opened.count++;
        return sealer.prepare(org, rows);
      },
    };
    return createSecretService({ knex: db.knex, store: createSecretStore(), sealer: spied });
  }

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = await openDatabase({ databaseUrl: testDb.url, dataDir: '/nonexistent' });
    await seedTenant(db.knex, orgId, ['production', 'staging', 'empty']);
    const service = serviceWith();
    for (const scope of [production, staging]) {
      await service.set(caller, scope, { key: 'DB_URL', value: 'postgres://db/app' });
      await service.set(caller, scope, { key: 'LD_PRELOAD', value: '/evil.so' });
    }
  });

  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  it('answers the same tag for the same state, and values in key order', async () => {
    const service = serviceWith();
    await service.set(caller, production, { key: 'ALPHA', value: 'a' });
    const first = await service.inject(caller, production, plain());
    const second = await service.inject(caller, production, plain());
    expect(first.etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(second).toEqual(first);
    expect(first).toMatchObject({ notModified: false, removed: ['LD_PRELOAD'] });
    expect(Object.keys(first.values)).toEqual(['ALPHA', 'DB_URL']);
  });

  it('is never the same for two environments, even holding the same keys and versions, nor for two views or representations', async () => {
    const service = serviceWith();
    await service.set(caller, staging, { key: 'ALPHA', value: 'a' });
    const tags = [
      (await service.inject(caller, production, plain())).etag,
      (await service.inject(caller, staging, plain())).etag,
      (await service.inject(caller, production, { ...plain(), view: ['export', 'reveal'] })).etag,
      (await service.inject(caller, production, { ...plain(), representation: 'pull:env' })).etag,
      (await service.inject(caller, production, { ...plain(), representation: 'pull:yaml' })).etag,
      (await service.inject(caller, { project: 'api', environment: 'empty' }, plain())).etag,
    ];
    expect(new Set(tags).size).toBe(tags.length);
  });

  it('changes after a write (even of the same value), a rollback, a delete, a restore and a purge; the same state has the same tag', async () => {
    const service = serviceWith();
    const tag = async () => (await service.inject(caller, production, plain())).etag;
    const initial = await tag();
    await service.set(caller, production, { key: 'ROTATED', value: 'one' });
    const written = await tag();
    await service.set(caller, production, { key: 'ROTATED', value: 'one' });
    const rewritten = await tag();
    await service.rollback(caller, production, 'ROTATED', { version: 1 });
    const rolledBack = await tag();
    await service.delete(caller, production, 'ROTATED');
    const deleted = await tag();
    await service.restore(caller, production, 'ROTATED');
    const restored = await tag();
    await service.delete(caller, production, 'LD_PRELOAD');
    const withheldGone = await tag();
    await service.restore(caller, production, 'LD_PRELOAD');
    await service.purge(caller, production, 'ROTATED');
    const purged = await tag();
    await service.set(caller, production, { key: 'ROTATED', value: 'one' });
    const recreated = await tag();

    expect(new Set([initial, written, rewritten, rolledBack, withheldGone, recreated]).size).toBe(6);
    // The answer is the same as an earlier one, and so is its tag.
    expect(deleted).toBe(initial);
    expect(restored).toBe(rolledBack);
    expect(purged).toBe(initial);
    // Version 1 of ROTATED again, but of another secret: not the tag of the first version 1.
    expect(recreated).not.toBe(written);
  });

  it('answers not modified for the current tag, its weak form or *, without opening any value', async () => {
    const opened = { count: 0 };
    const service = serviceWith(localProvider, opened);
    const full = await service.inject(caller, production, plain());
    expect(opened.count).toBe(1);
    for (const ifNoneMatch of [[full.etag], [`W/${full.etag}`], ['"stale"', full.etag], ['*']]) {
      expect(await service.inject(caller, production, plain(ifNoneMatch))).toEqual({ values: {}, removed: [], etag: full.etag, notModified: true });
    }
    expect(opened.count).toBe(1);
    expect(await service.inject(caller, production, plain(['"stale"']))).toEqual(full);
    expect(opened.count).toBe(2);
  });

  it('answers not modified while the KMS is out of reach, where a full inject fails', async () => {
    const etag = (await serviceWith().inject(caller, staging, plain())).etag;
    const unreachable = () => Promise.reject(Object.assign(new Error('connect ETIMEDOUT 169.254.0.1:443'), { code: 'ETIMEDOUT' }));
    const down = serviceWith({ name: 'local', wrapKey: unreachable, unwrapKey: unreachable });
    await expect(down.inject(caller, staging, plain())).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect(down.inject(caller, staging, plain([etag]))).resolves.toMatchObject({ notModified: true, etag, values: {} });
  });

  it('still answers 404 for an unknown environment, whatever the caller holds', async () => {
    await expect(serviceWith().inject(caller, { project: 'api', environment: 'nowhere' }, plain(['*']))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
