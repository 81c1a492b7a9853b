import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { withTenant } from '@coffer/db';
import { isCofferError } from '@coffer/contract';
import { createKeyring, createLocalKmsProvider, type KmsProvider } from '@coffer/kms';
import { connectAsOwner } from '@coffer/test-postgres';
import { createSecretSealer } from './secret-sealer.js';
import { createSecretService, type Caller } from './secret-service.js';
import { createSecretStore } from './secret-store.js';
import { useTenantDatabase } from './test-tenant.js';
import { createValueOpener, type ValueOpener } from './value-opener.js';

const orgId = randomUUID();
const db = useTenantDatabase(orgId);
const caller: Caller = { orgId, actor: 'api_token:test', reads: true, creates: true, updates: true, breakGlass: false };
/** A caller with create and update and without read. */
const blind: Caller = { ...caller, actor: 'api_token:blind', reads: false };
const scope = { project: 'api', environment: 'production' };

const masterKey = randomBytes(32);

const localProvider = createLocalKmsProvider({ masterKey });

/** The service as the secret module wires it, on the test database; `failures` counts decryption failures (the metric). */
function serviceWith(store = createSecretStore(), provider: KmsProvider = localProvider, failures = { count: 0 }, opener?: ValueOpener) {
  const keyring = createKeyring({ provider, knex: db.knex });
  const sealer = createSecretSealer({ keyring, onDecryptionFailure: () => failures.count++, opener });
  return createSecretService({ knex: db.knex, store, sealer });
}

async function rowsFor(key: string) {
  return withTenant(db.knex, orgId, async (trx) => ({
    secrets: await trx('secrets').where({ key }).select('id'),
    versions: await trx('secret_versions').join('secrets', 'secrets.id', 'secret_versions.secret_id').where('secrets.key', key).select('secret_versions.id'),
  }));
}

describe('secret writes', () => {
  it('leaves no row and no trace when the version insert fails', async () => {
    const store = createSecretStore();
    const failing = { ...store, insertVersion: () => Promise.reject(new Error('disk full')) };
    await expect(serviceWith(failing).set(caller, scope, { key: 'HALF_WRITTEN', value: 'v' })).rejects.toThrow('disk full');
    expect(await rowsFor('HALF_WRITTEN')).toEqual({ secrets: [], versions: [] });
  });

  it('writes nothing on a check-and-set mismatch', async () => {
    const service = serviceWith();
    await service.set(caller, scope, { key: 'CAS', value: 'one' });
    const attempt = service.set(caller, scope, { key: 'CAS', value: 'two', expectedVersion: 5 });
    await expect(attempt).rejects.toSatisfy((err) => isCofferError(err) && err.code === 'ABORTED');
    expect((await service.get(caller, scope, 'CAS', { reveal: true })).value).toBe('one');
    expect(await service.history(caller, scope, 'CAS')).toHaveLength(1);
  });

  it('serialises concurrent writes of one key into consecutive versions', async () => {
    const service = serviceWith();
    await service.set(caller, scope, { key: 'RACE', value: 'v0' });
    await Promise.all(Array.from({ length: 8 }, (_, n) => service.set(caller, scope, { key: 'RACE', value: `v${n + 1}` })));
    const versions = (await service.history(caller, scope, 'RACE')).map((v) => v.version);
    expect(versions).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });

  it('re-encrypts a rollback under a fresh DEK rather than copying the old blobs', async () => {
    const service = serviceWith();
    await service.set(caller, scope, { key: 'ROLL', value: 'first' });
    await service.set(caller, scope, { key: 'ROLL', value: 'second' });
    await service.rollback(caller, scope, 'ROLL', { version: 1 });
    const blobs = await withTenant(db.knex, orgId, (trx) =>
      trx('secret_versions')
        .join('secrets', 'secrets.id', 'secret_versions.secret_id')
        .where('secrets.key', 'ROLL')
        .orderBy('version')
        .select('version', 'ciphertext', 'wrapped_dek'),
    );
    expect(blobs.map((b: { version: number }) => b.version)).toEqual([1, 2, 3]);
    expect(blobs[2].ciphertext).not.toBe(blobs[0].ciphertext);
    expect(blobs[2].wrapped_dek).not.toBe(blobs[0].wrapped_dek);
    expect((await service.get(caller, scope, 'ROLL', { reveal: true })).value).toBe('first');
  });

  it('refuses a value with a NUL, and a rollback to a version written with one before that rule, writing nothing', async () => {
    const keyring = createKeyring({ provider: localProvider, knex: db.knex });
    const sealer = createSecretSealer({ keyring, onDecryptionFailure: () => undefined });
    const service = createSecretService({ knex: db.knex, store: createSecretStore(), sealer });
    await expect(service.set(caller, scope, { key: 'OLD_NUL', value: 'a\u0000b' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/NUL/),
    });
    await service.set(caller, scope, { key: 'OLD_NUL', value: 'clean' });
    await service.set(caller, scope, { key: 'OLD_NUL', value: 'current' });
    // Version 1 as an earlier release could have stored it: the same sealing, a value with a NUL.
    const row = await withTenant(db.knex, orgId, (trx) => trx('secrets').where({ key: 'OLD_NUL' }).first('id'));
    const sealed = sealer.seal(await sealer.writeKek(orgId), { plaintext: 'hunter\u00002', orgId, secretId: row.id, version: 1 });
    await withTenant(db.knex, orgId, (trx) =>
      trx('secret_versions')
        .where({ secret_id: row.id, version: 1 })
        .update({ ciphertext: sealed.ciphertext, wrapped_dek: sealed.wrappedDek, kms_key_id: sealed.kekId, kms_key_version: sealed.kekVersion }),
    );
    expect((await service.get(caller, scope, 'OLD_NUL', { reveal: true, version: 1 })).value).toBe('hunter\u00002');

    const refused = service.rollback(caller, scope, 'OLD_NUL', { version: 1 });
    await expect(refused).rejects.toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: expect.stringMatching(/^version 1 of secret 'OLD_NUL' cannot be written again: .*NUL/),
    });
    await expect(refused).rejects.not.toMatchObject({ message: expect.stringContaining('hunter') });
    expect((await service.history(caller, scope, 'OLD_NUL')).map((version) => version.version)).toEqual([2, 1]);
  });
});

