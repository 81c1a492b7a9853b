import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { createTestDatabase, TEST_REDIS_URL } from '@coffer/test-kit/postgres';
import { freePort, SERVER_BIN } from '@coffer/test-kit/server-process';

export const BENCH_SCOPE = '/api/v1/orgs/bench/projects/api/envs/production';

export interface Response {
  status: number;
  body: string;
}

/** One HTTP request, on a keep-alive agent, without a client library in the way of the figures. */
export function call(agent: Agent, port: number, method: string, path: string, token?: string, body?: unknown): Promise<Response> {
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

export interface BenchServer {
  port: number;
  baseUrl: string;
  /** An admin token of organisation `bench`. */
  token: string;
  stop(): Promise<void>;
}

/**
 * The real coffer-server (all targets) in its own process on a fresh PostgreSQL database and Redis,
 * bootstrapped with organisation `bench`, project `api`, and `secrets` random secrets in `production`.
 */
export async function startBenchServer(secrets = 30): Promise<BenchServer> {
  const database = await createTestDatabase();
  const port = await freePort();
  const server = spawn(process.execPath, [SERVER_BIN, '--targets=all'], {
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
  const stop = async () => {
    server.kill('SIGTERM');
    const code = await exited;
    if (code !== 0) console.error(`coffer-server exited with ${code}`);
    await database.drop();
  };
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
    for (let i = 0; i < secrets; i++) {
      const written = await call(setup, port, 'POST', `${BENCH_SCOPE}/secrets/SECRET_${String(i).padStart(2, '0')}`, token, {
        value: randomBytes(24).toString('base64'),
      });
      if (written.status !== 201) throw new Error(`could not write a secret: ${written.status}`);
    }
    return { port, baseUrl: `http://127.0.0.1:${port}`, token, stop };
  } catch (err) {
    await stop();
    throw err;
  } finally {
    setup.destroy();
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
