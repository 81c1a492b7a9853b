/**
 * A caller with create and update and without read (a CI job that rotates a value) learns
 * nothing about what the environment holds: not whether a key exists, not its version, not its type,
 * whether it writes, conflicts, is refused or asks about a key by name. Every probe below is made on
 * a key that exists and on one that does not, and the two answers must be the same.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectOk, scopePath, tableCounts } from '@coffer/test-kit/api-assertions';
import { seedOrg, usePlatform } from '@coffer/test-kit/fixtures';
import { apiClient, type Api, type ApiResponse } from '@coffer/test-kit/platform';

const platform = usePlatform();
let admin: Api;
let writer: Api;
const scope = scopePath('acme', 'api', 'development');

beforeAll(async () => {
  ({ api: admin } = await seedOrg(platform, { org: 'acme', project: 'api' }));
  const issued = expectOk(await admin('POST', '/orgs/acme/tokens', { body: { name: 'ci-writer', permissions: ['create', 'update'] } }), 201);
  writer = apiClient(platform.baseUrl, issued.token);
});

let counter = 0;
/** A key the writer has never seen, stored by the admin as `type` with `value` (three versions, so a version would show), and a key that does not exist. */
async function storedAndMissing(type: string, value: string): Promise<[string, string]> {
  counter++;
  const stored = `STORED_${counter}`;
  for (let i = 0; i < 3; i++)
    expectOk(await admin('POST', `${scope}/secrets/${stored}`, { body: { value, type, description: 'set by an admin' } }), i === 0 ? 201 : 200);
  return [stored, `MISSING_${counter}`];
}

/** What a caller can compare of two answers: status and body, with the key names made equal. */
function observable(response: ApiResponse, key: string): unknown {
  return { status: response.status, body: JSON.parse(JSON.stringify(response.body).replaceAll(key, 'KEY')) };
}

async function expectSameAnswer(request: (key: string) => Promise<ApiResponse>, stored: string, missing: string): Promise<ApiResponse> {
  const onStored = await request(stored);
  const onMissing = await request(missing);
  expect(observable(onStored, stored)).toEqual(observable(onMissing, missing));
  return onStored;
}

