import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateCluster, type PrivateCluster } from '@coffer/test-kit/private-cluster';
import {
  freePort,
  killAllServers,
  makeTempDir,
  principalKeyEnv,
  removeTempDirs,
  serviceKeyEnv,
  spawnServer,
  waitForHttp,
  type ServerProcess,
} from '@coffer/test-kit/server-process';

/**
 * Audit events a gateway answered for survive its shutdown with PostgreSQL down and its crash, in
 * the spool under the data directory, and reach the audit log exactly once after a restart.
 */

const SCOPE = '/api/v1/orgs/acme/projects/api/envs/production';

let cluster: PrivateCluster;
let databaseUrl: string;
let dataDir: string;
let token: string;
// The same keys at every start, as a deployment has them: spooled events are vouched for by principals signed before the restart.
const keys = { ...principalKeyEnv(), ...serviceKeyEnv() };
const masterKey = randomBytes(32).toString('hex');
const authKey = randomBytes(32).toString('hex');
const spoolDir = () => join(dataDir, 'audit-spool');

beforeAll(async () => {
  cluster = await startPrivateCluster();
  databaseUrl = await cluster.createDatabase('coffer');
  dataDir = await makeTempDir('coffer-audit-spool-');
  const { proc, port } = await startServer();
  const boot = await fetch(`http://127.0.0.1:${port}/api/v1/bootstrap`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ org: 'acme', project: 'api' }),
  });
  expect(boot.status).toBe(201);
  token = ((await boot.json()) as { data: { token: { token: string } } }).data.token.token;
  await proc.stop('SIGTERM', 15_000);
}, 60_000);

afterEach(async () => {
  await killAllServers();
});

afterAll(async () => {
  await killAllServers();
  await cluster?.start().catch(() => undefined);
  await cluster?.destroy();
  await removeTempDirs();
});

/** coffer-server on the private cluster, in-process Redis, the test's data directory; ready to serve. */
async function startServer(env: Record<string, string> = {}): Promise<{ proc: ServerProcess; port: number }> {
  const port = await freePort();
  const proc = spawnServer(['--targets=all'], {
    DATABASE_URL: databaseUrl,
    COFFER_DATA_DIR: dataDir,
    COFFER_MASTER_KEY: masterKey,
    COFFER_AUTH_KEY: authKey,
    COFFER_HTTP_PORT: String(port),
    COFFER_SHUTDOWN_TIMEOUT_MS: '1500',
    ...keys,
    ...env,
  });
  await waitForHttp(proc, `http://127.0.0.1:${port}/readyz`);
  await proc.waitForOutput(/"msg":"coffer is ready"/);
  return { proc, port };
}

/** Keeps every event in the gateway's buffer (and spool) until shutdown: nothing is delivered on the way. */
const HOLD = { COFFER_AUDIT_FLUSH_MS: '600000', COFFER_AUDIT_BATCH_SIZE: '100000' };

