/**
 * An attacker with write access to the database (but not the master key) edits stored blobs.
 * Every edit must turn into a clean, named decryption error — never into garbage, never into
 * another secret's value — and must be counted in `coffer_decryption_failures_total`.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAsOwner } from '@coffer/test-kit/postgres';
import { seedOrg, usePlatform } from '@coffer/test-kit/fixtures';
import type { Api } from '@coffer/test-kit/platform';
import { expectCleanError, flipBit, metricValue, versionRow, writeBlobs, type VersionBlobs } from '@coffer/test-kit/security';

const SCOPE = '/orgs/acme/projects/api/envs/development';
const FAILURES = 'coffer_decryption_failures_total';

const platform = usePlatform();
let api: Api;
let orgId: string;
let owner: pg.Client;

const value = (label: string) => `${label}-${randomBytes(8).toString('hex')}`;

async function setSecret(key: string, secretValue: string, scope = SCOPE, client = api): Promise<void> {
  const response = await client('POST', `${scope}/secrets/${key}`, { body: { value: secretValue } });
  expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
}

async function reveal(key: string, query = '') {
  return api('GET', `${SCOPE}/secrets/${key}?reveal=true${query}`);
}

/** Runs `fn` with the version row tampered by `edit`, then puts the original blobs back. */
async function withTampered(row: VersionBlobs, edit: Partial<Omit<VersionBlobs, 'id'>>, fn: () => Promise<void>): Promise<void> {
  await writeBlobs(owner, row.id, edit);
  try {
    await fn();
  } finally {
    const { id: _id, ...original } = row;
    await writeBlobs(owner, row.id, original);
  }
}

beforeAll(async () => {
  const boot = await seedOrg(platform, { org: 'acme', project: 'api' });
  api = boot.api;
  orgId = boot.org.id;
  owner = await connectAsOwner(platform.database.url);
});

afterAll(async () => {
  await owner?.end();
});