describe('importing a document', () => {
  const valuesOf = async (service: ReturnType<typeof serviceWith>, env: typeof scope) => (await service.inject(caller, env)).values;
  let envCount = 0;
  /** A fresh environment, so each test sees only its own keys. */
  async function freshScope() {
    const slug = `import-${++envCount}`;
    await withTenant(db.knex, orgId, async (trx) => {
      const project = await trx('projects').where({ slug: 'api' }).first('id');
      await trx('environments').insert({ id: randomUUID(), org_id: orgId, project_id: project.id, slug, name: slug });
    });
    return { project: 'api', environment: slug };
  }

  it('creates new keys, updates changed ones and leaves equal ones alone, one version per change', async () => {
    const service = serviceWith();
    const env = await freshScope();
    await service.set(caller, env, { key: 'SAME', value: 'same' });
    await service.set(caller, env, { key: 'CHANGED', value: 'old' });
    const plan = await service.import(
      caller,
      env,
      [
        { key: 'NEW', value: 'new' },
        { key: 'SAME', value: 'same' },
        { key: 'CHANGED', value: 'new' },
      ],
      { dryRun: false },
    );
    expect(plan).toEqual({
      created: ['NEW'],
      updated: ['CHANGED'],
      unchanged: ['SAME'],
      errors: [],
      written: [
        { key: 'NEW', version: 1 },
        { key: 'CHANGED', version: 2 },
      ],
    });
    expect(await valuesOf(service, env)).toEqual({ SAME: 'same', CHANGED: 'new', NEW: 'new' });
    expect(await service.history(caller, env, 'SAME')).toHaveLength(1);
    expect(await service.history(caller, env, 'CHANGED')).toHaveLength(2);
  });

  it('keeps the last value of a key given twice', async () => {
    const service = serviceWith();
    const env = await freshScope();
    const plan = await service.import(
      caller,
      env,
      [
        { key: 'TWICE', value: 'first' },
        { key: 'TWICE', value: 'last' },
      ],
      { dryRun: false },
    );
    expect(plan.created).toEqual(['TWICE']);
    expect(await valuesOf(service, env)).toEqual({ TWICE: 'last' });
  });

  it('writes nothing when any entry is invalid, and reports every bad one without its value', async () => {
    const service = serviceWith();
    const env = await freshScope();
    await service.set(caller, env, { key: 'PORT', value: '8080', type: 'integer' });
    const plan = await service.import(
      caller,
      env,
      [
        { key: 'GOOD', value: 'fine' },
        { key: 'PORT', value: 'eighty' },
        { key: 'bad-key', value: 'x' },
        { key: 'NUL\u0000KEY', value: 'x' },
        { key: 'NUL_VALUE', value: 'a\u0000b' },
      ],
      { dryRun: false },
    );
    expect(plan.created).toEqual(['GOOD']);
    // Invalid keys are never echoed: their entry's position says which they were.
    expect(plan.errors.map(({ key, entry }) => [key, entry])).toEqual([
      ['PORT', 2],
      ['', 3],
      ['', 4],
      ['NUL_VALUE', 5],
    ]);
    expect(plan.errors[3]!.message).toMatch(/NUL/);
    expect(JSON.stringify(plan.errors)).not.toMatch(/eighty|bad-key|NUL.u0000KEY/);
    expect(await valuesOf(service, env)).toEqual({ PORT: '8080' });
  });

  it('writes nothing on a dry run but answers the same plan', async () => {
    const service = serviceWith();
    const env = await freshScope();
    await service.set(caller, env, { key: 'KEPT', value: 'v1' });
    const entries = [
      { key: 'KEPT', value: 'v2' },
      { key: 'ADDED', value: 'a' },
    ];
    expect(await service.import(caller, env, entries, { dryRun: true })).toEqual({
      created: ['ADDED'],
      updated: ['KEPT'],
      unchanged: [],
      errors: [],
      written: [],
    });
    expect(await valuesOf(service, env)).toEqual({ KEPT: 'v1' });
    expect(await service.history(caller, env, 'KEPT')).toHaveLength(1);
  });

  it('brings back a soft-deleted key as created, with a value checked against its type', async () => {
    const service = serviceWith();
    const env = await freshScope();
    await service.set(caller, env, { key: 'FLAG', value: 'true', type: 'boolean' });
    await service.delete(caller, env, 'FLAG');
    expect((await service.import(caller, env, [{ key: 'FLAG', value: 'yes' }], { dryRun: false })).errors.map((e) => e.key)).toEqual(['FLAG']);
    expect(await service.import(caller, env, [{ key: 'FLAG', value: 'true' }], { dryRun: false })).toMatchObject({ created: ['FLAG'] });
    expect((await service.history(caller, env, 'FLAG')).map((v) => v.version)).toEqual([2, 1]);
  });

  it('writes the plan it was shown, and nothing at all (ABORTED) when the environment changed since', async () => {
    const service = serviceWith();
    const env = await freshScope();
    await service.set(caller, env, { key: 'KEPT', value: 'v1' });
    const entries = [
      { key: 'KEPT', value: 'v2' },
      { key: 'ADDED', value: 'from-file' },
    ];
    const shown = await service.import(caller, env, entries, { dryRun: true });
    expect(shown).toEqual({ created: ['ADDED'], updated: ['KEPT'], unchanged: [], errors: [], written: [] });

    // Someone else creates ADDED between the plan and its confirmation.
    await service.set(caller, env, { key: 'ADDED', value: 'from-someone-else' });
    const refused: unknown = await service.import(caller, env, entries, { dryRun: false, expectedPlan: shown }).catch((err: unknown) => err);
    expect(isCofferError(refused) && refused.code).toBe('ABORTED');
    expect((refused as Error).message).toMatch(/changed since the plan was shown \(ADDED is now updated, not created\)/);
    expect((refused as Error).message).not.toContain('from-');
    expect(await valuesOf(service, env)).toEqual({ KEPT: 'v1', ADDED: 'from-someone-else' });
    expect(await service.history(caller, env, 'KEPT')).toHaveLength(1);
    expect(await service.history(caller, env, 'ADDED')).toHaveLength(1);

    const again = await service.import(caller, env, entries, { dryRun: true });
    expect(await service.import(caller, env, entries, { dryRun: false, expectedPlan: again })).toEqual({
      created: [],
      updated: ['KEPT', 'ADDED'],
      unchanged: [],
      errors: [],
      written: [
        { key: 'KEPT', version: 2 },
        { key: 'ADDED', version: 2 },
      ],
    });
    expect(await valuesOf(service, env)).toEqual({ KEPT: 'v2', ADDED: 'from-file' });
  });

  it('takes a type and a description per entry, checks the value against it, and makes a type change a new version', async () => {
    const service = serviceWith();
    const env = await freshScope();
    await service.set(caller, env, { key: 'PORT', value: '8080', description: 'http port' });
    const refused = await service.import(
      caller,
      env,
      [
        { key: 'PORT', value: '8080', type: 'integer' },
        { key: 'RETRIES', value: 'three', type: 'integer' },
      ],
      { dryRun: false },
    );
    expect(refused.errors).toEqual([{ key: 'RETRIES', entry: 2, message: expect.stringMatching(/^value: an integer/) }]);
    expect(await service.history(caller, env, 'PORT')).toHaveLength(1);
    expect(await valuesOf(service, env)).toEqual({ PORT: '8080' });

    const plan = await service.import(
      caller,
      env,
      [
        { key: 'PORT', value: '8080', type: 'integer' },
        { key: 'RETRIES', value: '3', type: 'integer', description: 'attempts' },
      ],
      { dryRun: false },
    );
    expect(plan).toEqual({
      created: ['RETRIES'],
      updated: ['PORT'],
      unchanged: [],
      errors: [],
      written: [
        { key: 'PORT', version: 2 },
        { key: 'RETRIES', version: 1 },
      ],
    });
    expect((await service.get(caller, env, 'PORT', { reveal: false })).meta).toMatchObject({ type: 'integer', version: 2, description: 'http port' });
    expect((await service.get(caller, env, 'RETRIES', { reveal: false })).meta).toMatchObject({ type: 'integer', version: 1, description: 'attempts' });
    // The same value, type and description again: nothing to write.
    expect(await service.import(caller, env, [{ key: 'PORT', value: '8080', type: 'integer' }], { dryRun: false })).toMatchObject({ unchanged: ['PORT'] });
    expect(await service.import(caller, env, [{ key: 'PORT', value: '8080', description: 'the port' }], { dryRun: false })).toMatchObject({
      updated: ['PORT'],
    });
    expect(await service.history(caller, env, 'PORT')).toHaveLength(3);
  });

  it('leaves nothing behind when a write fails halfway', async () => {
    const store = createSecretStore();
    let versionsWritten = 0;
    const failing = {
      ...store,
      insertVersion: (...args: Parameters<typeof store.insertVersion>) =>
        ++versionsWritten === 2 ? Promise.reject(new Error('disk full')) : store.insertVersion(...args),
    };
    const env = await freshScope();
    const entries = [
      { key: 'HALF_A', value: 'a' },
      { key: 'HALF_B', value: 'b' },
    ];
    await expect(serviceWith(failing).import(caller, env, entries, { dryRun: false })).rejects.toThrow('disk full');
    expect(await rowsFor('HALF_A')).toEqual({ secrets: [], versions: [] });
    expect(await valuesOf(serviceWith(), env)).toEqual({});
  });

  it('runs concurrent imports into one environment one after the other, whatever keys they share', async () => {
    const service = serviceWith();
    const env = await freshScope();
    const forwards = ['RACE_A', 'RACE_B', 'RACE_C'].map((key) => ({ key, value: `${key}-forwards` }));
    const backwards = ['RACE_D', 'RACE_C', 'RACE_B'].map((key) => ({ key, value: `${key}-backwards` }));
    const plans = await Promise.all([forwards, backwards].map((entries) => service.import(caller, env, entries, { dryRun: false })));
    expect(plans.map((plan) => plan.errors)).toEqual([[], []]);
    for (const key of ['RACE_B', 'RACE_C']) expect(await service.history(caller, env, key)).toHaveLength(2);
  });

  it('answers ABORTED, not an internal error, when an import and a single write create the same key at once', async () => {
    const env = await freshScope();
    const store = createSecretStore();
    const outcome = (attempt: Promise<unknown>) =>
      attempt.then(
        () => 'written',
        (err: unknown) => (isCofferError(err) ? err.code : String(err)),
      );
    // Its KEK already unwrapped, so it reaches its insert at once rather than after the import's.
    const single = serviceWith();
    await single.set(caller, env, { key: 'WARM_UP', value: 'w' });
    let racingWrite: Promise<string> | undefined;
    const racing = {
      ...store,
      async insertSecret(...args: Parameters<typeof store.insertSecret>) {
        if (args[1].key === 'RACE_LATER') {
          // The import already holds the KEK row (it wrote RACE_FIRST); this write takes RACE_LATER and waits for it.
          racingWrite = outcome(single.set(caller, env, { key: 'RACE_LATER', value: 'single' }));
          await new Promise((resolve) => setTimeout(resolve, 300));
        }
        return store.insertSecret(...args);
      },
    };
    const entries = [
      { key: 'RACE_FIRST', value: 'a' },
      { key: 'RACE_LATER', value: 'b' },
    ];
    const imported = await outcome(serviceWith(racing).import(caller, env, entries, { dryRun: false }));
    expect([imported, await racingWrite].sort()).toEqual(['ABORTED', 'written']);
  });
});

