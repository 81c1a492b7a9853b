import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { expectError, expectOk, scopePath } from '@coffer/test-kit/api-assertions';
import { seedOrg, usePlatform } from '@coffer/test-kit/fixtures';
import { apiClient, type Api } from '@coffer/test-kit/platform';

const platform = usePlatform();
let api: Api;
const scope = scopePath('acme', 'api', 'development');

beforeAll(async () => {
  ({ api } = await seedOrg(platform, { org: 'acme', project: 'api' }));
});

const withKey = (key: string) => ({ 'idempotency-key': key });

async function versions(key: string): Promise<number[]> {
  return expectOk(await api('GET', `${scope}/secrets/${key}/history`)).versions.map((v: { version: number }) => v.version);
}

it('replays the first answer to the same key and payload, with Idempotent-Replayed, and writes once', async () => {
  const key = randomUUID();
  const body = { value: 'idem-value-1', description: 'first' };
  const first = await api('POST', `${scope}/secrets/IDEM_CREATE`, { body, headers: withKey(key) });
  expectOk(first, 201);
  expect(first.headers.get('idempotent-replayed')).toBeNull();

  for (let i = 0; i < 3; i++) {
    const again = await api('POST', `${scope}/secrets/IDEM_CREATE`, { body, headers: withKey(key) });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  }
  expect(await versions('IDEM_CREATE')).toEqual([1]);

  // An update replays its 200 the same way.
  const updateKey = randomUUID();
  const update = await api('POST', `${scope}/secrets/IDEM_CREATE`, { body: { value: 'idem-value-2' }, headers: withKey(updateKey) });
  expect(expectOk(update).version).toBe(2);
  const replay = await api('POST', `${scope}/secrets/IDEM_CREATE`, { body: { value: 'idem-value-2' }, headers: withKey(updateKey) });
  expect(replay.status).toBe(200);
  expect(replay.body).toEqual(update.body);
  expect(replay.headers.get('idempotent-replayed')).toBe('true');
  expect(await versions('IDEM_CREATE')).toEqual([2, 1]);
});

it('answers 409 to the same key with a different payload or target, and writes nothing', async () => {
  const key = randomUUID();
  expectOk(await api('POST', `${scope}/secrets/IDEM_CONFLICT`, { body: { value: 'original' }, headers: withKey(key) }), 201);

  const otherValue = await api('POST', `${scope}/secrets/IDEM_CONFLICT`, { body: { value: 'second-payload-5e1' }, headers: withKey(key) });
  expectError(otherValue, 409);
  expect(otherValue.headers.get('idempotent-replayed')).toBeNull();
  expect(JSON.stringify(otherValue.body)).not.toContain('second-payload-5e1');
  expectError(await api('POST', `${scope}/secrets/IDEM_OTHER_KEY`, { body: { value: 'original' }, headers: withKey(key) }), 409);
  expectError(await api('DELETE', `${scope}/secrets/IDEM_CONFLICT`, { headers: withKey(key) }), 409);

  expect(await versions('IDEM_CONFLICT')).toEqual([1]);
  expect(expectOk(await api('GET', `${scope}/secrets/IDEM_CONFLICT?reveal=true`)).value).toBe('original');
  expectError(await api('GET', `${scope}/secrets/IDEM_OTHER_KEY`), 404);
});

it('treats the same payload with its fields in another order as the same request', async () => {
  const key = randomUUID();
  const first = await api('POST', `${scope}/secrets/IDEM_ORDER`, { rawBody: '{"value":"v","description":"d"}', headers: withKey(key) });
  expectOk(first, 201);
  const reordered = await api('POST', `${scope}/secrets/IDEM_ORDER`, { rawBody: '{"description":"d","value":"v"}', headers: withKey(key) });
  expect(reordered.status).toBe(201);
  expect(reordered.headers.get('idempotent-replayed')).toBe('true');
  expect(await versions('IDEM_ORDER')).toEqual([1]);
});

