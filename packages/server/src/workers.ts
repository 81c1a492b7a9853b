import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { ConfigError } from '@coffer/config';
import type { Logger } from '@coffer/telemetry';

/** What decides whether the targets may run in several processes. */
export interface WorkerBackends {
  /** The database module runs here on embedded PGlite, which one process owns. */
  embeddedDatabase: boolean;
  /** The kv module runs here without REDIS_URL: its locks, caches and pub/sub live in one process. */
  inProcessKv: boolean;
  /** PostgreSQL runs on this host (DATABASE_URL names a loopback address or a Unix socket). */
  localDatabase?: boolean;
}

/** Whether a PostgreSQL connection string names this host: a loopback address, localhost, or a Unix socket directory. */
export function isLocalDatabase(databaseUrl: string): boolean {
  // `?host=/run/postgresql` (which WHATWG URLs may not parse when the authority has no host) is a socket directory.
  if (/[?&]host=(\/|%2F)/i.test(databaseUrl)) return true;
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    return false;
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return host === '' || host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * How many processes serve the targets. `auto` is one per core the process may use, less one when
 * PostgreSQL runs on the same host and needs a core of its own (on the 2-core bench machine, two
 * workers beside PostgreSQL served inject no faster than one, at about 20 % more CPU per request
 * and twice the p99, as the processes fought for the cores), and only where every piece of shared
 * state is outside the process (PostgreSQL and Redis): on the embedded default it is 1, and asking
 * for more there is a configuration error.
 * @throws ConfigError when more than one worker is asked for on embedded backends
 */
export function workerCount(requested: number | 'auto', backends: WorkerBackends, cores = availableParallelism()): number {
  const shareable = !backends.embeddedDatabase && !backends.inProcessKv;
  if (requested === 'auto') return shareable ? Math.max(1, cores - (backends.localDatabase ? 1 : 0)) : 1;
  if (requested > 1 && !shareable) {
    const missing = [backends.embeddedDatabase && 'DATABASE_URL', backends.inProcessKv && 'REDIS_URL'].filter(Boolean).join(' and ');
    throw new ConfigError([
      `COFFER_WORKERS: more than one worker needs ${missing} (embedded PGlite is one process; locks, caches and revocations are shared through Redis)`,
    ]);
  }
  return requested;
}

/** Sent by a worker once its targets serve. */
interface ReadyMessage {
  type: 'coffer:ready';
  url?: string;
}

const isReadyMessage = (message: unknown): message is ReadyMessage =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'coffer:ready';

/** In a worker: tells the primary that this worker serves. */
export function reportReady(url: string | undefined): void {
  process.send?.({ type: 'coffer:ready', url } satisfies ReadyMessage);
}

export interface PrimaryOptions {
  count: number;
  /** Variables every worker gets on top of the primary's environment. */
  env?: Record<string, string>;
  logger: Logger;
  /** How long a worker may take to drain on SIGTERM before it is killed. */
  shutdownTimeoutMs: number;
  /** Replacements allowed within `restartWindowMs` before the whole process gives up. */
  maxRestarts?: number;
  restartWindowMs?: number;
}

/**
 * The primary of a multi-process coffer-server: forks `count` workers that each run the targets
 * (the HTTP and gRPC ports are shared by the cluster module, connections spread round-robin), says
 * `coffer is ready` once all serve, replaces a worker that dies later (a crash loop stops
 * everything with exit 1), and on SIGTERM or SIGINT drains every worker and exits 0. A worker
 * that fails before serving stops the start with its exit code, as a single process would.
 */
export function runPrimary({ count, env = {}, logger, shutdownTimeoutMs, maxRestarts = 5, restartWindowMs = 60_000 }: PrimaryOptions): void {
  let ready = 0;
  let serving = false;
  let stopping = false;
  let exitCode = 0;
  const restarts: number[] = [];

  const stopAll = (code: number) => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
    if (workers.length === 0) process.exit(exitCode);
    for (const worker of workers) worker.process.kill('SIGTERM');
    // Each worker drains within its own timeout; this only catches one that hangs past it.
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
    }, shutdownTimeoutMs + 5_000).unref();
  };

  const fork = () => {
    const worker = cluster.fork(env);
    worker.on('message', (message: unknown) => {
      if (!isReadyMessage(message) || serving) return;
      ready++;
      if (ready === count) {
        serving = true;
        logger.info({ url: message.url, workers: count }, 'coffer is ready');
      }
    });
  };

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (code !== 0) exitCode = 1;
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
      return;
    }
    // A worker exits 0 only after draining on a signal (Ctrl-C reaches the whole process group).
    if (code === 0) {
      stopAll(0);
      return;
    }
    if (!serving) {
      // Its own stderr said why (a configuration problem, a backend that cannot be reached).
      stopAll(code ?? 1);
      return;
    }
    const now = Date.now();
    restarts.push(now);
    while (restarts[0]! < now - restartWindowMs) restarts.shift();
    if (restarts.length > maxRestarts) {
      logger.error({ worker: worker.id, code, signal, restarts: restarts.length }, 'workers keep failing; stopping');
      stopAll(1);
      return;
    }
    logger.error({ worker: worker.id, code, signal }, 'worker exited unexpectedly; starting another');
    fork();
  });

  process.on('SIGTERM', () => stopAll(0));
  process.on('SIGINT', () => stopAll(0));
  logger.info({ workers: count }, 'starting workers');
  for (let i = 0; i < count; i++) fork();
}