describe('a blind write (create and update without read)', () => {
  async function freshScope() {
    const slug = `blind-${randomUUID().slice(0, 8)}`;
    await withTenant(db.knex, orgId, async (trx) => {
      const project = await trx('projects').where({ slug: 'api' }).first('id');
      await trx('environments').insert({ id: randomUUID(), org_id: orgId, project_id: project.id, slug, name: slug });
    });
    return { project: 'api', environment: slug };
  }

  it('keeps the stored type when the value fits it, and otherwise writes text, as for a new key: never refused for a type it was not given', async () => {
    const service = serviceWith();
    const env = await freshScope();
    await service.set(caller, env, { key: 'PORT', value: '8080', type: 'integer' });
    await service.set(caller, env, { key: 'CONFIG', value: '{"a":1}', type: 'json' });

    expect(await service.set(blind, env, { key: 'PORT', value: '9090' })).toMatchObject({ type: 'integer', version: 2 });
    expect(await service.set(blind, env, { key: 'CONFIG', value: 'not json' })).toMatchObject({ type: 'text', version: 2 });
    expect(await service.set(blind, env, { key: 'NEW', value: 'not json' })).toMatchObject({ type: 'text', version: 1 });
    // A caller that reads is told the value does not fit the stored type.
    await expect(service.set(caller, env, { key: 'PORT', value: 'eighty' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/integer/),
    });
    // A type the blind caller gives is checked: that tells it nothing it did not say.
    await expect(service.set(blind, env, { key: 'PORT', value: 'eighty', type: 'integer' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('imports with the same rule, so a refusal depends only on what the caller sent', async () => {
    const service = serviceWith();
    const env = await freshScope();
    await service.set(caller, env, { key: 'FLAG', value: 'true', type: 'boolean' });
    const plan = await service.import(
      blind,
      env,
      [
        { key: 'FLAG', value: 'maybe' },
        { key: 'OTHER', value: 'maybe' },
      ],
      { dryRun: false, writeAll: true },
    );
    expect(plan.errors).toEqual([]);
    expect(await service.get(caller, env, 'FLAG', { reveal: true })).toMatchObject({ meta: { type: 'text', version: 2 }, value: 'maybe' });
  });
});

describe('keys, outages and corruption', () => {
  const outcome = (attempt: Promise<unknown>) =>
    attempt.then(
      () => 'OK',
      (err: unknown) => (isCofferError(err) ? `${err.code}: ${err.message}` : String(err)),
    );
  const unreachable = () => Promise.reject(Object.assign(new Error('connect ETIMEDOUT 169.254.0.1:443'), { code: 'ETIMEDOUT' }));

  it('answers UNAVAILABLE, never DATA_LOSS, when the KMS is down, and counts no decryption failure', async () => {
    await serviceWith().set(caller, scope, { key: 'KMS_DOWN', value: 'still here' });
    const failures = { count: 0 };
    const down = serviceWith(createSecretStore(), { name: 'local', wrapKey: unreachable, unwrapKey: unreachable }, failures);
    const unavailable = 'UNAVAILABLE: the key management service is unavailable; retry later';
    expect(await outcome(down.get(caller, scope, 'KMS_DOWN', { reveal: true }))).toBe(unavailable);
    expect(await outcome(down.inject(caller, scope))).toBe(unavailable);
    expect(await outcome(down.rollback(caller, scope, 'KMS_DOWN', { version: 1 }))).toBe(unavailable);
    // Metadata needs no key at all.
    expect(await outcome(down.get(caller, scope, 'KMS_DOWN', { reveal: false }))).toBe('OK');
    expect(failures.count).toBe(0);
    expect((await serviceWith().get(caller, scope, 'KMS_DOWN', { reveal: true })).value).toBe('still here');
  });

  it('counts only a failed authentication tag as a decryption failure, and names the secret and version', async () => {
    const service = serviceWith();
    await service.set(caller, scope, { key: 'TAMPERED', value: 'original' });
    await service.set(caller, scope, { key: 'ORPHANED', value: 'original' });
    const owner = await connectAsOwner(db.url);
    try {
      await owner.query(
        `update secret_versions set ciphertext = translate(ciphertext, 'ABCDEFGH', 'BCDEFGHA') where secret_id = (select id from secrets where key = 'TAMPERED' and org_id = $1)`,
        [orgId],
      );
      // The KEK version a blob names is gone: unreadable, but no tag failed.
      await owner.query(`update secret_versions set kms_key_version = 99 where secret_id = (select id from secrets where key = 'ORPHANED' and org_id = $1)`, [
        orgId,
      ]);
    } finally {
      await owner.end();
    }
    const failures = { count: 0 };
    const reader = serviceWith(createSecretStore(), localProvider, failures);
    expect(await outcome(reader.get(caller, scope, 'TAMPERED', { reveal: true }))).toBe("DATA_LOSS: secret 'TAMPERED' version 1 could not be decrypted");
    expect(failures.count).toBe(1);
    expect(await outcome(reader.get(caller, scope, 'ORPHANED', { reveal: true }))).toBe("DATA_LOSS: secret 'ORPHANED' version 1 could not be decrypted");
    expect(failures.count).toBe(1);
    await withTenant(db.knex, orgId, (trx) => trx('secrets').whereIn('key', ['TAMPERED', 'ORPHANED']).update({ deleted: true }));
  });

  it('opens the values of concurrent injects on the worker thread as an inject alone does, and a tampered one there is DATA_LOSS', async () => {
    const env = { project: 'api', environment: 'threaded' };
    await withTenant(db.knex, orgId, async (trx) => {
      const project = await trx('projects').where({ slug: 'api' }).first('id');
      await trx('environments').insert({ id: randomUUID(), org_id: orgId, project_id: project.id, slug: env.environment, name: env.environment });
    });
    const writer = serviceWith();
    const written: Record<string, string> = {};
    for (let i = 0; i < 30; i++) written[`KEY_${String(i).padStart(2, '0')}`] = randomBytes(24).toString('base64');
    await writer.import(
      caller,
      env,
      Object.entries(written).map(([key, value]) => ({ key, value })),
      { dryRun: false },
    );

    const opener = createValueOpener();
    const alone: boolean[] = [];
    const watched: ValueOpener = { ...opener, open: (batch, load) => (alone.push(load.alone), opener.open(batch, load)) };
    const failures = { count: 0 };
    const threaded = serviceWith(createSecretStore(), localProvider, failures, watched);
    try {
      await opener.start();
      const answers = await Promise.all(Array.from({ length: 8 }, () => threaded.inject(caller, env)));
      for (const answer of answers) expect(answer.values).toEqual(written);
      expect(alone.filter((one) => !one).length).toBeGreaterThan(0);
      expect((await threaded.inject(caller, env)).values).toEqual(written);
      expect(alone.at(-1)).toBe(true);

      const owner = await connectAsOwner(db.url);
      try {
        await owner.query(
          `update secret_versions set ciphertext = translate(ciphertext, 'ABCDEFGH', 'BCDEFGHA') where secret_id = (select id from secrets where key = 'KEY_07' and org_id = $1)`,
          [orgId],
        );
      } finally {
        await owner.end();
      }
      const tampered = await Promise.all([outcome(threaded.inject(caller, env)), outcome(threaded.inject(caller, env))]);
      expect(tampered).toEqual(Array(2).fill("DATA_LOSS: secret 'KEY_07' version 1 could not be decrypted"));
      expect(failures.count).toBe(2);
    } finally {
      await opener.close();
    }
  });

  it('keeps writing through a rotation by another process: the write retries on the new version, never on the retired one', async () => {
    const service = serviceWith();
    await service.set(caller, scope, { key: 'ROTATING', value: 'v1' });
    // Another process retires the version this service last wrote with.
    await createKeyring({ provider: localProvider, knex: db.knex }).rotate(orgId);
    await service.set(caller, scope, { key: 'ROTATING', value: 'v2' });
    const versions = await service.history(caller, scope, 'ROTATING');
    expect(versions.map((version) => version.kmsKeyVersion)).toEqual([versions[1]!.kmsKeyVersion + 1, versions[1]!.kmsKeyVersion]);
    expect((await service.get(caller, scope, 'ROTATING', { reveal: true })).value).toBe('v2');
  });
});
