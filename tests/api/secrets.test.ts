import { beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectOk, scopePath, sql } from '@coffer/test-kit/api-assertions';
import { seedOrg, usePlatform } from '@coffer/test-kit/fixtures';
import type { Api } from '@coffer/test-kit/platform';

const platform = usePlatform();
let api: Api;
let actor: string;
const scope = scopePath('acme', 'api', 'development');

beforeAll(async () => {
  const acme = await seedOrg(platform, { org: 'acme', project: 'api' });
  api = acme.api;
  actor = `api_token:${acme.tokenId}`;
});

async function listKeys(query = ''): Promise<string[]> {
  return expectOk(await api('GET', `${scope}/secrets${query}`)).secrets.map((secret: { key: string }) => secret.key);
}

async function reveal(key: string, query = ''): Promise<string> {
  return expectOk(await api('GET', `${scope}/secrets/${key}?reveal=true${query}`)).value;
}

async function historyVersions(key: string): Promise<number[]> {
  return expectOk(await api('GET', `${scope}/secrets/${key}/history`)).versions.map((version: { version: number }) => version.version);
}

/** Versions stored for a key, straight from PostgreSQL, whatever the API says. */
async function storedVersions(key: string): Promise<number> {
  const rows = await sql<{ n: string }>(
    platform.database.url,
    'select count(*)::text as n from secret_versions v join secrets s on s.id = v.secret_id where s.key = $1',
    [key],
  );
  return Number(rows[0]?.n);
}

describe('secret types', () => {
  const cases = [
    { type: 'text', valid: 'hello, world', next: '', invalid: ['€'.repeat(30_000)] },
    { type: 'json', valid: '{"hosts":["a","b"],"port":5432,"tls":null}', next: '[1,2,3]', invalid: ['{bad', '{"a":1,}', "{'a':1}", ''] },
    { type: 'yaml', valid: 'hosts:\n  - a\n  - b\nport: 5432\n', next: 'x: 1', invalid: ['a: [1, 2', 'a: b: c', 'key: value\n  bad: indent'] },
    { type: 'boolean', valid: 'true', next: 'false', invalid: ['yes', 'TRUE', '1', '', 'true '] },
    { type: 'integer', valid: '-42', next: '9007199254740993', invalid: ['1.5', '01', '', '12abc', ' 1', '+1', '1e3'] },
    { type: 'password', valid: 'correct horse battery staple', next: 'hunter2', invalid: [''] },
  ] as const;

  for (const { type, valid, next, invalid } of cases) {
    it(`${type}: refuses values that do not parse, naming value, and writes nothing`, async () => {
      const key = `TYPED_${type.toUpperCase()}`;
      for (const value of invalid) {
        const refused = await api('POST', `${scope}/secrets/${key}`, { body: { value, type } });
        expectError(refused, 400, 'value');
        if (value.length > 0) expect(refused.body.message).not.toContain(value);
      }
      expectError(await api('GET', `${scope}/secrets/${key}`), 404);
      expect(await listKeys('?includeDeleted=true')).not.toContain(key);
      expect(await storedVersions(key)).toBe(0);
    });

    it(`${type}: creates with 201, updates with 200 and version + 1, and keeps refusing bad values`, async () => {
      const key = `TYPED_${type.toUpperCase()}`;
      const created = expectOk(await api('POST', `${scope}/secrets/${key}`, { body: { value: valid, type } }), 201);
      expect(created).toMatchObject({ key, type, version: 1, deleted: false, updatedBy: actor });
      expect(await reveal(key)).toBe(valid);

      // The stored type applies to updates that do not repeat it.
      for (const value of invalid) expectError(await api('POST', `${scope}/secrets/${key}`, { body: { value } }), 400, 'value');
      expect(await historyVersions(key)).toEqual([1]);
      expect(await storedVersions(key)).toBe(1);
      expect(await reveal(key)).toBe(valid);

      const updated = expectOk(await api('POST', `${scope}/secrets/${key}`, { body: { value: next } }), 200);
      expect(updated).toMatchObject({ key, type, version: 2 });
      expect(await reveal(key)).toBe(next);
      expect(await historyVersions(key)).toEqual([2, 1]);
    });
  }

  it('refuses an unknown type naming type, and can change the type with a value that fits it', async () => {
    expectError(await api('POST', `${scope}/secrets/TYPE_CHANGE`, { body: { value: 'x', type: 'xml' } }), 400, 'type');
    expect(await storedVersions('TYPE_CHANGE')).toBe(0);
    expectOk(await api('POST', `${scope}/secrets/TYPE_CHANGE`, { body: { value: '12', type: 'integer' } }), 201);
    expectError(await api('POST', `${scope}/secrets/TYPE_CHANGE`, { body: { value: 'twelve' } }), 400, 'value');
    const changed = expectOk(await api('POST', `${scope}/secrets/TYPE_CHANGE`, { body: { value: 'twelve', type: 'text' } }));
    expect(changed).toMatchObject({ type: 'text', version: 2 });
    const v1 = expectOk(await api('GET', `${scope}/secrets/TYPE_CHANGE?version=1`));
    expect(v1).toMatchObject({ version: 1, type: 'integer' });
  });

  it('accepts a value of exactly 65536 bytes and refuses one byte more', async () => {
    expectOk(await api('POST', `${scope}/secrets/BIG_TEXT`, { body: { value: 'a'.repeat(64 * 1024) } }), 201);
    expectError(await api('POST', `${scope}/secrets/BIG_TEXT`, { body: { value: 'a'.repeat(64 * 1024 + 1) } }), 400, 'value');
    expect(await historyVersions('BIG_TEXT')).toEqual([1]);
  });
});

