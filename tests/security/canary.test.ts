/**
 * A canary value is written as a secret of every type it fits and pushed through every path that
 * handles values. Afterwards it must not be found at rest anywhere the platform writes — the
 * database (as `pg_dump` sees it, idempotency records included), the logs, Redis — not as is, not
 * base64, not hex. Tokens likewise must never reach a log line, an idempotency record or Redis.
 */
import { execFile } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import type pg from 'pg';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAsOwner, TEST_REDIS_URL } from '@coffer/test-kit/postgres';
import { seedOrg, usePlatform } from '@coffer/test-kit/fixtures';
import type { Api, ApiResponse } from '@coffer/test-kit/platform';
import { canary, leaksIn, redisDump } from '@coffer/test-kit/security';

const run = promisify(execFile);
const SCOPE = '/orgs/acme/projects/api/envs/development';
/** What the gateway derives an idempotency fingerprint's key from the token with (gateway/src/authenticate.ts). */
const FINGERPRINT_KEY_LABEL = 'coffer.idempotency-fingerprint.v1';
const PG_DUMP = ['/usr/bin/pg_dump', '/usr/local/bin/pg_dump', '/usr/lib/postgresql/15/bin/pg_dump'].find((path) => existsSync(path)) ?? 'pg_dump';

const platform = usePlatform();
let api: Api;
let owner: pg.Client;
const CANARY = canary();
const tokens: string[] = [];

/** The secrets written, one per type the canary fits, each with the canary somewhere in its value. */
const SECRETS: Array<{ key: string; type: string; value: string }> = [
  { key: 'CANARY_TEXT', type: 'text', value: CANARY },
  { key: 'CANARY_PASSWORD', type: 'password', value: CANARY },
  { key: 'CANARY_JSON', type: 'json', value: JSON.stringify({ password: CANARY, nested: [CANARY] }) },
  { key: 'CANARY_YAML', type: 'yaml', value: `database:\n  password: ${CANARY}\n` },
  { key: 'CANARY_MULTILINE', type: 'text', value: `-----BEGIN KEY-----\n${CANARY}\n-----END KEY-----\n` },
];

async function ok(response: Promise<ApiResponse>, expected?: number): Promise<ApiResponse> {
  const r = await response;
  if (expected === undefined) expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
  else expect(r.status, JSON.stringify(r.body)).toBe(expected);
  return r;
}

beforeAll(async () => {
  const boot = await seedOrg(platform, { org: 'acme', project: 'api' });
  api = boot.api;
  tokens.push(boot.token);
  const extra = await ok(api('POST', '/orgs/acme/tokens', { body: { name: 'ci', permissions: ['read', 'reveal', 'export'] } }), 201);
  tokens.push(extra.body.data.token as string);
  const org = await ok(api('POST', '/orgs', { body: { slug: 'second' } }), 201);
  tokens.push(org.body.data.token.token as string);

  // Every path a value travels: create (with an Idempotency-Key, then replayed), update, reveal,
  // reveal by version, history, diff with values, rollback, delete/restore, inject.
  for (const { key, type, value } of SECRETS) {
    const headers = { 'Idempotency-Key': `create-${key}` };
    await ok(api('POST', `${SCOPE}/secrets/${key}`, { body: { value, type }, headers }), 201);
    await ok(api('POST', `${SCOPE}/secrets/${key}`, { body: { value, type }, headers }), 201);
    await ok(
      api('POST', `${SCOPE}/secrets/${key}`, { body: { value: type === 'json' ? '{}' : 'rotated', type }, headers: { 'Idempotency-Key': `update-${key}` } }),
    );
    expect((await ok(api('GET', `${SCOPE}/secrets/${key}?reveal=true&version=1`))).body).toMatchObject({ data: { value } });
    await ok(api('GET', `${SCOPE}/secrets/${key}/history`));
    await ok(api('GET', `${SCOPE}/secrets/${key}/diff?from=1&to=2&reveal=true`));
    await ok(api('POST', `${SCOPE}/secrets/${key}/rollback`, { body: { version: 1 }, headers: { 'Idempotency-Key': `rollback-${key}` } }));
    await ok(api('DELETE', `${SCOPE}/secrets/${key}`, { headers: { 'Idempotency-Key': `delete-${key}` } }));
    await ok(api('POST', `${SCOPE}/secrets/${key}/restore`));
    expect((await ok(api('GET', `${SCOPE}/secrets/${key}?reveal=true`))).body).toMatchObject({ data: { value } });
  }
  // A dangerous name the injector withholds, and requests that fail with the canary in them.
  await ok(api('POST', `${SCOPE}/secrets/LD_PRELOAD`, { body: { value: CANARY } }), 201);
  const injected = await ok(api('POST', `${SCOPE}/inject`));
  expect(injected.body.data.values.CANARY_TEXT).toBe(CANARY);
  await ok(api('POST', `${SCOPE}/secrets/CANARY_INT`, { body: { value: CANARY, type: 'integer' } }), 400);
  await ok(api('POST', `${SCOPE}/secrets/CANARY_BOOL`, { body: { value: CANARY, type: 'boolean' } }), 400);
  await ok(api('POST', `${SCOPE}/secrets/CANARY_UNKNOWN_FIELD`, { body: { value: CANARY, extra: CANARY } }), 400);
  await api('POST', `${SCOPE}/secrets/CANARY_NUL`, { body: { value: CANARY, description: 'nul \u0000 byte' } });
  await api('POST', `${SCOPE}/secrets/not-a-valid-key`, { body: { value: CANARY } });
  await api('POST', `${SCOPE}/secrets/CANARY_BAD_JSON`, { rawBody: `{"value":"${CANARY}",` });

  owner = await connectAsOwner(platform.database.url);
  // Let the audit batch land, so the dump includes the audit trail too.
  await new Promise((resolve) => setTimeout(resolve, 300));
}, 60_000);