it('writes a separate version for each different key', async () => {
  const body = { value: 'same-payload' };
  const answers = [];
  for (let i = 0; i < 3; i++) answers.push(await api('POST', `${scope}/secrets/IDEM_DISTINCT`, { body, headers: withKey(randomUUID()) }));
  expect(answers.map((answer) => answer.status)).toEqual([201, 200, 200]);
  expect(answers.map((answer) => answer.body.data.version)).toEqual([1, 2, 3]);
  for (const answer of answers) expect(answer.headers.get('idempotent-replayed')).toBeNull();
  expect(await versions('IDEM_DISTINCT')).toEqual([3, 2, 1]);
});

it('keeps keys per token: another token using the same key is not replayed', async () => {
  const key = randomUUID();
  const writer = expectOk(await api('POST', '/orgs/acme/tokens', { body: { name: 'writer', permissions: ['create', 'update', 'read'] } }), 201);
  const writerApi = apiClient(platform.baseUrl, writer.token);
  expectOk(await api('POST', `${scope}/secrets/IDEM_PER_TOKEN`, { body: { value: 'a' }, headers: withKey(key) }), 201);
  const other = await writerApi('POST', `${scope}/secrets/IDEM_PER_TOKEN`, { body: { value: 'a' }, headers: withKey(key) });
  expect(expectOk(other).version).toBe(2);
  expect(other.headers.get('idempotent-replayed')).toBeNull();
});

it('writes once when the same request is retried concurrently', async () => {
  const key = randomUUID();
  const answers = await Promise.all(
    Array.from({ length: 6 }, () => api('POST', `${scope}/secrets/IDEM_RACE`, { body: { value: 'raced' }, headers: withKey(key) })),
  );
  // One does the write; the others see it in progress (409, retry) or replay it.
  expect(answers.filter((answer) => answer.status === 201 && answer.headers.get('idempotent-replayed') === null)).toHaveLength(1);
  for (const answer of answers) expect([201, 409]).toContain(answer.status);
  expect(await versions('IDEM_RACE')).toEqual([1]);
  const settled = await api('POST', `${scope}/secrets/IDEM_RACE`, { body: { value: 'raced' }, headers: withKey(key) });
  expect(settled.status).toBe(201);
  expect(settled.headers.get('idempotent-replayed')).toBe('true');
});

it('replays deletes, restores and rollbacks without repeating them', async () => {
  expectOk(await api('POST', `${scope}/secrets/IDEM_OPS`, { body: { value: 'one' } }), 201);
  expectOk(await api('POST', `${scope}/secrets/IDEM_OPS`, { body: { value: 'two' } }), 200);

  const rollbackKey = randomUUID();
  const rolled = await api('POST', `${scope}/secrets/IDEM_OPS/rollback`, { body: { version: 1 }, headers: withKey(rollbackKey) });
  expect(expectOk(rolled).version).toBe(3);
  const rolledAgain = await api('POST', `${scope}/secrets/IDEM_OPS/rollback`, { body: { version: 1 }, headers: withKey(rollbackKey) });
  expect(rolledAgain.body).toEqual(rolled.body);
  expect(rolledAgain.headers.get('idempotent-replayed')).toBe('true');
  expect(await versions('IDEM_OPS')).toEqual([3, 2, 1]);

  const deleteKey = randomUUID();
  const deleted = await api('DELETE', `${scope}/secrets/IDEM_OPS`, { headers: withKey(deleteKey) });
  expectOk(deleted);
  // Without the key a second delete would be a 404; with it, the first answer comes back.
  const deletedAgain = await api('DELETE', `${scope}/secrets/IDEM_OPS`, { headers: withKey(deleteKey) });
  expect(deletedAgain.status).toBe(200);
  expect(deletedAgain.body).toEqual(deleted.body);
  expect(deletedAgain.headers.get('idempotent-replayed')).toBe('true');
});

it('refuses a malformed Idempotency-Key with 400 and writes nothing', async () => {
  for (const bad of ['has space', 'x'.repeat(256), 'slash/and?query', '']) {
    expectError(await api('POST', `${scope}/secrets/IDEM_BAD_KEY`, { body: { value: 'x' }, headers: withKey(bad) }), 400, 'Idempotency-Key');
  }
  expectError(await api('GET', `${scope}/secrets/IDEM_BAD_KEY`), 404);
});