describe('a write by a caller without read', () => {
  it('is answered 200 with the key alone, the same for a key that existed and one that did not', async () => {
    const [stored, missing] = await storedAndMissing('text', 'old-value');
    const answer = await expectSameAnswer((key) => writer('POST', `${scope}/secrets/${key}`, { body: { value: 'rotated' } }), stored, missing);
    expect(expectOk(answer)).toEqual({ key: stored });
    // It was written: the admin sees a fourth version of the stored key and a first of the other.
    expect(expectOk(await admin('GET', `${scope}/secrets/${stored}?reveal=true`))).toMatchObject({
      version: 4,
      value: 'rotated',
      description: 'set by an admin',
    });
    expect(expectOk(await admin('GET', `${scope}/secrets/${missing}?reveal=true`))).toMatchObject({ version: 1, value: 'rotated', type: 'text' });
  });

  it('is never refused for the stored type it was not told: a value that does not fit it is written as text', async () => {
    const [stored, missing] = await storedAndMissing('json', '{"a":1}');
    await expectSameAnswer((key) => writer('POST', `${scope}/secrets/${key}`, { body: { value: 'not json at all' } }), stored, missing);
    expect(expectOk(await admin('GET', `${scope}/secrets/${stored}`))).toMatchObject({ version: 4, type: 'text' });

    // A value that fits keeps the stored type.
    const [port] = await storedAndMissing('integer', '8080');
    expectOk(await writer('POST', `${scope}/secrets/${port}`, { body: { value: '9090' } }));
    expect(expectOk(await admin('GET', `${scope}/secrets/${port}`))).toMatchObject({ version: 4, type: 'integer' });
  });

  it('is refused the same way for a type it gave, and writes nothing', async () => {
    const [stored, missing] = await storedAndMissing('integer', '8080');
    const before = await tableCounts(platform.database.url);
    const refused = await expectSameAnswer((key) => writer('POST', `${scope}/secrets/${key}`, { body: { value: 'eighty', type: 'integer' } }), stored, missing);
    expectError(refused, 400, 'value');
    expect(await tableCounts(platform.database.url)).toEqual(before);
  });

  it('cannot check-and-set: expectedVersion needs read, whatever the key, and nothing is written', async () => {
    const [stored, missing] = await storedAndMissing('text', 'v');
    const before = await tableCounts(platform.database.url);
    for (const expectedVersion of [0, 3, 7]) {
      const refused = await expectSameAnswer((key) => writer('POST', `${scope}/secrets/${key}`, { body: { value: 'x', expectedVersion } }), stored, missing);
      expectError(refused, 403);
      expect(refused.body.message).toContain('read');
      expect(JSON.stringify(refused.body)).not.toMatch(/version [0-9]/);
    }
    expect(await tableCounts(platform.database.url)).toEqual(before);
  });

  it('pushes entries with writeAll without telling created from updated, or any version', async () => {
    const [stored, missing] = await storedAndMissing('boolean', 'true');
    const answer = await expectSameAnswer(
      (key) => writer('POST', `${scope}/sync/push`, { body: { entries: [{ key, value: 'maybe' }], writeAll: true } }),
      stored,
      missing,
    );
    expect(expectOk(answer)).toEqual({ created: [], updated: [], unchanged: [], errors: [], written: [{ key: stored, version: 0 }] });
    expect(expectOk(await admin('GET', `${scope}/secrets/${stored}?reveal=true`))).toMatchObject({ version: 4, type: 'text', value: 'maybe' });
  });

  it('is answered 403 for anything that acts on a stored secret by name, the same for one that exists and one that does not', async () => {
    const [stored, missing] = await storedAndMissing('text', 'v');
    const before = await tableCounts(platform.database.url);
    const probes: [string, (key: string) => Promise<ApiResponse>][] = [
      ['read', (key) => writer('GET', `${scope}/secrets/${key}`)],
      ['history', (key) => writer('GET', `${scope}/secrets/${key}/history`)],
      ['diff', (key) => writer('GET', `${scope}/secrets/${key}/diff?from=1&to=2`)],
      ['restore', (key) => writer('POST', `${scope}/secrets/${key}/restore`)],
      ['rollback', (key) => writer('POST', `${scope}/secrets/${key}/rollback`, { body: { version: 1 } })],
      ['dry run', (key) => writer('POST', `${scope}/sync/push`, { body: { entries: [{ key, value: 'v' }], writeAll: true, dryRun: true } })],
      ['compare', (key) => writer('POST', `${scope}/sync/push`, { body: { entries: [{ key, value: 'v' }] } })],
    ];
    for (const [what, probe] of probes) {
      const refused = await expectSameAnswer(probe, stored, missing);
      expect(refused.status, what).toBe(403);
      expectError(refused, 403);
    }
    expect(await tableCounts(platform.database.url)).toEqual(before);
  });
});

describe('deleting, restoring and purging by name', () => {
  it('need read besides their own permission, so a missing key and a stored one answer alike', async () => {
    const [stored, missing] = await storedAndMissing('text', 'v');
    const deleter = apiClient(
      platform.baseUrl,
      expectOk(await admin('POST', '/orgs/acme/tokens', { body: { name: 'deleter', permissions: ['delete', 'purge'] } }), 201).token,
    );
    const before = await tableCounts(platform.database.url);
    for (const probe of [
      (key: string) => deleter('DELETE', `${scope}/secrets/${key}`),
      (key: string) => deleter('DELETE', `${scope}/secrets/${key}/permanent`),
    ]) {
      const refused = await expectSameAnswer(probe, stored, missing);
      expectError(refused, 403);
      expect(refused.body.message).toContain('read');
    }
    expect(await tableCounts(platform.database.url)).toEqual(before);
  });
});
