/**
 * `pnpm bench:cli`: what `coffer` adds to a command. Builds the CLI the way the README says (bundle
 * and single executable), starts the real coffer-server on PostgreSQL and Redis with 30 secrets,
 * and times fresh processes of `true`, `coffer run -- true`, `coffer secrets list` and
 * `coffer --version` for the executable, the bundle, the workspace bin (which starts the bundle
 * `pnpm install` built while it is current) and the sources through tsx. Every run is a new
 * process, so cold start is included. Prints figures; the target is reported, never asserted.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCli, SOURCE_CLI, SOURCES_THROUGH_TSX } from '../cli/support.js';
import { percentile, startBenchServer } from './bench-server.js';

const RUNS = Number(process.env.COFFER_BENCH_RUNS ?? 30);
const TARGET_ADDED_MS = 150;

/** Wall time of one process from spawn to exit, failing on a non-zero exit. */
function timed(command: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [file, ...args] = command as [string, ...string[]];
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${command.join(' ')} exited with ${code}: ${stderr.trim()}`));
      else resolve(Number(process.hrtime.bigint() - started) / 1e6);
    });
  });
}

interface Figures {
  first: number;
  p50: number;
  p95: number;
}

async function measure(command: readonly string[], env: NodeJS.ProcessEnv): Promise<Figures> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await timed(command, env));
  const sorted = [...times].sort((a, b) => a - b);
  return { first: times[0]!, p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

const ms = (value: number) => `${value.toFixed(1).padStart(7)} ms`;

function line(name: string, figures: Figures, extra = ''): void {
  console.log(`${name.padEnd(44)} first=${ms(figures.first)}  p50=${ms(figures.p50)}  p95=${ms(figures.p95)}  ${extra}`);
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'coffer-cli-bench-'));
  const server = await startBenchServer({ secrets: 30 });
  try {
    const built = await buildCli(join(work, 'build'));
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: work, XDG_CONFIG_HOME: join(work, 'config') };
    await new Promise<void>((resolve, reject) => {
      const [file, ...args] = built.executable as [string];
      const login = spawn(file, [...args, 'login', '--api-url', server.baseUrl, '--token-stdin'], { env, stdio: ['pipe', 'ignore', 'inherit'] });
      login.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`coffer login exited with ${code}`))));
      login.stdin.end(server.token);
    });
    await timed([...built.executable, 'context', 'set', '--org', 'bench', '--project', 'api', '--env', 'production'], env);

    console.log(`coffer CLI bench: ${RUNS} fresh processes each, 30 secrets, coffer-server (all targets) on PostgreSQL + Redis`);
    const baseline = await measure(['true'], env);
    line('true', baseline);
    const misses: string[] = [];
    for (const [name, command] of [
      ['single executable', built.executable],
      ['bundle (node coffer.cjs)', built.bundle],
      ['workspace bin (npx coffer)', SOURCE_CLI],
      ['sources through tsx', SOURCES_THROUGH_TSX],
    ] as const) {
      line(`${name}: coffer --version`, await measure([...command, '--version'], env));
      const run = await measure([...command, 'run', '--', 'true'], env);
      const added = run.p95 - baseline.p50;
      const verdict = name === 'sources through tsx' ? '' : added <= TARGET_ADDED_MS ? 'target met' : `TARGET MISSED: > ${TARGET_ADDED_MS} ms`;
      if (verdict.startsWith('TARGET MISSED')) misses.push(name);
      line(`${name}: coffer run -- true`, run, `added p50=${(run.p50 - baseline.p50).toFixed(1)} ms, p95=${added.toFixed(1)} ms  ${verdict}`);
      line(`${name}: coffer secrets list`, await measure([...command, 'secrets', 'list'], env));
    }
    console.log(misses.length === 0 ? `target met: coffer run adds at most ${TARGET_ADDED_MS} ms (p95) when built` : `target missed by: ${misses.join(', ')}`);
  } finally {
    await server.stop();
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
