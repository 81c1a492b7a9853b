/**
 * `pnpm bench`: starts the real coffer-server (all targets) on PostgreSQL and Redis, fills an
 * environment with 30 secrets and measures inject and single reveal through the gateway from this
 * separate process. Prints figures; targets are reported, never asserted.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, TEST_REDIS_URL } from '../support/postgres.js';

const SERVER = fileURLToPath(new URL('../../packages/server/bin/coffer-server.js', import.meta.url));
const SCOPE = '/api/v1/orgs/bench/projects/api/envs/production';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function call(agent: Agent, port: number, method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: string }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

interface Result {
  requests: number;
  errors: number;
  seconds: number;
  latenciesMs: number[];
}

async function load(port: number, concurrency: number, options: { requests: number; maxSeconds: number }, send: (agent: Agent) => Promise<{ status: number }>): Promise<Result> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latenciesMs: number[] = [];
  let errors = 0;
  let issued = 0;
  const started = process.hrtime.bigint();
  const deadline = Date.now() + options.maxSeconds * 1000;
  const worker = async () => {
    while (issued < options.requests && Date.now() < deadline) {
      issued++;
      const t0 = process.hrtime.bigint();
      const response = await send(agent).catch(() => ({ status: 0 }));
      latenciesMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (response.status !== 200) errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  void port;
  return { requests: latenciesMs.length, errors, seconds, latenciesMs };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function report(name: string, result: Result, target?: { p99Ms?: number; minRps?: number }): string[] {
  const sorted = [...result.latenciesMs].sort((a, b) => a - b);
  const p50 = percentile(sorted, 50);
  const p99 = percentile(sorted, 99);
  const rps = result.requests / result.seconds;
  const misses: string[] = [];
  if (target?.p99Ms !== undefined && !(p99 <= target.p99Ms)) misses.push(`p99 ${p99.toFixed(2)} ms > ${target.p99Ms} ms`);
  if (target?.minRps !== undefined && !(rps >= target.minRps)) misses.push(`${rps.toFixed(0)} req/s < ${target.minRps} req/s`);
  const verdict = target ? (misses.length === 0 ? 'target met' : `TARGET MISSED: ${misses.join(', ')}`) : '';
  console.log(
    `${name.padEnd(28)} n=${String(result.requests).padStart(6)} err=${result.errors}  p50=${p50.toFixed(2).padStart(7)} ms  p99=${p99.toFixed(2).padStart(7)} ms  ${rps.toFixed(0).padStart(6)} req/s  ${verdict}`,
  );
  return misses;
}

async function main(): Promise<void> {
  const database = await createTestDatabase();
  const port = await freePort();
  const server = spawn(process.execPath, [SERVER, '--targets=all'], {
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      COFFER_MASTER_KEY: randomBytes(32).toString('hex'),
      COFFER_HTTP_PORT: String(port),
      COFFER_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
  const setup = new Agent({ keepAlive: true });
  try {
    for (let i = 0; ; i++) {
      const ready = await call(setup, port, 'GET', '/readyz').catch(() => ({ status: 0 }));
      if (ready.status === 200) break;
      if (i > 300) throw new Error('coffer-server did not become ready');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const boot = await call(setup, port, 'POST', '/api/v1/bootstrap', undefined, { org: 'bench', project: 'api' });
    const token = (JSON.parse(boot.body) as { data: { token: { token: string } } }).data.token.token;
    for (let i = 0; i < 30; i++) {
      const written = await call(setup, port, 'POST', `${SCOPE}/secrets/SECRET_${String(i).padStart(2, '0')}`, token, { value: randomBytes(24).toString('base64') });
      if (written.status !== 201) throw new Error(`could not write a secret: ${written.status}`);
    }
    const check = await call(setup, port, 'POST', `${SCOPE}/inject`, token);
    const count = Object.keys((JSON.parse(check.body) as { data: { values: object } }).data.values).length;
    if (count !== 30) throw new Error(`inject returned ${count} values, expected 30`);

    const inject = (agent: Agent) => call(agent, port, 'POST', `${SCOPE}/inject`, token);
    const reveal = (agent: Agent) => call(agent, port, 'GET', `${SCOPE}/secrets/SECRET_07?reveal=true`, token);

    console.log('coffer bench: 30 secrets, all targets in one process, PostgreSQL + Redis, auditing on');
    await load(port, 8, { requests: 1000, maxSeconds: 10 }, inject); // warm-up: JIT, pools, caches
    const misses = [
      ...report('inject  c=1', await load(port, 1, { requests: 2000, maxSeconds: 20 }, inject), { p99Ms: 10 }),
      ...report('inject  c=32', await load(port, 32, { requests: 20000, maxSeconds: 20 }, inject), { p99Ms: 50, minRps: 1000 }),
      ...report('reveal  c=1', await load(port, 1, { requests: 2000, maxSeconds: 20 }, reveal)),
      ...report('reveal  c=32', await load(port, 32, { requests: 20000, maxSeconds: 20 }, reveal)),
    ];
    console.log(misses.length === 0 ? 'all targets met' : `${misses.length} target(s) missed`);
  } finally {
    setup.destroy();
    server.kill('SIGTERM');
    const code = await exited;
    if (code !== 0) console.error(`coffer-server exited with ${code}`);
    await database.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
