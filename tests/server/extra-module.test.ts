import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@coffer/test-kit/postgres';
import { killAllServers, makeTempDir, removeTempDirs, runServer, spawnServer } from '@coffer/test-kit/server-process';

/** coffer-server's runner over its own modules plus tests/server/fixtures/heartbeat-module.ts. */
const EXTRA_SERVER = fileURLToPath(new URL('./fixtures/extra-server.js', import.meta.url));

let database: TestDatabase;
/** The heartbeat's dependency, the database module, on a real PostgreSQL database (faster to open than a fresh PGlite). */
const on = async (env: Record<string, string> = {}) => ({
  DATABASE_URL: database.appUrl,
  DATABASE_OWNER_URL: database.url,
  COFFER_DATA_DIR: await makeTempDir(),
  ...env,
});

beforeAll(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await killAllServers();
});
afterAll(async () => {
  await removeTempDirs();
  await database?.drop();
});

describe('a module added with one file and one list entry', { timeout: 60_000 }, () => {
  it('is a target: listed with its dependencies, and accepted by --targets', async () => {
    const listed = await runServer(['--list-targets'], { COFFER_DATA_DIR: await makeTempDir() }, 45_000, EXTRA_SERVER);
    expect(listed.code, listed.output).toBe(0);
    expect(listed.stdout).toMatch(/^heartbeat\s+depends on: database$/m);
    const bogus = await runServer(['--targets=heartbeats'], { COFFER_DATA_DIR: await makeTempDir() }, 45_000, EXTRA_SERVER);
    expect(bogus.stderr).toMatch(/valid targets: .*\bheartbeat\b/);
  });

  it('has its settings validated with everyone else’s, every problem at once, before anything starts', async () => {
    const dataDir = await makeTempDir();
    const result = await runServer(
      ['--targets=heartbeat'],
      { COFFER_DATA_DIR: dataDir, COFFER_HEARTBEAT_MS: '5', COFFER_DB_POOL_MAX: '0' },
      45_000,
      EXTRA_SERVER,
    );
    expect(result.code, result.output).toBe(2);
    expect(result.stderr).toContain('COFFER_HEARTBEAT_MS: expected an integer from 10 to 60000');
    expect(result.stderr).toContain('COFFER_DB_POOL_MAX: expected an integer from 1 to 1000');
    expect(result.stdout).not.toContain('heartbeat started');
  });

  it('starts after its dependency and stops before it, on SIGTERM', async () => {
    const proc = spawnServer(['--targets=heartbeat'], await on({ COFFER_LOG_LEVEL: 'debug' }), EXTRA_SERVER);
    await proc.waitForOutput(/"beats":2/);
    expect(await proc.stop('SIGTERM'), proc.output()).toEqual({ code: 0, signal: null });
    const events = proc
      .stdout()
      .split('\n')
      .filter((line) => /"msg":"module (started|stopped)"/.test(line))
      .map((line) => {
        const { module, msg } = JSON.parse(line) as { module: string; msg: string };
        return `${msg.slice('module '.length)} ${module}`;
      });
    expect(events).toEqual(['started database', 'started heartbeat', 'stopped heartbeat', 'stopped database']);
    expect(proc.stdout()).not.toMatch(/module failed to stop cleanly/);
  });

  it('stops the whole process when it fails after start: non-zero exit, one clear log line', async () => {
    const proc = spawnServer(['--targets=heartbeat'], await on({ COFFER_HEARTBEAT_FAIL_AFTER_MS: '300' }), EXTRA_SERVER);
    const exit = await proc.waitForExit(30_000);
    expect(exit.code, proc.output()).toBe(1);
    const failures = proc
      .stdout()
      .split('\n')
      .filter((line) => line.includes('failed; stopping'));
    expect(failures, proc.output()).toHaveLength(1);
    expect(failures[0]).toContain('"msg":"module heartbeat failed; stopping"');
    expect(failures[0]).toContain('heartbeat lost its database');
    expect(proc.stdout()).toContain('"msg":"heartbeat stopped"');
  });
});