describe('reading', () => {
  beforeAll(async () => {
    expectOk(await api('POST', `${scope}/secrets/READ_DB_URL`, { body: { value: 'postgres://reader:pw-read-1@db/app', description: 'primary db' } }), 201);
    expectOk(await api('POST', `${scope}/secrets/READ_DB_URL`, { body: { value: 'postgres://reader:pw-read-2@db/app' } }), 200);
  });

  it('answers metadata without a value field unless reveal=true', async () => {
    for (const path of [`${scope}/secrets/READ_DB_URL`, `${scope}/secrets/READ_DB_URL?reveal=false`]) {
      const response = await api('GET', path);
      const data = expectOk(response);
      expect(data).not.toHaveProperty('value');
      expect(JSON.stringify(response.body)).not.toContain('pw-read');
      expect(data).toMatchObject({
        id: expect.any(String),
        key: 'READ_DB_URL',
        type: 'text',
        version: 2,
        description: 'primary db',
        deleted: false,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        updatedBy: actor,
      });
    }
    const revealed = expectOk(await api('GET', `${scope}/secrets/READ_DB_URL?reveal=true`));
    expect(revealed).toMatchObject({ key: 'READ_DB_URL', version: 2, value: 'postgres://reader:pw-read-2@db/app' });
  });

  it('keeps the description across updates that do not mention it', async () => {
    expect(expectOk(await api('GET', `${scope}/secrets/READ_DB_URL`)).description).toBe('primary db');
  });

  it('reads an older version with ?version=N', async () => {
    const old = expectOk(await api('GET', `${scope}/secrets/READ_DB_URL?reveal=true&version=1`));
    expect(old).toMatchObject({ version: 1, value: 'postgres://reader:pw-read-1@db/app' });
    expectError(await api('GET', `${scope}/secrets/READ_DB_URL?version=9`), 404);
    expectError(await api('GET', `${scope}/secrets/READ_DB_URL?version=0`), 400, 'version');
  });

  it('reveals an empty text value as an empty string, not as a missing one', async () => {
    expectOk(await api('POST', `${scope}/secrets/EMPTY_TEXT`, { body: { value: '' } }), 201);
    const data = expectOk(await api('GET', `${scope}/secrets/EMPTY_TEXT?reveal=true`));
    expect(data).toHaveProperty('value', '');
  });

  it('answers 404 naming an unknown secret, environment or project', async () => {
    const missing = await api('GET', `${scope}/secrets/NO_SUCH_KEY`);
    expectError(missing, 404);
    expect(missing.body.message).toContain('NO_SUCH_KEY');
    expectError(await api('GET', `${scopePath('acme', 'api', 'nowhere')}/secrets`), 404);
    expectError(await api('GET', `${scopePath('acme', 'ghost', 'development')}/secrets/READ_DB_URL`), 404);
  });

  it('lists metadata only, sorted by key, with no value anywhere in the answer', async () => {
    const values = { LIST_A: 'list-value-alpha-7f3', LIST_B: 'list-value-bravo-9c1', LIST_C: '{"list":"value-charlie-2d8"}' };
    for (const [key, value] of Object.entries(values)) {
      expectOk(await api('POST', `${scope}/secrets/${key}`, { body: { value, type: key === 'LIST_C' ? 'json' : 'text' } }), 201);
    }
    const response = await api('GET', `${scope}/secrets`);
    const { secrets } = expectOk(response);
    const text = JSON.stringify(response.body);
    for (const value of Object.values(values)) expect(text).not.toContain(value);
    expect(text).not.toContain('value-charlie');
    for (const secret of secrets) expect(secret).not.toHaveProperty('value');
    const keys = secrets.map((secret: { key: string }) => secret.key);
    expect(keys).toEqual([...keys].sort());
    expect(secrets.find((secret: { key: string }) => secret.key === 'LIST_C')).toMatchObject({
      key: 'LIST_C',
      type: 'json',
      version: 1,
      updatedAt: expect.any(String),
      updatedBy: actor,
    });
  });

  it('lists only the environment it is asked about', async () => {
    const staging = scopePath('acme', 'api', 'staging');
    expectOk(await api('POST', `${staging}/secrets/ONLY_IN_STAGING`, { body: { value: 's' } }), 201);
    expect(await listKeys()).not.toContain('ONLY_IN_STAGING');
    expectError(await api('GET', `${scope}/secrets/ONLY_IN_STAGING`), 404);
    expect(expectOk(await api('GET', `${staging}/secrets`)).secrets.map((s: { key: string }) => s.key)).toEqual(['ONLY_IN_STAGING']);
  });
});

