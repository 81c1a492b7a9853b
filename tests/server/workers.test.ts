import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { httpCall } from '@coffer/test-kit/http-call';
import { createTestDatabase, TEST_REDIS_URL, type TestDatabase } from '@coffer/test-kit/postgres';
import {
  freePort,
  killAllServers,
  makeTempDir,
  removeTempDirs,
  runServer,
  spawnServer,
  waitForHttp,
  type ServerProcess,
} from '@coffer/test-kit/server-process';

const SCOPE = '/api/v1/orgs/acme/projects/api/envs/production';
const databases: TestDatabase[] = [];

afterEach(async () => {
  await killAllServers();
});
afterAll(async () => {
  await removeTempDirs();
  await Promise.all(databases.map((database) => database.drop()));
});

/** Direct node children of a process, from /proc: the workers of a primary (tsx's esbuild is not one). */
function childrenOf(pid: number): number[] {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return children.filter((child) => readFileSync(`/proc/${child}/comm`, 'utf8').trim() === 'node');
  } catch {
    return [];
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function startCluster(workers: string): Promise<{ proc: ServerProcess; port: number; token: string }> {
  const database = await createTestDatabase();
  databases.push(database);
  const port = await freePort();
  const proc = spawnServer(['--targets=all'], {
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    COFFER_REDIS_PREFIX: `workers-${randomBytes(4).toString('hex')}`,
    COFFER_MASTER_KEY: randomBytes(32).toString('hex'),
    COFFER_AUTH_KEY: randomBytes(32).toString('hex'),
    COFFER_HTTP_PORT: String(port),
    COFFER_WORKERS: workers,
  });
  await waitForHttp(proc, `http://127.0.0.1:${port}/readyz`);
  await proc.waitForOutput(/"msg":"coffer is ready"/, 60_000);
  const boot = await httpCall(port, 'POST', '/api/v1/bootstrap', { body: { org: 'acme', project: 'api' } });
  expect(boot.status).toBe(201);
  const token = (JSON.parse(boot.body) as { data: { token: { token: string } } }).data.token.token;
  return { proc, port, token };
}

/** The pids that logged answering a request (every worker logs its requests at info). */
const answeringPids = (proc: ServerProcess) =>
  new Set(
    proc
      .stdout()
      .split('\n')
      .filter((line) => line.includes('"msg":"request"'))
      .map((line) => (JSON.parse(line) as { pid: number }).pid),
  );

describe('several worker processes on PostgreSQL and Redis', { timeout: 120_000 }, () => {
  it('serves every request from either worker, a principal signed in one verifying in the other, and drains all on SIGTERM', async () => {
    const { proc, port, token } = await startCluster('2');
    const workers = childrenOf(proc.pid);
    expect(workers).toHaveLength(2);
    expect(proc.stdout().match(/"msg":"coffer is ready"/g)).toHaveLength(1);

    for (let i = 0; i < 10; i++) {
      const written = await httpCall(port, 'POST', `${SCOPE}/secrets/KEY_${i}`, { token, body: { value: `value-${i}` } });
      expect(written.status).toBe(201);
    }
    for (let i = 0; i < 10; i++) {
      const injected = await httpCall(port, 'POST', `${SCOPE}/inject`, { token });
      expect(injected.status).toBe(200);
      expect(Object.keys((JSON.parse(injected.body) as { data: { values: object } }).data.values)).toHaveLength(10);
    }
    expect([...answeringPids(proc)].sort()).toEqual([...workers].sort());
    // Whichever worker a scrape reaches, /metrics counts the requests of both.
    for (let i = 0; i < 2; i++) {
      const metrics = await httpCall(port, 'GET', '/metrics');
      expect(metrics.body).toMatch(/coffer_http_requests_total\{method="POST",route="[^"]*inject",status="200"\} 10\n/);
    }

    expect(await proc.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(workers.filter(alive)).toEqual([]);
  });

  it('replaces a worker that dies, and keeps answering meanwhile', async () => {
    const { proc, port, token } = await startCluster('2');
    const [victim, survivor] = childrenOf(proc.pid);
    process.kill(victim!, 'SIGKILL');
    await until(() => childrenOf(proc.pid).length === 2 && !childrenOf(proc.pid).includes(victim!), 'a replacement worker');

    expect(childrenOf(proc.pid)).toContain(survivor);
    const injected = await httpCall(port, 'POST', `${SCOPE}/inject`, { token });
    expect(injected.status).toBe(200);
    expect(proc.stdout()).toContain('worker exited unexpectedly; starting another');
  });

  it('answers 256 concurrent clients with 2xx only', async () => {
    const { port, token } = await startCluster('2');
    await httpCall(port, 'POST', `${SCOPE}/secrets/ONLY`, { token, body: { value: 'v' } });
    const agent = new Agent({ keepAlive: true, maxSockets: 256 });
    const statuses = new Map<number, number>();
    await Promise.all(
      Array.from({ length: 256 }, async () => {
        for (let i = 0; i < 8; i++) {
          const { status } = await httpCall(port, 'POST', `${SCOPE}/inject`, { token, agent });
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }
      }),
    );
    agent.destroy();

    expect(Object.fromEntries(statuses)).toEqual({ 200: 256 * 8 });
  });

  it('stops with a killed primary instead of leaving workers behind', async () => {
    const { proc } = await startCluster('2');
    const workers = childrenOf(proc.pid);
    proc.child.kill('SIGKILL');
    await proc.exited;

    await until(() => workers.every((pid) => !alive(pid)), 'the orphaned workers to stop');
  });
});

describe('worker count on the embedded default', () => {
  it('refuses more than one worker without DATABASE_URL and REDIS_URL, naming both', async () => {
    const result = await runServer(['--targets=all'], { COFFER_DATA_DIR: await makeTempDir(), COFFER_WORKERS: '2' });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('COFFER_WORKERS: more than one worker needs DATABASE_URL and REDIS_URL');
  });

  it('runs auto as one process', async () => {
    const port = await freePort();
    const proc = spawnServer(['--targets=all'], { COFFER_DATA_DIR: await makeTempDir(), COFFER_HTTP_PORT: String(port), COFFER_WORKERS: 'auto' });
    await waitForHttp(proc, `http://127.0.0.1:${port}/readyz`);

    expect(childrenOf(proc.pid)).toEqual([]);
  });
});
