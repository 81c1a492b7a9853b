/**
 * `pnpm bench:startup`: what running compiled JavaScript instead of TypeScript through tsx changes.
 * Builds the server bundle, then starts coffer-server (all targets) in both forms on a fresh
 * PostgreSQL database and Redis, with COFFER_WORKERS=1 and with the server's default, and measures
 * the milliseconds from spawn to the first 200 of GET /readyz, and the resident memory (VmRSS) of
 * the server's process tree at ready and after 1,000 injects of 30 secrets. Runs alternate between
 * the forms so that the machine's noise falls on both; the medians are printed, never asserted.
 *
 * BENCH_RUNS (default 5) sets the runs per form and setting.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Agent } from 'node:http';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, TEST_REDIS_URL } from '@coffer/test-kit/postgres';
import { freePort, REPO_ROOT, SERVER_BIN } from '@coffer/test-kit/server-process';
import { httpCall } from '@coffer/test-kit/http-call';
import { BENCH_SCOPE, DIST_SERVER, envInteger, seedBenchEnvironment, type ServerForm } from './bench-server.js';
import { processTree, rssKb } from '@coffer/test-kit/proc-stats';

const RUNS = envInteger('BENCH_RUNS', 5);
const SECRETS = 30;
const INJECTS = 1_000;
/** Injects in flight at once: enough to reach every worker. */
const CONCURRENCY = 4;
const FORMS: readonly ServerForm[] = ['dist', 'tsx'];
/** COFFER_WORKERS as set; undefined leaves it to the server. */
const SETTINGS: readonly (number | undefined)[] = [1, undefined];

interface Sample {
  readyMs: number;
  processes: number;
  rssAtReadyKb: number;
  rssAfterInjectsKb: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resident memory of the process and all its descendants (the workers, when it forks them). */
function treeRssKb(pid: number): { processes: number; kb: number } {
  const pids = processTree(pid);
  return { processes: pids.length, kb: pids.reduce((sum, each) => sum + rssKb(each), 0) };
}

async function measure(form: ServerForm, workers: number | undefined): Promise<Sample> {
  const database = await createTestDatabase();
  const port = await freePort();
  // A fresh connection per poll: a refused connect must not poison a keep-alive pool.
  const poll = new Agent({ keepAlive: false });
  const agent = new Agent({ keepAlive: true });
  const started = performance.now();
  const server = spawn(process.execPath, [form === 'dist' ? DIST_SERVER : SERVER_BIN, '--targets=all'], {
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      COFFER_REDIS_PREFIX: `coffer-bench:${randomBytes(6).toString('hex')}`,
      COFFER_MASTER_KEY: randomBytes(32).toString('hex'),
      COFFER_AUTH_KEY: randomBytes(32).toString('hex'),
      COFFER_HTTP_PORT: String(port),
      COFFER_LOG_LEVEL: 'warn',
      ...(workers === undefined ? {} : { COFFER_WORKERS: String(workers) }),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  try {
    for (;;) {
      if (exitCode !== undefined) throw new Error(`coffer-server (${form}) exited with ${exitCode} before it was ready`);
      const ready = await httpCall(port, 'GET', '/readyz', { agent: poll }).catch(() => undefined);
      if (ready?.status === 200) break;
      if (performance.now() - started > 120_000) throw new Error(`coffer-server (${form}) not ready after 120 s`);
      await sleep(5);
    }
    const readyMs = performance.now() - started;
    const atReady = treeRssKb(server.pid!);

    const token = await seedBenchEnvironment(port, agent, SECRETS);
    let sent = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (sent < INJECTS) {
          sent++;
          const injected = await httpCall(port, 'POST', `${BENCH_SCOPE}/inject`, { agent, token });
          if (injected.status !== 200) throw new Error(`inject answered ${injected.status}`);
        }
      }),
    );
    const afterInjects = treeRssKb(server.pid!);
    return { readyMs, processes: atReady.processes, rssAtReadyKb: atReady.kb, rssAfterInjectsKb: afterInjects.kb };
  } finally {
    poll.destroy();
    agent.destroy();
    server.kill('SIGTERM');
    const code = await exited;
    if (code !== 0) console.error(`coffer-server (${form}) exited with ${code}`);
    await database.drop();
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const mb = (kb: number) => `${(kb / 1024).toFixed(1)} MB`;
const range = (values: readonly number[], show: (value: number) => string) =>
  `${show(median(values))} (${show(Math.min(...values))}–${show(Math.max(...values))})`;

async function main(): Promise<void> {
  execFileSync(process.execPath, [join(REPO_ROOT, 'packages/server/scripts/build.mjs')], { stdio: 'inherit' });
  console.log(
    `coffer start-up bench: all targets on a fresh PostgreSQL database and Redis, ${RUNS} runs per form and setting, ` +
      `${INJECTS} injects of ${SECRETS} secrets (${CONCURRENCY} in flight); ${availableParallelism()} CPUs, node ${process.version}`,
  );
  console.log('ready: spawn to the first 200 of GET /readyz (includes the migrations of the fresh database); RSS: the server process tree');
  const samples = new Map<string, Sample[]>();
  const key = (form: ServerForm, workers: number | undefined) => `${form} ${workers ?? 'default'}`;
  for (let run = 1; run <= RUNS; run++) {
    for (const workers of SETTINGS) {
      // Alternate which form goes first, so that neither always meets a warmer machine.
      for (const form of run % 2 === 1 ? FORMS : [...FORMS].reverse()) {
        const sample = await measure(form, workers);
        samples.set(key(form, workers), [...(samples.get(key(form, workers)) ?? []), sample]);
        console.log(
          `  run ${run} ${form.padEnd(4)} COFFER_WORKERS=${String(workers ?? 'default').padEnd(7)} ready ${sample.readyMs.toFixed(0).padStart(5)} ms, ` +
            `${sample.processes} process(es), RSS ${mb(sample.rssAtReadyKb)} at ready, ${mb(sample.rssAfterInjectsKb)} after injects`,
        );
      }
    }
  }
  console.log('medians (min–max):');
  for (const workers of SETTINGS) {
    for (const form of FORMS) {
      const runs = samples.get(key(form, workers)) ?? [];
      const label = `${form === 'dist' ? 'compiled (dist)' : 'tsx (bin)'}, COFFER_WORKERS=${workers ?? `default (${runs[0]?.processes ?? '?'} processes)`}`;
      console.log(
        `  ${label.padEnd(56)} ready ${range(
          runs.map((sample) => sample.readyMs),
          (ms) => `${ms.toFixed(0)} ms`,
        )}; RSS at ready ${range(
          runs.map((sample) => sample.rssAtReadyKb),
          mb,
        )}; after ${INJECTS} injects ${range(
          runs.map((sample) => sample.rssAfterInjectsKb),
          mb,
        )}`,
      );
    }
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
