/**
 * `pnpm bench:ab`: this checkout's inject against a baseline's, side by side. Both compiled servers
 * run at once (each on its own fresh database, one Redis), and are loaded in turn, round after
 * round, in the order A B B A, so that a machine that speeds up or slows down during the session
 * (a shared VM does) weighs on both alike. Prints every run, then per scenario the median req/s
 * of each side, head's as a percentage of the baseline's, and the mean CPU per request. Figures
 * are printed, never asserted.
 *
 * BENCH_BASELINE: the baseline's checkout, built (`git clone`, `git checkout <commit>`, install,
 * `pnpm build`). BENCH_ROUNDS (default 4), BENCH_SECONDS (default 10) and BENCH_WARMUP_SECONDS
 * (default 12) set the length.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { envInteger, measureLoad, startBenchServer, type BenchServer, type Measured } from './bench-server.js';
import type { WrkOptions } from './wrk.js';

const ROUNDS = envInteger('BENCH_ROUNDS', 4);
const SECONDS = envInteger('BENCH_SECONDS', 10);
const WARMUP_SECONDS = envInteger('BENCH_WARMUP_SECONDS', 12);

interface Side {
  name: 'head' | 'base';
  server: BenchServer;
}

interface Scenario {
  name: string;
  connections: number;
  /** The bearer token it sends, or undefined when the side has none of that kind (a baseline without sessions). */
  token(server: BenchServer): string | undefined;
}

const SCENARIOS: readonly Scenario[] = [
  { name: 'inject API token c=1', connections: 1, token: (server) => server.token },
  { name: 'inject API token c=32', connections: 32, token: (server) => server.token },
  { name: 'inject session c=1', connections: 1, token: (server) => server.sessionToken },
  { name: 'inject session c=32', connections: 32, token: (server) => server.sessionToken },
];

const injectLoad = (server: BenchServer, token: string, connections: number, seconds: number): WrkOptions => ({
  url: `${server.baseUrl}${server.scope}/inject`,
  method: 'POST',
  headers: { authorization: `Bearer ${token}` },
  connections,
  seconds,
  threads: 1,
});

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

function runLine(round: number, side: Side, scenario: Scenario, measured: Measured): string {
  const { wrk } = measured;
  const other = wrk.other + wrk.socketErrors > 0 ? `  OTHER ${wrk.other} socket errors ${wrk.socketErrors}` : '';
  return (
    `round ${round} ${side.name} ${scenario.name.padEnd(22)} ${wrk.okRps.toFixed(0).padStart(6)} req/s  p99 ${wrk.p99Ms.toFixed(2).padStart(7)} ms` +
    `  CPU ms/req server ${measured.serverCpuMs.toFixed(3)} pg ${measured.postgresCpuMs.toFixed(3)}${other}`
  );
}

async function main(): Promise<void> {
  const baseline = process.env.BENCH_BASELINE;
  if (!baseline || !existsSync(resolve(baseline, 'packages/server/dist/coffer-server.js'))) {
    throw new Error('BENCH_BASELINE must name a built checkout of the baseline (packages/server/dist/coffer-server.js)');
  }
  const sides: Side[] = [];
  try {
    sides.push({ name: 'head', server: await startBenchServer() });
    sides.push({ name: 'base', server: await startBenchServer({ root: resolve(baseline) }) });
    console.log(`coffer bench:ab: head (this checkout) against ${resolve(baseline)}; ${ROUNDS} rounds of ${SECONDS} s per run, in the order A B B A`);
    for (const side of sides) await measureLoad(side.server, injectLoad(side.server, side.server.token, 32, WARMUP_SECONDS));

    const results = new Map<string, Measured[]>();
    for (let round = 1; round <= ROUNDS; round++) {
      const order = round % 2 === 1 ? sides : [...sides].reverse();
      for (const scenario of SCENARIOS) {
        for (const side of order) {
          const token = scenario.token(side.server);
          if (token === undefined) continue;
          const measured = await measureLoad(side.server, injectLoad(side.server, token, scenario.connections, SECONDS));
          console.log(runLine(round, side, scenario, measured));
          const key = `${side.name}\n${scenario.name}`;
          results.set(key, [...(results.get(key) ?? []), measured]);
        }
      }
    }

    console.log('\nmedians (req/s), head as % of the baseline; mean CPU ms/req (server + pg)');
    const figure = (side: string, scenario: string) => {
      const runs = results.get(`${side}\n${scenario}`);
      if (!runs) return undefined;
      return { rps: median(runs.map((run) => run.wrk.okRps)), cpu: mean(runs.map((run) => run.serverCpuMs + run.postgresCpuMs)) };
    };
    for (const scenario of SCENARIOS) {
      const head = figure('head', scenario.name);
      // A baseline without sessions is compared on its API token, the figure the issue names.
      const base = figure('base', scenario.name) ?? figure('base', scenario.name.replace('session', 'API token'));
      if (!head || !base) continue;
      const percent = ((head.rps / base.rps) * 100).toFixed(1);
      console.log(
        `${scenario.name.padEnd(22)} head ${head.rps.toFixed(0).padStart(6)}  base ${base.rps.toFixed(0).padStart(6)}  head ${percent} %` +
          `  | CPU head ${head.cpu.toFixed(3)} base ${base.cpu.toFixed(3)}`,
      );
    }
  } finally {
    for (const side of sides) await side.server.stop();
  }
}

await main();
