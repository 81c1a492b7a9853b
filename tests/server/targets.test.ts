import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAuthClient, createHealthClient, createSecretClient, unary } from '@coffer/grpc';
import { connectAsOwner, createTestDatabase, TEST_REDIS_URL, type TestDatabase } from '@coffer/test-kit/postgres';
import { codeOf } from '@coffer/test-kit/grpc';
import {
  freePort,
  isListening,
  killAllServers,
  makeTempDir,
  principalKeyEnv,
  serviceKeyEnv,
  removeTempDirs,
  runServer,
  spawnServer,
  waitForGrpcServing,
  type ServerProcess,
} from '@coffer/test-kit/server-process';

const TARGETS = ['all', 'gateway', 'auth', 'secret', 'audit', 'migrate'];
const PLATFORM_TABLES = ['platform_state', 'organizations', 'projects', 'environments', 'secrets', 'secret_versions', 'kms_keys', 'api_tokens', 'audit_logs'];

const databases: TestDatabase[] = [];
async function freshDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  databases.push(database);
  return database;
}

afterEach(async () => {
  await killAllServers();
});
afterAll(async () => {
  await killAllServers();
  await Promise.all(databases.map((database) => database.drop()));
  await removeTempDirs();
});

describe('target selection', { timeout: 60_000 }, () => {
  it('--list-targets prints every selectable target with its dependencies and exits 0', async () => {
    const result = await runServer(['--list-targets'], { COFFER_DATA_DIR: await makeTempDir() });
    expect(result, result.output).toMatchObject({ code: 0, signal: null });
    const listed = Object.fromEntries(
      [...result.stdout.matchAll(/^(\S+)\s+depends on: (.*)$/gm)].map(([, name, deps]) => [name, deps!.trim() === '-' ? [] : deps!.split(/,\s*/).sort()]),
    );
    expect(Object.keys(listed).sort()).toEqual([...TARGETS].sort());
    expect(listed).toEqual({
      all: ['audit', 'auth', 'first-run', 'gateway', 'secret'],
      gateway: ['kv', 'service-signing'],
      auth: ['database', 'kv', 'principal-signing', 'principal-verification', 'service-verification'],
      secret: ['database', 'kms', 'kv', 'principal-verification'],
      audit: ['database', 'kv', 'principal-verification', 'service-verification'],
      // Reads the database settings but opens no app connection: it migrates through its own.
      migrate: [],
    });
    // Infrastructure modules are dependencies, not targets.
    expect(result.stdout).not.toMatch(/^(database|kv|kms|first-run|principal-\w+|service-\w+)\s+depends on/m);
  });

  it('--targets=bogus exits non-zero, names bogus and lists the valid targets', async () => {
    const result = await runServer(['--targets=bogus'], { COFFER_DATA_DIR: await makeTempDir() });
    expect(result.code, result.output).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stderr).toContain('bogus');
    for (const target of TARGETS) expect(result.stderr).toMatch(new RegExp(`\\b${target}\\b`));
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a valid target mixed with an unknown one is refused too', async () => {
    const result = await runServer(['--targets=secret,secrets'], { COFFER_DATA_DIR: await makeTempDir() });
    expect(result.code, result.output).not.toBe(0);
    expect(result.stderr).toMatch(/\bsecrets\b/);
  });

  it('migrate on a fresh PostgreSQL database creates the schema and exits 0, and is idempotent', async () => {
    const database = await freshDatabase();
    const dataDir = await makeTempDir();
    const result = await runServer(['migrate'], { DATABASE_URL: database.url, COFFER_DATA_DIR: dataDir });
    expect(result, result.output).toMatchObject({ code: 0, signal: null });
    expect(result.stdout).toContain('migrations applied');

    const owner = await connectAsOwner(database.url);
    try {
      const { rows } = await owner.query<{ table_name: string }>(`select table_name from information_schema.tables where table_schema = 'public'`);
      const tables = rows.map((row) => row.table_name);
      for (const table of [...PLATFORM_TABLES, 'knex_migrations']) expect(tables, table).toContain(table);
      const migrations = await owner.query('select name from knex_migrations');
      expect(migrations.rowCount).toBeGreaterThan(0);
      // Nothing was bootstrapped: migrate only migrates.
      expect((await owner.query('select count(*)::int as n from platform_state')).rows[0].n).toBe(0);
    } finally {
      await owner.end();
    }
    // With DATABASE_URL nothing is written to the data directory (no PGlite, no master key).
    expect(await readdir(dataDir)).toEqual([]);

    const again = await runServer(['migrate'], { DATABASE_URL: database.url, COFFER_DATA_DIR: dataDir });
    expect(again, again.output).toMatchObject({ code: 0, signal: null });
    expect(again.stdout).toContain('already up to date');
  });
});

