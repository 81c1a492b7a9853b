import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_REDIS_URL, type TestDatabase } from '@coffer/test-kit/postgres';
import { REPO_ROOT, freePort, killAllServers, makeTempDir, removeTempDirs, runServer, spawnServer, waitForHttp } from '@coffer/test-kit/server-process';

/**
 * The production form of coffer-server: the esbuild bundle of packages/server/scripts/build.mjs,
 * built afresh here and run with plain node (no tsx), on PostgreSQL and Redis and on the embedded
 * default. The bundle resolves its packages from the node_modules above it, so it is built under
 * packages/server/dist as a production build is.
 */

const BUILD_SCRIPT = join(REPO_ROOT, 'packages/server/scripts/build.mjs');
const SCOPE = '/api/v1/orgs/t/projects/p/envs/development';

let outDir: string;
let bundle: string;
let database: TestDatabase | undefined;

async function call(baseUrl: string, method: string, path: string, token?: string, body?: unknown) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { data: any } };
}

beforeAll(async () => {
  const distDir = join(REPO_ROOT, 'packages/server/dist');
  await mkdir(distDir, { recursive: true });
  outDir = await mkdtemp(join(distDir, 'test-'));
  await promisify(execFile)(process.execPath, [BUILD_SCRIPT, '--out', outDir]);
  bundle = join(outDir, 'coffer-server.js');
});

afterAll(async () => {
  await killAllServers();
  await removeTempDirs();
  await database?.drop();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

// Concurrent: the embedded start is the long one, and the others fit in its shadow.
describe.concurrent('the compiled coffer-server', { timeout: 60_000 }, () => {
  it('lists its targets', async () => {
    const listed = await runServer(['--list-targets'], { COFFER_DATA_DIR: await makeTempDir() }, 45_000, bundle);
    expect(listed.code, listed.output).toBe(0);
    expect(listed.stdout).toMatch(/^all\s+depends on: auth, secret, audit, gateway/m);
  });

  it('serves the platform on PostgreSQL and Redis: ready, bootstrap, a secret written and injected', async () => {
    database = await createTestDatabase();
    const port = await freePort();
    const proc = spawnServer(
      [],
      {
        DATABASE_URL: database.url,
        REDIS_URL: TEST_REDIS_URL,
        COFFER_REDIS_PREFIX: `coffer-test:${randomBytes(6).toString('hex')}`,
        COFFER_MASTER_KEY: randomBytes(32).toString('hex'),
        COFFER_AUTH_KEY: randomBytes(32).toString('hex'),
        COFFER_HTTP_PORT: String(port),
        COFFER_DATA_DIR: await makeTempDir(),
      },
      bundle,
    );
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitForHttp(proc, `${baseUrl}/readyz`);

    const boot = await call(baseUrl, 'POST', '/api/v1/bootstrap', undefined, { org: 't', project: 'p' });
    expect(boot.status, proc.output()).toBe(201);
    const token = boot.body.data.token.token as string;
    const value = `compiled-${randomBytes(8).toString('hex')}`;
    const written = await call(baseUrl, 'POST', `${SCOPE}/secrets/COMPILED`, token, { value });
    expect(written.status, JSON.stringify(written.body)).toBe(201);
    const injected = await call(baseUrl, 'POST', `${SCOPE}/inject`, token);
    expect(injected.status, JSON.stringify(injected.body)).toBe(200);
    expect(injected.body.data.values).toEqual({ COMPILED: value });
    // Injects in flight together open their values on the worker thread, which the build emits beside the bundle.
    const together = await Promise.all(Array.from({ length: 8 }, () => call(baseUrl, 'POST', `${SCOPE}/inject`, token)));
    for (const answer of together) expect(answer.body.data.values).toEqual({ COMPILED: value });

    expect((await proc.stop()).code, proc.output()).toBe(0);
  });

  // A fresh PGlite cluster takes most of the time (initdb in wasm), and far longer on a busy machine.
  it('starts on the embedded default (no DATABASE_URL) and answers /readyz', { timeout: 120_000 }, async () => {
    const port = await freePort();
    const proc = spawnServer([], { COFFER_DATA_DIR: await makeTempDir(), COFFER_HTTP_PORT: String(port) }, bundle);
    await waitForHttp(proc, `http://127.0.0.1:${port}/readyz`, { timeoutMs: 100_000 });
    expect((await proc.stop()).code, proc.output()).toBe(0);
  });
});