/** Writes `count` secrets, each with its own request id; answers the ids of the acknowledged ones. */
async function acknowledgedWrites(port: number, label: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const requestId = `${label}-${randomBytes(6).toString('hex')}`;
    const response = await fetch(`http://127.0.0.1:${port}${SCOPE}/secrets/${label.toUpperCase()}_${i}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-request-id': requestId },
      body: JSON.stringify({ value: `value-${i}` }),
    });
    expect(response.status).toBe(201);
    ids.push(requestId);
  }
  return ids;
}

/** Audit rows per request id, read as the database owner. */
async function rowsPerRequest(requestIds: string[]): Promise<Map<string, number>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ request_id: string; n: string }>(
      'select request_id, count(*) as n from audit_logs where request_id = any($1) group by request_id',
      [requestIds],
    );
    return new Map(rows.map((row) => [row.request_id, Number(row.n)]));
  } finally {
    await client.end();
  }
}

/** Until every request has its audit row; answers how long that took. Fails on a duplicate row. */
async function untilRecorded(requestIds: string[], timeoutMs = 10_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    const rows = await rowsPerRequest(requestIds);
    expect(
      [...rows.values()].every((n) => n === 1),
      `duplicate audit rows: ${JSON.stringify([...rows])}`,
    ).toBe(true);
    if (rows.size === requestIds.length) return Date.now() - started;
    if (Date.now() - started > timeoutMs)
      throw new Error(`${requestIds.length - rows.size} of ${requestIds.length} writes have no audit row after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every spooled line, across the spools of every process. */
function spooledLines(): string[] {
  if (!existsSync(spoolDir())) return [];
  return readdirSync(spoolDir(), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .flatMap((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8').split('\n').filter(Boolean));
}

describe('audit events on the way out', { timeout: 60_000 }, () => {
  it('a SIGTERM that cannot deliver (PostgreSQL down) exits non-zero, keeps the events, and a restart records each once', async () => {
    const { proc, port } = await startServer(HOLD);
    const ids = await acknowledgedWrites(port, 'term', 8);
    await cluster.stop();

    const signalled = Date.now();
    const exit = await proc.stop('SIGTERM', 20_000);
    console.log(`SIGTERM with PostgreSQL down: exit ${exit.code} after ${Date.now() - signalled} ms`);
    expect(exit.code).not.toBe(0);
    expect(
      proc
        .stdout()
        .split('\n')
        .filter((line) => line.includes('could not be delivered')),
    ).toHaveLength(1);
    expect(proc.stdout()).toContain('8 events could not be delivered before shutdown; they stay in the spool');
    const spooled = spooledLines().join('\n');
    for (const id of ids) expect(spooled).toContain(id);

    await cluster.start();
    const restarted = Date.now();
    const next = await startServer();
    const recoveredMs = await untilRecorded(ids);
    console.log(`after SIGTERM with PostgreSQL down: every audit row present ${Date.now() - restarted} ms after restart (${recoveredMs} ms after ready)`);
    expect(next.proc.stdout()).toMatch(/"events":8[,}].*replaying audit events spooled by an earlier process/);
    // Delivered: the spool lets go of them.
    await expect.poll(() => spooledLines().filter((line) => ids.some((id) => line.includes(id))), { timeout: 5_000 }).toEqual([]);
    expect(await next.proc.stop('SIGTERM', 15_000)).toMatchObject({ code: 0 });
  });

  it('after a SIGKILL right after acknowledged writes, a restart records every one of them exactly once', async () => {
    const { proc, port } = await startServer(HOLD);
    const ids = await acknowledgedWrites(port, 'kill', 10);
    proc.child.kill('SIGKILL');
    await proc.waitForExit();
    expect((await rowsPerRequest(ids)).size).toBe(0);

    const restarted = Date.now();
    const next = await startServer();
    const recoveredMs = await untilRecorded(ids);
    console.log(`after SIGKILL: every audit row present ${Date.now() - restarted} ms after restart (${recoveredMs} ms after ready)`);
    expect(await next.proc.stop('SIGTERM', 15_000)).toMatchObject({ code: 0 });
  });

  it('without configured signing keys (throwaway pairs), a restart after a SIGKILL still records every acknowledged write', async () => {
    // An empty value is unset: each start makes its own pairs, as the embedded default does.
    const throwaway = Object.fromEntries(Object.keys(keys).map((name) => [name, '']));
    const { proc, port } = await startServer({ ...HOLD, ...throwaway });
    const ids = await acknowledgedWrites(port, 'throwaway', 5);
    proc.child.kill('SIGKILL');
    await proc.waitForExit();

    const next = await startServer(throwaway);
    // The principals in the spool were signed by a key that died with its process; its public half was kept.
    await untilRecorded(ids);
    expect([...(await rowsPerRequest(ids)).values()]).toEqual([1, 1, 1, 1, 1]);
    expect(readFileSync(join(dataDir, 'throwaway-principal-keys.pub'), 'utf8').trim().split('\n').length).toBeGreaterThanOrEqual(2);
    expect(next.proc.stdout()).not.toMatch(/PERMISSION_DENIED|does not verify/);
    expect(await next.proc.stop('SIGTERM', 15_000)).toMatchObject({ code: 0 });
  });

  it('a batch delivered twice (replayed after its answer was lost) adds no row', async () => {
    const { proc, port } = await startServer(HOLD);
    const ids = await acknowledgedWrites(port, 'twice', 6);
    // The spool as it stands before delivery: what a crash just after the rows were written, before the answer came back, leaves.
    const [own] = readdirSync(spoolDir());
    const copy = join(spoolDir(), `${own!.slice(0, own!.lastIndexOf('-'))}-00000000`);
    cpSync(join(spoolDir(), own!), copy, { recursive: true });
    expect(await proc.stop('SIGTERM', 15_000)).toMatchObject({ code: 0 });
    await untilRecorded(ids);

    const next = await startServer();
    await expect.poll(() => spooledLines().filter((line) => ids.some((id) => line.includes(id))), { timeout: 5_000 }).toEqual([]);
    expect(next.proc.stdout()).toMatch(/"events":6[,}].*replaying audit events spooled by an earlier process/);
    const rows = await rowsPerRequest(ids);
    expect([...rows.values()]).toEqual(ids.map(() => 1));
    expect(await next.proc.stop('SIGTERM', 15_000)).toMatchObject({ code: 0 });
  });
});
