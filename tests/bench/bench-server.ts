/**
 * The server the benches measure and what it costs: the real coffer-server (all targets) in its
 * own process tree on a fresh PostgreSQL database and Redis, its CPU per request (process tree and
 * PostgreSQL, from /proc) around a wrk run, and the resident memory of every process.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, TEST_REDIS_URL } from '@coffer/test-kit/postgres';
import { httpCall } from '@coffer/test-kit/http-call';
import { freePort, REPO_ROOT, SERVER_BIN } from '@coffer/test-kit/server-process';
import {
  backendDatabase,
  commandLine,
  commandName,
  cpuDeltaMs,
  cpuSnapshot,
  postgresPids,
  processTree,
  rssKb,
  sharedGroupKb,
} from '@coffer/test-kit/proc-stats';
import { runWrk, type WrkOptions, type WrkResult } from './wrk.js';

export const BENCH_SCOPE = '/api/v1/orgs/bench/projects/api/envs/production';

/** What `pnpm build` produces: the server bundled, started by plain node without tsx's loader. */
export const DIST_SERVER = join(REPO_ROOT, 'packages/server/dist/coffer-server.js');

/** A positive integer from the environment, or the default when unset. */
export function envInteger(name: string, fallback: number): number;
export function envInteger(name: string, fallback?: undefined): number | undefined;
export function envInteger(name: string, fallback?: number): number | undefined {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

export type ServerForm = 'dist' | 'tsx';

export interface BenchServerOptions {
  secrets?: number;
  /** COFFER_WORKERS of the server; default: env BENCH_WORKERS, else unset (the server's default). */
  workers?: number;
  /** Default: env BENCH_FORM, else `dist` when it has been built, else `tsx`. */
  form?: ServerForm;
  /** An existing database to use instead of a fresh one, which is then neither created nor dropped. */
  databaseUrl?: string;
  /**
   * Another checkout whose compiled server runs instead of this one's (`form` is then `dist`), from
   * that directory: the baseline of `pnpm bench:ab`.
   */
  root?: string;
}

export interface BenchServer {
  port: number;
  baseUrl: string;
  /** An admin token of organisation `bench`. */
  token: string;
  /** An access token of the organisation's owner, signed in (undefined on a platform without people). */
  sessionToken: string | undefined;
  /** The spawned coffer-server: the root of its process tree (the primary when it forks workers). */
  pid: number;
  databaseUrl: string;
  /** The database's name, to tell its PostgreSQL backends from those of other databases. */
  databaseName: string;
  scope: string;
  form: ServerForm;
  /** COFFER_WORKERS as set, undefined when the server picks its default. */
  workers: number | undefined;
  stop(): Promise<void>;
}

function asAppRole(ownerUrl: string): string {
  const url = new URL(ownerUrl);
  url.username = 'coffer_app';
  url.password = '';
  return url.toString();
}

/**
 * The variables another checkout's compiled server knows (its bundle names them): a server refuses
 * unknown ones, and a baseline from before identity and rate limits knows none of these.
 */
function knownTo(script: string | undefined, variables: Record<string, string>): Record<string, string> {
  if (script === undefined) return variables;
  const source = readFileSync(script, 'utf8');
  return Object.fromEntries(Object.entries(variables).filter(([name]) => source.includes(name)));
}

function chosenForm(option: ServerForm | undefined): ServerForm {
  const form = option ?? process.env.BENCH_FORM;
  if (form === undefined || form === '') return existsSync(DIST_SERVER) ? 'dist' : 'tsx';
  if (form !== 'dist' && form !== 'tsx') throw new Error('BENCH_FORM must be dist or tsx');
  if (form === 'dist' && !existsSync(DIST_SERVER)) throw new Error(`${DIST_SERVER} does not exist: run pnpm build first`);
  return form;
}

const BENCH_OWNER = { email: 'bench-owner@example.test', password: 'a bench passphrase 2026' };

/**
 * Bootstraps organisation `bench` with project `api` (and its owner, on a platform with people) on
 * a server that has just become ready and writes `secrets` random secrets (`SECRET_00`, ...) into
 * `production`.
 * @returns the organisation's admin token, and whether the owner was created
 */
export async function seedBench(port: number, agent: Agent, secrets: number): Promise<{ token: string; withOwner: boolean }> {
  let withOwner = true;
  let boot = await httpCall(port, 'POST', '/api/v1/bootstrap', { agent, body: { org: 'bench', project: 'api', owner: BENCH_OWNER } });
  // A baseline without people (before the identity issue) refuses an owner.
  if (boot.status === 400) {
    withOwner = false;
    boot = await httpCall(port, 'POST', '/api/v1/bootstrap', { agent, body: { org: 'bench', project: 'api' } });
  }
  if (boot.status !== 201) throw new Error(`bootstrap answered ${boot.status}`);
  const token = (JSON.parse(boot.body) as { data: { token: { token: string } } }).data.token.token;
  for (let i = 0; i < secrets; i++) {
    const path = `${BENCH_SCOPE}/secrets/SECRET_${String(i).padStart(2, '0')}`;
    const written = await httpCall(port, 'POST', path, { agent, token, body: { value: randomBytes(24).toString('base64') } });
    if (written.status !== 201) throw new Error(`could not write a secret: ${written.status}`);
  }
  return { token, withOwner };
}

export async function seedBenchEnvironment(port: number, agent: Agent, secrets: number): Promise<string> {
  return (await seedBench(port, agent, secrets)).token;
}

/** An access token of the bench organisation's owner (signed in with a password): a session's, not an API token. */
export async function benchSessionToken(port: number, agent: Agent): Promise<string> {
  const login = await httpCall(port, 'POST', '/api/v1/auth/login', { agent, body: BENCH_OWNER });
  if (login.status !== 200) throw new Error(`login answered ${login.status}`);
  return (JSON.parse(login.body) as { data: { accessToken: string } }).data.accessToken;
}

/**
 * Starts coffer-server with every target, bootstraps organisation `bench` and project `api`, and
 * writes `secrets` random secrets into `production`. The child's environment holds only what the
 * server needs, so nothing of the caller's COFFER_* variables changes what is measured.
 */
export async function startBenchServer(options: BenchServerOptions = {}): Promise<BenchServer> {
  const secrets = options.secrets ?? 30;
  const form = options.root === undefined ? chosenForm(options.form) : 'dist';
  const script = options.root === undefined ? (form === 'dist' ? DIST_SERVER : SERVER_BIN) : join(options.root, 'packages/server/dist/coffer-server.js');
  if (!existsSync(script)) throw new Error(`${script} does not exist: run pnpm build there first`);
  const workers = options.workers ?? envInteger('BENCH_WORKERS');
  const database = options.databaseUrl === undefined ? await createTestDatabase() : undefined;
  const databaseUrl = database?.url ?? options.databaseUrl!;
  const port = await freePort();
  // BENCH_NODE_ARGS: node flags for the server, to profile it (`--cpu-prof --cpu-prof-dir=...`).
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const server = spawn(process.execPath, [...nodeArgs, script, '--targets=all'], {
    // Its data directory (the audit spool) is its checkout's.
    cwd: options.root ?? process.cwd(),
    env: {
      PATH: process.env.PATH ?? '',
      // As in production: the services log in as coffer_app, migrations run as the owner.
      DATABASE_URL: asAppRole(databaseUrl),
      DATABASE_OWNER_URL: databaseUrl,
      REDIS_URL: TEST_REDIS_URL,
      COFFER_MASTER_KEY: randomBytes(32).toString('hex'),
      ...knownTo(options.root === undefined ? undefined : script, {
        COFFER_AUTH_KEY: randomBytes(32).toString('hex'),
        // Access tokens last as long as they may (an hour), longer than a bench runs.
        COFFER_SESSION_ACCESS_TTL: '1h',
        // The limiter stays on (its cost is measured) with limits the bench's traffic from one address never meets.
        COFFER_RATE_LIMIT_ADDRESS: '100000000',
        COFFER_RATE_LIMIT_CREDENTIAL: '100000000',
      }),
      COFFER_HTTP_PORT: String(port),
      COFFER_LOG_LEVEL: 'warn',
      ...(workers === undefined ? {} : { COFFER_WORKERS: String(workers) }),
    },
    // Its log (warnings and errors only) goes to the bench's stderr: a worker that dies under load says why there.
    stdio: ['ignore', 2, 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
  const stop = async () => {
    server.kill('SIGTERM');
    const code = await exited;
    if (code !== 0) console.error(`coffer-server exited with ${code}`);
    await database?.drop();
  };
  const setup = new Agent({ keepAlive: true });
  try {
    for (let i = 0; ; i++) {
      if (server.exitCode !== null) throw new Error(`coffer-server exited with ${server.exitCode} before it was ready`);
      const ready = await httpCall(port, 'GET', '/readyz', { agent: setup }).catch(() => ({ status: 0 }));
      if (ready.status === 200) break;
      if (i > 300) throw new Error('coffer-server did not become ready');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { token, withOwner } = await seedBench(port, setup, secrets);
    const sessionToken = withOwner ? await benchSessionToken(port, setup) : undefined;
    return {
      port,
      baseUrl: `http://127.0.0.1:${port}`,
      token,
      sessionToken,
      pid: server.pid!,
      databaseUrl,
      databaseName: decodeURIComponent(new URL(databaseUrl).pathname.slice(1)),
      scope: BENCH_SCOPE,
      form,
      workers,
      stop,
    };
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

/** One line on what is measured where, printed above the figures. */
export function setupLine(server: BenchServer, wrkThreads: number): string {
  const model = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown CPU';
  const processes = processTree(server.pid).map((pid) => (pid === server.pid ? 'primary' : commandName(pid)));
  return (
    `machine: ${availableParallelism()} CPUs (nproc), ${model}, node ${process.version}; ` +
    `server form ${server.form}, COFFER_WORKERS ${server.workers ?? 'unset (server default)'}, ` +
    `process tree: ${processes.join(' + ')}; wrk ${wrkThreads} thread${wrkThreads === 1 ? '' : 's'}`
  );
}

export interface ProcessMemory {
  /** `primary`, `worker` (a node child) or another child's command name; `postgres` for the backends together. */
  label: string;
  /** undefined for the postgres sum. */
  pid: number | undefined;
  /** How many processes the figure adds up (1 but for postgres). */
  processes: number;
  /** VmRSS; for postgres the backends' private pages plus their shared ones once (sharedGroupKb). */
  rssKb: number;
}

function isBenchBackend(server: BenchServer, pid: number): boolean {
  return backendDatabase(commandLine(pid)) === server.databaseName;
}

/** Resident memory of each server process and of the bench database's PostgreSQL backends together. */
export function memorySnapshot(server: BenchServer): ProcessMemory[] {
  const own = processTree(server.pid).map((pid) => ({
    label: pid === server.pid ? 'primary' : commandName(pid) === 'node' ? 'worker' : commandName(pid),
    pid,
    processes: 1,
    rssKb: rssKb(pid),
  }));
  const backends = postgresPids(server.databaseName).filter((pid) => isBenchBackend(server, pid));
  return [...own, { label: 'postgres', pid: undefined, processes: backends.length, rssKb: sharedGroupKb(backends) }];
}

/** Samples memory every `intervalMs` until stopped; returns each process's highest figure. */
export function sampleMemory(server: BenchServer, intervalMs = 500): { stop(): ProcessMemory[] } {
  const highest = new Map<string, ProcessMemory>();
  const sample = () => {
    for (const entry of memorySnapshot(server)) {
      const key = `${entry.label} ${entry.pid ?? ''}`;
      const seen = highest.get(key);
      if (!seen || entry.rssKb > seen.rssKb) highest.set(key, entry);
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return [...highest.values()];
    },
  };
}

export const mb = (kb: number) => `${(kb / 1024).toFixed(1)} MB`;

/** `primary 1234 95.2 MB, worker 1240 80.1 MB, postgres backends (11) 120.3 MB; total 295.6 MB` */
export function formatMemory(memory: readonly ProcessMemory[]): string {
  const parts = memory.map((entry) =>
    entry.pid === undefined ? `${entry.label} backends (${entry.processes}) ${mb(entry.rssKb)}` : `${entry.label} ${entry.pid} ${mb(entry.rssKb)}`,
  );
  return `${parts.join(', ')}; total ${mb(memory.reduce((sum, entry) => sum + entry.rssKb, 0))}`;
}

export interface Measured {
  wrk: WrkResult;
  /** CPU per request in ms of the server's process tree, of PostgreSQL, and of wrk. */
  serverCpuMs: number;
  postgresCpuMs: number;
  clientCpuMs: number;
  /** The highest resident memory of each process during the run, when asked for. */
  memory?: ProcessMemory[];
}

/**
 * One wrk run against the server with the CPU the server's process tree and PostgreSQL (every
 * postgres process but the backends of other databases) used during it, per request.
 */
export async function measureLoad(server: BenchServer, options: WrkOptions, { memory = false } = {}): Promise<Measured> {
  const serverBefore = cpuSnapshot(processTree(server.pid));
  const postgresBefore = cpuSnapshot(postgresPids(server.databaseName));
  const sampler = memory ? sampleMemory(server) : undefined;
  let wrk: WrkResult;
  let sampled: ProcessMemory[] | undefined;
  try {
    wrk = await runWrk(options);
  } finally {
    sampled = sampler?.stop();
  }
  const serverMs = cpuDeltaMs(serverBefore, cpuSnapshot(processTree(server.pid)));
  const postgresMs = cpuDeltaMs(postgresBefore, cpuSnapshot(postgresPids(server.databaseName)));
  const per = (ms: number) => (wrk.requests === 0 ? NaN : ms / wrk.requests);
  return {
    wrk,
    serverCpuMs: per(serverMs),
    postgresCpuMs: per(postgresMs),
    clientCpuMs: per(wrk.clientCpuMs),
    ...(sampled ? { memory: sampled } : {}),
  };
}
