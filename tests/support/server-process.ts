import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isCofferError } from '@coffer/contract';
import { createHealthClient, unary } from '@coffer/grpc';

/**
 * The real `coffer-server` binary as a child process: spawned with a clean environment (nothing
 * of the parent's COFFER_*, DATABASE_URL or REDIS_URL leaks in), its output captured, and killed
 * by `killAllServers()` whatever happens in the test.
 */

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SERVER_BIN = fileURLToPath(new URL('../../packages/server/bin/coffer-server.js', import.meta.url));

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  stdout(): string;
  stderr(): string;
  /** Both streams, for assertion messages. */
  output(): string;
  /** undefined while running. */
  exit(): Exit | undefined;
  /** Resolves when the process has exited. */
  readonly exited: Promise<Exit>;
  /** Waits until stdout or stderr matches; fails early if the process exits first. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  waitForExit(timeoutMs?: number): Promise<Exit>;
  /** Sends a signal (SIGTERM by default) and waits for the exit. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<Exit>;
}

const running = new Set<ServerProcess>();
const tempDirs = new Set<string>();

/** The variables a child needs to run node at all; everything Coffer-specific comes from the test. */
export function cleanEnv(env: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ', 'SYSTEMROOT']) {
    const value = process.env[name];
    if (value !== undefined) base[name] = value;
  }
  // One process unless a test asks for workers: most tests watch one process's output and exit.
  // Rate limits so high that no suite's traffic from 127.0.0.1 meets them (tests/api/rate-limit.test.ts sets low ones).
  const result: NodeJS.ProcessEnv = {
    ...base,
    COFFER_LOG_LEVEL: 'info',
    COFFER_WORKERS: '1',
    COFFER_RATE_LIMIT_ADDRESS: '1000000',
    COFFER_RATE_LIMIT_CREDENTIAL: '1000000',
    COFFER_RATE_LIMIT_IDENTITY: '1000000',
  };
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete result[name];
    else result[name] = value;
  }
  return result;
}

/** A fresh Ed25519 pair as the COFFER_*_SIGNING_KEY and COFFER_*_VERIFY_KEY variables take it. */
function keyPairEnv(): { signing: string; verify: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    signing: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    verify: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
  };
}

/** A principal-assertion key pair for split targets: auth signs, the services verify. */
export function principalKeyEnv(): { COFFER_PRINCIPAL_SIGNING_KEY: string; COFFER_PRINCIPAL_VERIFY_KEY: string } {
  const { signing, verify } = keyPairEnv();
  return { COFFER_PRINCIPAL_SIGNING_KEY: signing, COFFER_PRINCIPAL_VERIFY_KEY: verify };
}

/** A service-assertion key pair for split targets: the gateway signs, audit verifies. */
export function serviceKeyEnv(): { COFFER_SERVICE_SIGNING_KEY: string; COFFER_SERVICE_VERIFY_KEY: string } {
  const { signing, verify } = keyPairEnv();
  return { COFFER_SERVICE_SIGNING_KEY: signing, COFFER_SERVICE_VERIFY_KEY: verify };
}