describe('delete, restore and purge', () => {
  it('soft-deletes: GET 404, hidden from the list, then restore brings it back at the same version', async () => {
    expectOk(await api('POST', `${scope}/secrets/SOFT_DELETED`, { body: { value: 'soft-1' } }), 201);
    expectOk(await api('POST', `${scope}/secrets/SOFT_DELETED`, { body: { value: 'soft-2' } }), 200);

    const deleted = expectOk(await api('DELETE', `${scope}/secrets/SOFT_DELETED`));
    expect(deleted).toMatchObject({ key: 'SOFT_DELETED', deleted: true, version: 2 });
    expectError(await api('GET', `${scope}/secrets/SOFT_DELETED`), 404);
    expectError(await api('GET', `${scope}/secrets/SOFT_DELETED?reveal=true`), 404);
    expect(await listKeys()).not.toContain('SOFT_DELETED');
    const withDeleted = expectOk(await api('GET', `${scope}/secrets?includeDeleted=true`)).secrets;
    expect(withDeleted.find((s: { key: string }) => s.key === 'SOFT_DELETED')).toMatchObject({ deleted: true, version: 2 });
    expectError(await api('DELETE', `${scope}/secrets/SOFT_DELETED`), 404);
    // The versions are still there.
    expect(await storedVersions('SOFT_DELETED')).toBe(2);

    const restored = expectOk(await api('POST', `${scope}/secrets/SOFT_DELETED/restore`));
    expect(restored).toMatchObject({ key: 'SOFT_DELETED', deleted: false, version: 2 });
    expect(await reveal('SOFT_DELETED')).toBe('soft-2');
    expect(await listKeys()).toContain('SOFT_DELETED');
    expect(await historyVersions('SOFT_DELETED')).toEqual([2, 1]);
  });

  it('restore of a live secret changes nothing, of an unknown one is 404', async () => {
    expectOk(await api('POST', `${scope}/secrets/LIVE_RESTORE`, { body: { value: 'x' } }), 201);
    expect(expectOk(await api('POST', `${scope}/secrets/LIVE_RESTORE/restore`))).toMatchObject({ deleted: false, version: 1 });
    expect(await historyVersions('LIVE_RESTORE')).toEqual([1]);
    expectError(await api('POST', `${scope}/secrets/NEVER_EXISTED/restore`), 404);
    expectError(await api('DELETE', `${scope}/secrets/NEVER_EXISTED`), 404);
  });

  it('purges permanently: every version gone, GET and history 404, not even in the deleted list', async () => {
    expectOk(await api('POST', `${scope}/secrets/PURGED`, { body: { value: 'purge-1' } }), 201);
    expectOk(await api('POST', `${scope}/secrets/PURGED`, { body: { value: 'purge-2' } }), 200);
    expectOk(await api('DELETE', `${scope}/secrets/PURGED`));

    expect(expectOk(await api('DELETE', `${scope}/secrets/PURGED/permanent`))).toEqual({ key: 'PURGED', versionsPurged: 2 });
    expectError(await api('GET', `${scope}/secrets/PURGED`), 404);
    expectError(await api('GET', `${scope}/secrets/PURGED/history`), 404);
    expectError(await api('POST', `${scope}/secrets/PURGED/restore`), 404);
    expect(await listKeys('?includeDeleted=true')).not.toContain('PURGED');
    expect(await storedVersions('PURGED')).toBe(0);
    expect(await sql(platform.database.url, `select 1 from secrets where key = 'PURGED'`)).toEqual([]);
    expectError(await api('DELETE', `${scope}/secrets/PURGED/permanent`), 404);

    // The key is free again and starts over at version 1.
    expect(expectOk(await api('POST', `${scope}/secrets/PURGED`, { body: { value: 'purge-3' } }), 201).version).toBe(1);
  });

  it('purges a live secret without a prior soft delete', async () => {
    expectOk(await api('POST', `${scope}/secrets/PURGED_LIVE`, { body: { value: 'x' } }), 201);
    expect(expectOk(await api('DELETE', `${scope}/secrets/PURGED_LIVE/permanent`)).versionsPurged).toBe(1);
    expectError(await api('GET', `${scope}/secrets/PURGED_LIVE`), 404);
  });
});