describe('a bit flipped in a stored blob', () => {
  const CASES = [
    ['ciphertext', 'IV', 0],
    ['ciphertext', 'GCM tag', 12],
    ['ciphertext', 'encrypted body', -1],
    ['wrapped_dek', 'IV', 0],
    ['wrapped_dek', 'GCM tag', 12 + 15],
    ['wrapped_dek', 'encrypted DEK', -1],
  ] as const;

  it.each(CASES)('in %s (%s) makes reveal a named 500, never a value, and counts the failure', async (column, _region, byte) => {
    const key = `TAMPER_${column.toUpperCase()}_${byte < 0 ? 'END' : byte}`;
    const secretValue = value('tamper');
    await setSecret(key, secretValue);
    await setSecret(key, secretValue); // version 2, so the message must name the right version
    expect((await reveal(key)).body.data.value).toBe(secretValue);

    const row = await versionRow(owner, orgId, key, 2);
    const before = await metricValue(platform.baseUrl, FAILURES);
    await withTampered(row, { [column]: flipBit(row[column], byte, 3) }, async () => {
      const response = await reveal(key);
      expectCleanError(response, 500, [secretValue, row.ciphertext, row.wrapped_dek]);
      expect(response.body.message).toContain(`'${key}'`);
      expect(response.body.message).toMatch(/version 2\b/);
      expect(response.body.data).toBeNull();
      expect(await metricValue(platform.baseUrl, FAILURES)).toBe(before + 1);

      // Metadata stays readable; the untouched version 1 still decrypts.
      expect((await api('GET', `${SCOPE}/secrets/${key}`)).status).toBe(200);
      expect((await reveal(key, '&version=1')).body.data.value).toBe(secretValue);
    });
    // Restoring the original bytes restores the value: the failure came from the flipped bit alone.
    expect((await reveal(key)).body.data.value).toBe(secretValue);
  });

  it('in one secret makes inject of its environment fail, naming that secret, with no value at all', async () => {
    const scope = '/orgs/acme/projects/api/envs/staging';
    const good = value('good');
    const bad = value('bad');
    await setSecret('INJECT_GOOD', good, scope);
    await setSecret('INJECT_BAD', bad, scope);
    const ok = await api('POST', `${scope}/inject`);
    expect(ok.body.data.values).toEqual({ INJECT_GOOD: good, INJECT_BAD: bad });

    const row = await versionRow(owner, orgId, 'INJECT_BAD', 1);
    for (const column of ['ciphertext', 'wrapped_dek'] as const) {
      const before = await metricValue(platform.baseUrl, FAILURES);
      await withTampered(row, { [column]: flipBit(row[column], -1) }, async () => {
        const response = await api('POST', `${scope}/inject`);
        expectCleanError(response, 500, [good, bad]);
        expect(response.body.message).toContain(`'INJECT_BAD'`);
        expect(response.body.message).toMatch(/version 1\b/);
        expect(response.body.data).toBeNull();
        expect(await metricValue(platform.baseUrl, FAILURES)).toBeGreaterThan(before);
      });
    }
  });

  it('makes diff and rollback fail too, and rollback writes no version from the garbage', async () => {
    const key = 'TAMPER_ROLLBACK';
    await setSecret(key, value('one'));
    await setSecret(key, value('two'));
    const row = await versionRow(owner, orgId, key, 1);
    await withTampered(row, { ciphertext: flipBit(row.ciphertext, 20) }, async () => {
      expectCleanError(await api('GET', `${SCOPE}/secrets/${key}/diff?from=1&to=2`), 500);
      const rollback = await api('POST', `${SCOPE}/secrets/${key}/rollback`, { body: { version: 1 } });
      expectCleanError(rollback, 500);
      expect(rollback.body.message).toContain(`'${key}'`);
      const history = await api('GET', `${SCOPE}/secrets/${key}/history`);
      expect(history.body.data.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    });
  });
});

describe('blobs moved to another place', () => {
  it("copied from secret A onto secret B's row make B fail to decrypt instead of answering A's value", async () => {
    const a = value('value-of-a');
    const b = value('value-of-b');
    await setSecret('SWAP_A', a);
    await setSecret('SWAP_B', b);
    const rowA = await versionRow(owner, orgId, 'SWAP_A', 1);
    const rowB = await versionRow(owner, orgId, 'SWAP_B', 1);
    const { id: _id, ...blobsOfA } = rowA;
    const before = await metricValue(platform.baseUrl, FAILURES);

    await withTampered(rowB, blobsOfA, async () => {
      const response = await reveal('SWAP_B');
      expectCleanError(response, 500, [a, b]);
      expect(response.body.message).toContain(`'SWAP_B'`);
      expect(await metricValue(platform.baseUrl, FAILURES)).toBe(before + 1);
      // A, in its own place, is unaffected.
      expect((await reveal('SWAP_A')).body.data.value).toBe(a);
    });
    expect((await reveal('SWAP_B')).body.data.value).toBe(b);
  });

  it('copied from one version onto another version of the same secret fail to decrypt', async () => {
    const one = value('version-one');
    const two = value('version-two');
    await setSecret('SWAP_VERSION', one);
    await setSecret('SWAP_VERSION', two);
    const v1 = await versionRow(owner, orgId, 'SWAP_VERSION', 1);
    const v2 = await versionRow(owner, orgId, 'SWAP_VERSION', 2);
    const { id: _v1, ...blobsOfV1 } = v1;
    const { id: _v2, ...blobsOfV2 } = v2;

    await withTampered(v2, blobsOfV1, async () => {
      const response = await reveal('SWAP_VERSION');
      expectCleanError(response, 500, [one, two]);
      expect(response.body.message).toMatch(/version 2\b/);
      expect((await reveal('SWAP_VERSION', '&version=1')).body.data.value).toBe(one);
    });
    await withTampered(v1, blobsOfV2, async () => {
      const response = await reveal('SWAP_VERSION', '&version=1');
      expectCleanError(response, 500, [one, two]);
      expect(response.body.message).toMatch(/version 1\b/);
    });
  });

  it("copied from another organisation's secret fail to decrypt instead of leaking across tenants", async () => {
    const other = await seedOrg(platform, { org: 'swap-victim', project: 'api', envs: ['development'] });
    const theirs = value('their-value');
    const ours = value('our-value');
    await setSecret('CROSS_TENANT', theirs, '/orgs/swap-victim/projects/api/envs/development', other.api);
    await setSecret('CROSS_TENANT', ours);
    const theirRow = await versionRow(owner, other.org.id, 'CROSS_TENANT', 1);
    const ourRow = await versionRow(owner, orgId, 'CROSS_TENANT', 1);
    const { id: _id, ...theirBlobs } = theirRow;

    // Their blobs together with their KEK reference, and their blobs under our KEK reference.
    const edits = [theirBlobs, { ciphertext: theirRow.ciphertext, wrapped_dek: theirRow.wrapped_dek }];
    for (const edit of edits) {
      await withTampered(ourRow, edit, async () => {
        const response = await reveal('CROSS_TENANT');
        expectCleanError(response, 500, [theirs, ours]);
        expect(response.body.message).toContain(`'CROSS_TENANT'`);
      });
    }
    expect((await reveal('CROSS_TENANT')).body.data.value).toBe(ours);
  });
});