afterAll(async () => {
  await owner?.end();
});

describe('the canary', () => {
  it('is nowhere in a pg_dump of the database, in any encoding', async () => {
    const { stdout: dump } = await run(PG_DUMP, ['--no-owner', '--dbname', platform.database.url], { maxBuffer: 256 * 1024 * 1024 });
    // The dump really holds the data: every key name and every stored ciphertext are in it.
    for (const { key } of SECRETS) expect(dump).toContain(key);
    const { rows } = await owner.query<{ ciphertext: string }>('select ciphertext from secret_versions');
    expect(rows.length).toBeGreaterThanOrEqual(SECRETS.length * 3);
    for (const { ciphertext } of rows) expect(dump).toContain(ciphertext);
    expect(dump).toMatch(/COPY public\.audit_logs/);

    expect(leaksIn(dump, [CANARY])).toEqual([]);
    expect(leaksIn(dump, tokens)).toEqual([]);
  });

  it('is in no log line, and neither is any token', async () => {
    const logs = platform.logs();
    expect(logs).toMatch(/"msg":"request"/);
    expect(leaksIn(logs, [CANARY])).toEqual([]);
    expect(leaksIn(logs, tokens)).toEqual([]);
  });

  it("is in no Redis key or value under the platform's prefix, and neither is any token", async () => {
    // A key put under the prefix is in the dump, so an empty dump means Redis holds nothing there.
    const redis = new Redis(TEST_REDIS_URL);
    const probe = `${platform.kvPrefix}:probe:${randomBytes(4).toString('hex')}`;
    try {
      await redis.set(probe, 'probe', 'PX', 10_000);
      const dump = await redisDump(platform.kvPrefix);
      expect(dump.get(probe)).toBe('probe');
      const everything = [...dump].map(([key, value]) => `${key}\n${value}`).join('\n');
      expect(leaksIn(everything, [CANARY])).toEqual([]);
      expect(leaksIn(everything, tokens)).toEqual([]);
    } finally {
      await redis.del(probe);
      redis.disconnect();
    }
  });

  it('is in no idempotency record, and neither is any token', async () => {
    const { rows } = await owner.query<Record<string, unknown>>('select * from idempotency_records');
    // The records of the writes above are there, so this looked at real data.
    const keys = rows.map((row) => row.key);
    for (const { key } of SECRETS) expect(keys).toEqual(expect.arrayContaining([`create-${key}`, `update-${key}`, `rollback-${key}`, `delete-${key}`]));
    expect(rows.every((row) => row.reply !== null)).toBe(true);
    const everything = JSON.stringify(rows);
    expect(leaksIn(everything, [CANARY])).toEqual([]);
    expect(leaksIn(everything, tokens)).toEqual([]);
  });
});

describe('an idempotency record', () => {
  it('does not let someone who reads the database confirm a guessed secret value', async () => {
    // A low-entropy secret (a 4-digit PIN) written with an Idempotency-Key, as a CLI retry would.
    const pin = String(1000 + Math.floor(Math.random() * 9000));
    const path = `${SCOPE}/secrets/DOOR_PIN`;
    await ok(api('POST', path, { body: { value: pin, type: 'integer' }, headers: { 'Idempotency-Key': 'pin-write' } }), 201);

    // Everything an attacker with the database has: the record, the stored hash of the token that
    // wrote it, and the URL pattern of the API.
    const { rows } = await owner.query<{ fingerprint: string; token_hash: string }>(
      `select r.fingerprint, t.token_hash from idempotency_records r join api_tokens t on t.id::text = r.token_id where r.key = 'pin-write'`,
    );
    expect(rows).toHaveLength(1);
    const { fingerprint, token_hash: tokenHash } = rows[0]!;
    // Every PIN, fingerprinted the way the gateway does it (method, URL, canonical JSON body) under
    // every key the stored hash yields.
    const request = (guess: number) => `POST\n/api/v1${path}\n${JSON.stringify({ type: 'integer', value: String(guess) })}`;
    const recover = (keys: Buffer[]) => {
      const found: number[] = [];
      for (let guess = 0; guess <= 9999; guess++) {
        const text = request(guess);
        if (keys.some((key) => createHmac('sha256', key).update(text).digest('hex') === fingerprint)) found.push(guess);
      }
      return found;
    };
    const hashAsKeys = [Buffer.from(tokenHash, 'utf8'), Buffer.from(tokenHash, 'hex')];
    const fromHash = hashAsKeys.flatMap((key) => [key, createHmac('sha256', key).update(FINGERPRINT_KEY_LABEL).digest()]);
    expect(recover(fromHash)).toEqual([]);
    // The same search with the token itself finds the PIN: the search is right, only the key is missing.
    expect(recover([createHmac('sha256', tokens[0]!).update(FINGERPRINT_KEY_LABEL).digest()])).toEqual([Number(pin)]);
  });
});