describe('history, diff and rollback', () => {
  beforeAll(async () => {
    expectOk(await api('POST', `${scope}/secrets/VERSIONED`, { body: { value: 'first-value', description: 'v1 desc' } }), 201);
    expectOk(await api('POST', `${scope}/secrets/VERSIONED`, { body: { value: 'second-value' } }), 200);
    expectOk(await api('POST', `${scope}/secrets/VERSIONED`, { body: { value: 'second-value', description: 'v3 desc' } }), 200);
  });

  it('lists versions newest first, with metadata and no values', async () => {
    const response = await api('GET', `${scope}/secrets/VERSIONED/history`);
    const data = expectOk(response);
    expect(data.key).toBe('VERSIONED');
    expect(data.versions.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    expect(data.versions[0]).toMatchObject({ version: 3, type: 'text', description: 'v3 desc', createdBy: actor, createdAt: expect.any(String) });
    expect(data.versions[2]).toMatchObject({ version: 1, description: 'v1 desc' });
    expect(JSON.stringify(response.body)).not.toMatch(/first-value|second-value/);
  });

  it('diffs two versions: valueChanged true or false, values only with reveal=true', async () => {
    const changed = await api('GET', `${scope}/secrets/VERSIONED/diff?from=1&to=2`);
    const data = expectOk(changed);
    expect(data).toMatchObject({ key: 'VERSIONED', valueChanged: true, typeChanged: false, descriptionChanged: false });
    expect(data.from.version).toBe(1);
    expect(data.to.version).toBe(2);
    expect(data).not.toHaveProperty('fromValue');
    expect(data).not.toHaveProperty('toValue');
    expect(JSON.stringify(changed.body)).not.toMatch(/first-value|second-value/);

    const same = expectOk(await api('GET', `${scope}/secrets/VERSIONED/diff?from=2&to=3`));
    expect(same).toMatchObject({ valueChanged: false, descriptionChanged: true });

    const revealed = expectOk(await api('GET', `${scope}/secrets/VERSIONED/diff?from=1&to=2&reveal=true`));
    expect(revealed).toMatchObject({ valueChanged: true, fromValue: 'first-value', toValue: 'second-value' });
  });

  it('refuses a diff against a missing version (404) or a malformed range (400)', async () => {
    expectError(await api('GET', `${scope}/secrets/VERSIONED/diff?from=1&to=7`), 404);
    expectError(await api('GET', `${scope}/secrets/VERSIONED/diff?from=1`), 400, 'to');
    expectError(await api('GET', `${scope}/secrets/VERSIONED/diff?from=zero&to=1`), 400, 'from');
    expectError(await api('GET', `${scope}/secrets/NO_SUCH/diff?from=1&to=2`), 404);
  });

  it('rolls back to version 1 by writing a new version holding version 1’s value', async () => {
    const rolled = expectOk(await api('POST', `${scope}/secrets/VERSIONED/rollback`, { body: { version: 1 } }));
    expect(rolled).toMatchObject({ key: 'VERSIONED', version: 4, description: 'v1 desc' });
    expect(await reveal('VERSIONED')).toBe('first-value');
    expect(await historyVersions('VERSIONED')).toEqual([4, 3, 2, 1]);
    expect(expectOk(await api('GET', `${scope}/secrets/VERSIONED/diff?from=1&to=4`)).valueChanged).toBe(false);

    // Freshly encrypted: the new version's ciphertext and wrapped key are not copies of version 1's.
    const rows = await sql<{ version: number; ciphertext: string; wrapped_dek: string }>(
      platform.database.url,
      `select v.version, v.ciphertext, v.wrapped_dek from secret_versions v join secrets s on s.id = v.secret_id
        where s.key = 'VERSIONED' and v.version in (1, 4) order by v.version`,
    );
    expect(rows).toHaveLength(2);
    expect(rows[1]!.ciphertext).not.toBe(rows[0]!.ciphertext);
    expect(rows[1]!.wrapped_dek).not.toBe(rows[0]!.wrapped_dek);
  });

  it('refuses a rollback to a missing version, a bad version, or of a deleted secret, writing nothing', async () => {
    expectError(await api('POST', `${scope}/secrets/VERSIONED/rollback`, { body: { version: 99 } }), 404);
    expectError(await api('POST', `${scope}/secrets/VERSIONED/rollback`, { body: { version: 0 } }), 400, 'version');
    expectError(await api('POST', `${scope}/secrets/VERSIONED/rollback`, { body: {} }), 400, 'version');
    expectError(await api('POST', `${scope}/secrets/VERSIONED/rollback`, { body: { version: 1, value: 'smuggled' } }), 400, 'value');
    expect(await historyVersions('VERSIONED')).toEqual([4, 3, 2, 1]);

    expectOk(await api('POST', `${scope}/secrets/ROLLBACK_DELETED`, { body: { value: 'a' } }), 201);
    expectOk(await api('POST', `${scope}/secrets/ROLLBACK_DELETED`, { body: { value: 'b' } }), 200);
    expectOk(await api('DELETE', `${scope}/secrets/ROLLBACK_DELETED`));
    expectError(await api('POST', `${scope}/secrets/ROLLBACK_DELETED/rollback`, { body: { version: 1 } }), 404);
    expect(await storedVersions('ROLLBACK_DELETED')).toBe(2);
  });
});

describe('check-and-set', () => {
  it('writes only when expectedVersion matches; a mismatch is 409 and writes nothing', async () => {
    expectOk(await api('POST', `${scope}/secrets/CAS_KEY`, { body: { value: 'cas-1' } }), 201);

    const conflict = await api('POST', `${scope}/secrets/CAS_KEY`, { body: { value: 'cas-stale', expectedVersion: 3 } });
    expectError(conflict, 409);
    expect(conflict.body.data).toMatchObject({ currentVersion: 1 });
    expect(conflict.body.message).not.toContain('cas-stale');
    expect(await historyVersions('CAS_KEY')).toEqual([1]);
    expect(await reveal('CAS_KEY')).toBe('cas-1');

    expect(expectOk(await api('POST', `${scope}/secrets/CAS_KEY`, { body: { value: 'cas-2', expectedVersion: 1 } })).version).toBe(2);
    // The same stale write again now loses.
    expectError(await api('POST', `${scope}/secrets/CAS_KEY`, { body: { value: 'cas-late', expectedVersion: 1 } }), 409);
    expect(await reveal('CAS_KEY')).toBe('cas-2');
    expect(await storedVersions('CAS_KEY')).toBe(2);
  });

  it('expectedVersion 0 creates only when the key is absent', async () => {
    const created = expectOk(await api('POST', `${scope}/secrets/CAS_NEW`, { body: { value: 'only-once', expectedVersion: 0 } }), 201);
    expect(created.version).toBe(1);
    expectError(await api('POST', `${scope}/secrets/CAS_NEW`, { body: { value: 'second-creator', expectedVersion: 0 } }), 409);
    expect(await reveal('CAS_NEW')).toBe('only-once');
    expect(await historyVersions('CAS_NEW')).toEqual([1]);
  });

  it('of many concurrent creators with expectedVersion 0, exactly one wins', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => api('POST', `${scope}/secrets/CAS_RACE`, { body: { value: `racer-${i}`, expectedVersion: 0 } })),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    expect(await historyVersions('CAS_RACE')).toEqual([1]);
  });

  it('of many concurrent updates without expectedVersion, none is lost', async () => {
    expectOk(await api('POST', `${scope}/secrets/CONCURRENT`, { body: { value: 'start' } }), 201);
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => api('POST', `${scope}/secrets/CONCURRENT`, { body: { value: `writer-${i}` } })));
    for (const answer of answers) expectOk(answer, 200);
    expect(answers.map((answer) => answer.body.data.version).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await historyVersions('CONCURRENT')).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });

  it('applies to rollback too', async () => {
    expectOk(await api('POST', `${scope}/secrets/CAS_ROLLBACK`, { body: { value: 'r1' } }), 201);
    expectOk(await api('POST', `${scope}/secrets/CAS_ROLLBACK`, { body: { value: 'r2' } }), 200);
    expectError(await api('POST', `${scope}/secrets/CAS_ROLLBACK/rollback`, { body: { version: 1, expectedVersion: 1 } }), 409);
    expect(await historyVersions('CAS_ROLLBACK')).toEqual([2, 1]);
    expect(expectOk(await api('POST', `${scope}/secrets/CAS_ROLLBACK/rollback`, { body: { version: 1, expectedVersion: 2 } })).version).toBe(3);
    expect(await reveal('CAS_ROLLBACK')).toBe('r1');
  });
});