/** A port nothing listens on right now: bound on port 0, read, released. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Whether something accepts TCP connections on host:port. */
export function isListening(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.setTimeout(2_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function makeTempDir(prefix = 'coffer-server-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all([...tempDirs].map((dir) => rm(dir, { recursive: true, force: true })));
  tempDirs.clear();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function withTimeout<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what()}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** `bin`: another entry point over coffer-server's runner (a test's own module list). */
export function spawnServer(args: string[], env: Record<string, string | undefined>, bin = SERVER_BIN): ServerProcess {
  const child = spawn(process.execPath, [bin, ...args], { cwd: REPO_ROOT, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error('coffer-server did not start');
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let exit: Exit | undefined;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());
  child.stdout!.on('data', (chunk: Buffer) => {
    out.push(chunk);
    notify();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    err.push(chunk);
    notify();
  });
  const exited = new Promise<Exit>((resolve) => {
    // 'close' comes after both pipes are drained, so the output is complete.
    child.once('close', (code, signal) => {
      exit = { code, signal };
      running.delete(proc);
      notify();
      resolve(exit);
    });
  });
  const stdout = () => Buffer.concat(out).toString('utf8');
  const stderr = () => Buffer.concat(err).toString('utf8');
  const output = () => `--- stdout ---\n${stdout()}\n--- stderr ---\n${stderr()}`;

  const proc: ServerProcess = {
    child,
    pid: child.pid,
    stdout,
    stderr,
    output,
    exit: () => exit,
    exited,
    waitForOutput(pattern, timeoutMs = 30_000) {
      return withTimeout(
        new Promise<RegExpMatchArray>((resolve, reject) => {
          const check = () => {
            const match = stdout().match(pattern) ?? stderr().match(pattern);
            if (match) {
              listeners.delete(check);
              resolve(match);
            } else if (exit) {
              listeners.delete(check);
              reject(new Error(`coffer-server exited (${JSON.stringify(exit)}) before printing ${pattern}\n${output()}`));
            }
          };
          listeners.add(check);
          check();
        }),
        timeoutMs,
        () => `waiting for ${pattern}\n${output()}`,
      );
    },
    waitForExit(timeoutMs = 30_000) {
      return withTimeout(exited, timeoutMs, () => `waiting for coffer-server ${child.pid} to exit\n${output()}`);
    },
    async stop(signal = 'SIGTERM', timeoutMs = 30_000) {
      if (!exit) child.kill(signal);
      return proc.waitForExit(timeoutMs);
    },
  };
  running.add(proc);
  return proc;
}

/** Kills every child still running (SIGKILL: a test that wanted a clean stop already did it). */
export async function killAllServers(): Promise<void> {
  const procs = [...running];
  for (const proc of procs) proc.child.kill('SIGKILL');
  await Promise.all(procs.map((proc) => proc.exited));
}

/** Runs a command that is expected to finish on its own (list-targets, migrate, a config error). */
export async function runServer(args: string[], env: Record<string, string | undefined>, timeoutMs = 45_000, bin = SERVER_BIN) {
  const proc = spawnServer(args, env, bin);
  const exit = await proc.waitForExit(timeoutMs);
  return { ...exit, stdout: proc.stdout(), stderr: proc.stderr(), output: proc.output() };
}

/**
 * Polls an HTTP URL until `accept(status)` holds. Fails as soon as the process exits, with its
 * output, instead of waiting out the timeout.
 */
export async function waitForHttp(
  proc: ServerProcess,
  url: string,
  { accept = (status: number) => status === 200, timeoutMs = 45_000 }: { accept?: (status: number) => boolean; timeoutMs?: number } = {},
): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  for (;;) {
    if (proc.exit()) throw new Error(`coffer-server exited (${JSON.stringify(proc.exit())}) before ${url} was ready\n${proc.output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (accept(response.status)) return response;
      last = `${response.status} ${await response.text()}`;
    } catch (err) {
      last = (err as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`${url} not ready after ${timeoutMs} ms (last: ${last})\n${proc.output()}`);
    await sleep(150);
  }
}

/** Polls the gRPC health service of a process until `service` answers SERVING. */
export async function waitForGrpcServing(proc: ServerProcess, address: string, service = '', timeoutMs = 45_000): Promise<void> {
  const client = createHealthClient(address);
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  try {
    for (;;) {
      if (proc.exit()) throw new Error(`coffer-server exited (${JSON.stringify(proc.exit())}) before ${address} served\n${proc.output()}`);
      try {
        const { status } = await unary(client, 'Check', { service }, { ctx: { requestId: 'test-wait-grpc' }, deadlineMs: 1_000 });
        if (status === 'SERVING') return;
        last = String(status);
      } catch (err) {
        last = isCofferError(err) ? `${err.code} ${err.message}` : (err as Error).message;
      }
      if (Date.now() > deadline) throw new Error(`${address} not serving after ${timeoutMs} ms (last: ${last})\n${proc.output()}`);
      await sleep(150);
    }
  } finally {
    client.close();
  }
}

export interface EmbeddedServer {
  proc: ServerProcess;
  port: number;
  baseUrl: string;
  dataDir: string;
}

/**
 * Starts the whole platform on embedded PGlite in `dataDir` and waits until /readyz answers 200
 * and the process reports that it is ready (first-run bootstrap happens after the gateway listens).
 */
export async function startEmbeddedServer(dataDir: string, env: Record<string, string | undefined> = {}, args: string[] = []): Promise<EmbeddedServer> {
  const port = await freePort();
  const proc = spawnServer(args, { COFFER_DATA_DIR: dataDir, COFFER_HTTP_PORT: String(port), ...env });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHttp(proc, `${baseUrl}/readyz`);
  await proc.waitForOutput(/"msg":"coffer is ready"/);
  return { proc, port, baseUrl, dataDir };
}

/** Every regular file under `dir`, recursively. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/**
 * The encodings a value may take when written somewhere: itself, hex (both cases) and base64 /
 * base64url at each of the three byte alignments (the full 4-character groups only, so the
 * pattern is found wherever the value starts inside a longer encoded blob).
 */
export function encodingsOf(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const forms = new Set<string>([value, bytes.toString('hex'), bytes.toString('hex').toUpperCase()]);
  for (let offset = 0; offset < 3; offset++) {
    const usable = Math.floor((bytes.length - offset) / 3) * 3;
    const aligned = bytes.subarray(offset, offset + usable);
    forms.add(aligned.toString('base64'));
    forms.add(aligned.toString('base64url'));
  }
  return [...forms];
}

/** Files under `dir` whose bytes contain `value` in any of its encodings, with the encoding found. */
export async function filesContaining(dir: string, value: string): Promise<string[]> {
  const needles = encodingsOf(value).map((form) => Buffer.from(form, 'utf8'));
  const hits: string[] = [];
  for (const file of await listFiles(dir)) {
    const bytes = await readFile(file);
    for (const needle of needles) {
      if (bytes.includes(needle)) hits.push(`${file} (${needle.toString('utf8')})`);
    }
  }
  return hits;
}

/** Whether a text contains `value` in any of its encodings. */
export function textContains(text: string, value: string): string[] {
  return encodingsOf(value).filter((form) => text.includes(form));
}