describe('one service per process', { timeout: 60_000 }, () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await freshDatabase();
    const migrated = await runServer(['migrate'], { DATABASE_URL: database.url, COFFER_DATA_DIR: await makeTempDir() });
    expect(migrated.code, migrated.output).toBe(0);
  });

  async function startTarget(
    target: string,
    env: Record<string, string> = {},
  ): Promise<{ proc: ServerProcess; address: string; httpPort: number; dataDir: string }> {
    const [grpcPort, httpPort] = [await freePort(), await freePort()];
    const dataDir = await makeTempDir();
    const proc = spawnServer([`--targets=${target}`], {
      DATABASE_URL: database.url,
      COFFER_DATA_DIR: dataDir,
      COFFER_GRPC_PORT: String(grpcPort),
      COFFER_HTTP_PORT: String(httpPort),
      ...env,
    });
    const address = `127.0.0.1:${grpcPort}`;
    await waitForGrpcServing(proc, address);
    return { proc, address, httpPort, dataDir };
  }

  it('--targets=secret serves SecretService only, on COFFER_GRPC_PORT, and no HTTP', async () => {
    const { proc, address, httpPort, dataDir } = await startTarget('secret', {
      COFFER_MASTER_KEY: randomBytes(32).toString('hex'),
      COFFER_PRINCIPAL_VERIFY_KEY: principalKeyEnv().COFFER_PRINCIPAL_VERIFY_KEY,
    });
    expect(proc.stdout()).toContain(`"address":"${address}"`);

    const health = createHealthClient(address);
    const auth = createAuthClient(address);
    const secret = createSecretClient(address);
    const ctx = { ctx: { requestId: 'test-single-target' }, deadlineMs: 3_000 };
    try {
      expect(await unary(health, 'Check', { service: 'coffer.v1.SecretService' }, ctx)).toEqual({ status: 'SERVING' });
      expect(await unary(health, 'Check', { service: '' }, ctx)).toEqual({ status: 'SERVING' });
      expect(await codeOf(unary(health, 'Check', { service: 'coffer.v1.AuthService' }, ctx))).toBe('NOT_FOUND');
      expect(await codeOf(unary(health, 'Check', { service: 'coffer.v1.AuditService' }, ctx))).toBe('NOT_FOUND');
      expect(await codeOf(unary(auth, 'Authenticate', { token: 'coffer_not_a_real_token' }, ctx))).toBe('UNIMPLEMENTED');
      // The Secret service itself is there and answers (without a principal: refused, not unimplemented).
      const own = await codeOf(unary(secret, 'ListSecrets', { scope: { project: 'default', environment: 'development' }, includeDeleted: false }, ctx));
      expect(own).not.toBe('UNIMPLEMENTED');
      expect(own).not.toBe('UNAVAILABLE');
    } finally {
      for (const client of [health, auth, secret]) client.close();
    }

    expect(await isListening(httpPort)).toBe(false);
    expect(proc.stdout()).not.toContain('gateway listening');
    // The master key came from the environment: nothing generated, no embedded database.
    expect(await readdir(dataDir)).toEqual([]);

    const exit = await proc.stop('SIGTERM');
    expect(exit, proc.output()).toEqual({ code: 0, signal: null });
  });

  it('--targets=auth serves AuthService only, and no HTTP', async () => {
    const { proc, address, httpPort } = await startTarget('auth', {
      REDIS_URL: TEST_REDIS_URL,
      COFFER_AUTH_KEY: randomBytes(32).toString('hex'),
      COFFER_PRINCIPAL_SIGNING_KEY: principalKeyEnv().COFFER_PRINCIPAL_SIGNING_KEY,
      COFFER_SERVICE_VERIFY_KEY: serviceKeyEnv().COFFER_SERVICE_VERIFY_KEY,
    });
    const health = createHealthClient(address);
    const auth = createAuthClient(address);
    const secret = createSecretClient(address);
    const ctx = { ctx: { requestId: 'test-single-target' }, deadlineMs: 3_000 };
    try {
      expect(await unary(health, 'Check', { service: 'coffer.v1.AuthService' }, ctx)).toEqual({ status: 'SERVING' });
      expect(await codeOf(unary(health, 'Check', { service: 'coffer.v1.SecretService' }, ctx))).toBe('NOT_FOUND');
      expect(
        await codeOf(unary(secret, 'GetSecret', { scope: { project: 'default', environment: 'development' }, key: 'X', reveal: true, version: 0 }, ctx)),
      ).toBe('UNIMPLEMENTED');
      expect(await codeOf(unary(auth, 'Authenticate', { token: 'coffer_not_a_real_token' }, ctx))).toBe('UNAUTHENTICATED');
    } finally {
      for (const client of [health, auth, secret]) client.close();
    }
    expect(await isListening(httpPort)).toBe(false);

    const exit = await proc.stop('SIGTERM');
    expect(exit, proc.output()).toEqual({ code: 0, signal: null });
  });
});
