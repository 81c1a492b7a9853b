/**
 * `pnpm bench`: starts the real coffer-server (all targets) on PostgreSQL and Redis, fills an
 * environment with 30 secrets and measures inject and single reveal through the gateway from this
 * separate process. Prints figures; targets are reported, never asserted.
 */
import { Agent } from 'node:http';
import { BENCH_SCOPE as SCOPE, call, percentile, startBenchServer } from './bench-server.js';

interface Result {
  requests: number;
  errors: number;
  seconds: number;
  latenciesMs: number[];
}

async function load(
  port: number,
  concurrency: number,
  options: { requests: number; maxSeconds: number },
  send: (agent: Agent) => Promise<{ status: number }>,
): Promise<Result> {
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
  const { port, token, stop } = await startBenchServer(30);
  const setup = new Agent({ keepAlive: true });
  try {
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
    await stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
