/**
 * `pnpm bench:size`: is the hot path flat with the size of the database? Starts the real
 * coffer-server twice, each on its own database with organisation `bench` (30 secrets in
 * api/production, written through the API), and seeds other organisations (seed-versions.ts)
 * until one database holds about 1,000 versions and the other 1,000,000. It then measures inject
 * and reveal with wrk on both, alternating between them, and prints the two side by side with
 * p99(large)/p99(small), which should be at most 1.5; then, per hot statement, the pages it
 * touches and its execution time in both databases, and the query plans on the large one.
 * Figures are printed, never asserted.
 *
 * Why two servers rather than one measured before and after its seed: on a shared 2-core machine
 * the p99 of a run moves more with what else runs than with the database, so both sizes are
 * measured in the same stretch of time, turn about, and each figure is the median of
 * BENCH_ROUNDS rounds (default 3) of BENCH_SECONDS (default 10). Beside latency it prints CPU per
 * request of the server and of PostgreSQL (from /proc). Sizes: --small N, --large N.
 */
import { Agent } from 'node:http';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { httpCall } from '@coffer/test-kit/http-call';
import { envInteger, measureLoad, startBenchServer, type BenchServer, type Measured } from './bench-server.js';
import { explainHotStatements, formatPlans, type StatementPlan } from './query-plans.js';
import { ownerUrlOf, seedVersions } from './seed-versions.js';

const SECONDS = envInteger('BENCH_SECONDS', 10);
const ROUNDS = envInteger('BENCH_ROUNDS', 3);
const WARMUP_SECONDS = 3;
const MAX_RATIO = 1.5;
const SECRETS = 30;

interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  connections: number;
}

const SCENARIOS: Scenario[] = [
  { name: 'inject c=1', method: 'POST', path: '/inject', connections: 1 },
  { name: 'inject c=32', method: 'POST', path: '/inject', connections: 32 },
  { name: 'reveal c=1', method: 'GET', path: '/secrets/SECRET_07?reveal=true', connections: 1 },
  { name: 'reveal c=32', method: 'GET', path: '/secrets/SECRET_07?reveal=true', connections: 32 },
];

interface Figures {
  p50Ms: number;
  p99Ms: number;
  p99MinMs: number;
  p99MaxMs: number;
  rps: number;
  serverCpuMs: number;
  postgresCpuMs: number;
  /** Answers other than 200 and socket errors, over every round. */
  failures: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function sql<T extends pg.QueryResultRow>(ownerUrl: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

async function storedVersions(ownerUrl: string): Promise<number> {
  return Number((await sql<{ count: string }>(ownerUrl, 'select count(*) from secret_versions'))[0]!.count);
}

/** Seeds other organisations until `total` versions are stored in all. */
async function growTo(ownerUrl: string, total: number): Promise<void> {
  const missing = total - (await storedVersions(ownerUrl));
  if (missing <= 0) return;
  const seeded = await seedVersions(ownerUrl, { versions: missing });
  console.log(
    `seeded ${seeded.versions} versions (${seeded.secrets} secrets, ${seeded.orgs} organisations) in ${seeded.seconds.toFixed(1)} s, ` +
      `COPY, verification and VACUUM ANALYZE included; ${await storedVersions(ownerUrl)} versions stored`,
  );
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function load(server: BenchServer, scenario: Scenario, seconds: number): Promise<Measured> {
  // wrk would only say "connection refused"; a server gone mid-bench (killed from outside) should say so.
  if (!running(server.pid)) throw new Error(`coffer-server ${server.pid} (${server.databaseName}) is no longer running`);
  return measureLoad(server, {
    url: `${server.baseUrl}${server.scope}${scenario.path}`,
    method: scenario.method,
    headers: { authorization: `Bearer ${server.token}` },
    connections: scenario.connections,
    seconds,
  });
}

async function warmUp(server: BenchServer): Promise<void> {
  // JIT, connection pools, KEK caches, and the plans that VACUUM ANALYZE invalidated.
  for (const scenario of SCENARIOS) await load(server, { ...scenario, connections: 8 }, WARMUP_SECONDS);
}

function summarise(measured: Measured[]): Figures {
  const p99s = measured.map((run) => run.wrk.p99Ms);
  return {
    p50Ms: median(measured.map((run) => run.wrk.p50Ms)),
    p99Ms: median(p99s),
    p99MinMs: Math.min(...p99s),
    p99MaxMs: Math.max(...p99s),
    rps: median(measured.map((run) => run.wrk.okRps)),
    serverCpuMs: median(measured.map((run) => run.serverCpuMs)),
    postgresCpuMs: median(measured.map((run) => run.postgresCpuMs)),
    failures: measured.reduce((sum, run) => sum + run.wrk.socketErrors + (run.wrk.requests - (run.wrk.statuses['200'] ?? 0)), 0),
  };
}

/** Every scenario ROUNDS times on both servers, back to back, the order swapped each round. */
async function measure(servers: [BenchServer, BenchServer]): Promise<Array<Map<string, Figures>>> {
  for (const server of servers) await warmUp(server);
  const runs = servers.map(() => new Map<string, Measured[]>(SCENARIOS.map((scenario) => [scenario.name, []])));
  for (let round = 0; round < ROUNDS; round++) {
    for (const scenario of SCENARIOS) {
      const order = round % 2 === 0 ? [0, 1] : [1, 0];
      for (const i of order) runs[i]!.get(scenario.name)!.push(await load(servers[i]!, scenario, SECONDS));
    }
  }
  return runs.map((byScenario) => new Map([...byScenario].map(([name, measured]) => [name, summarise(measured)])));
}

const thousands = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n));
const ms = (value: number) => value.toFixed(2).padStart(7);

function table(small: number, large: number, atSmall: Map<string, Figures>, atLarge: Map<string, Figures>): boolean {
  const [s, l] = [thousands(small), thousands(large)];
  console.log(`\n${''.padEnd(12)} | ${`${s}: p50 / p99 [range] ms, req/s, cpu ms/req server+pg`.padEnd(58)} | ${`${l}: the same`.padEnd(58)} | p99 ${l}/${s}`);
  let flat = true;
  for (const scenario of SCENARIOS) {
    const a = atSmall.get(scenario.name)!;
    const b = atLarge.get(scenario.name)!;
    const ratio = b.p99Ms / a.p99Ms;
    const ok = ratio <= MAX_RATIO;
    flat &&= ok;
    const cell = (f: Figures) =>
      `${ms(f.p50Ms)} / ${ms(f.p99Ms)} [${f.p99MinMs.toFixed(1)}-${f.p99MaxMs.toFixed(1)}] ${f.rps.toFixed(0).padStart(5)}/s ${f.serverCpuMs.toFixed(2)}+${f.postgresCpuMs.toFixed(2)}`.padEnd(
        58,
      ) + (f.failures > 0 ? ` (${f.failures} failed)` : '');
    console.log(`${scenario.name.padEnd(12)} | ${cell(a)} | ${cell(b)} | ${ratio.toFixed(2)} ${ok ? `≤ ${MAX_RATIO}` : `> ${MAX_RATIO} MISSED`}`);
  }
  return flat;
}

/** A port freePort() handed out can be taken by another process before the server binds it: try again. */
async function start(attempts = 3): Promise<BenchServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startBenchServer({ secrets: SECRETS });
    } catch (err) {
      if (attempt >= attempts) throw err;
      console.error(`coffer-server did not start (${err instanceof Error ? err.message : String(err)}); trying again`);
    }
  }
}

async function checkInject(server: BenchServer): Promise<void> {
  const agent = new Agent({ keepAlive: true });
  try {
    const check = await httpCall(server.port, 'POST', `${server.scope}/inject`, { agent, token: server.token });
    const count = Object.keys((JSON.parse(check.body) as { data: { values: object } }).data.values).length;
    if (count !== SECRETS) throw new Error(`inject returned ${count} values, expected ${SECRETS}`);
  } finally {
    agent.destroy();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { small: { type: 'string' }, large: { type: 'string' } }, strict: true });
  const small = Number(values.small ?? 1000);
  const large = Number(values.large ?? 1_000_000);
  if (!Number.isSafeInteger(small) || !Number.isSafeInteger(large) || small < SECRETS || large <= small) {
    throw new Error(`--small must be at least ${SECRETS} and --large more than --small`);
  }

  const servers: BenchServer[] = [];
  try {
    for (let i = 0; i < 2; i++) servers.push(await start());
    const [smallServer, largeServer] = servers as [BenchServer, BenchServer];
    for (const server of servers) await checkInject(server);
    console.log(
      `coffer size bench: inject and reveal of ${SECRETS} secrets with ${thousands(small)} and ${thousands(large)} versions stored, ` +
        `two servers measured turn about; medians of ${ROUNDS} rounds of ${SECONDS} s`,
    );
    const ownerUrls = servers.map((server) => ownerUrlOf(server.databaseUrl));
    await growTo(ownerUrls[0]!, small);
    await growTo(ownerUrls[1]!, large);
    // The seed's dirty pages written now rather than by the checkpointer during the measurements.
    await sql(ownerUrls[1]!, 'checkpoint');

    const [atSmall, atLarge] = await measure([smallServer, largeServer]);
    const flat = table(small, large, atSmall!, atLarge!);
    console.log(
      flat
        ? `\nflat with size: every p99 at ${thousands(large)} is at most ${MAX_RATIO} times the one at ${thousands(small)}`
        : `\nNOT FLAT: see the ratios above`,
    );

    // What the size changes in the database itself, without the noise of the HTTP path: per statement, pages touched and time.
    const smallPlans = (await explainHotStatements(ownerUrls[0]!, { org: 'bench' })).plans;
    const { scope, plans } = await explainHotStatements(ownerUrls[1]!, { org: 'bench' });
    console.log(`\n${'statement (EXPLAIN ANALYZE, warm)'.padEnd(52)} | ${thousands(small)}: shared hits, execution ms | ${thousands(large)}: the same`);
    for (const plan of plans) {
      const before = smallPlans.find((candidate) => candidate.name === plan.name);
      const cell = (p: StatementPlan | undefined) => (p ? `${String(p.sharedHit).padStart(5)} ${p.executionMs.toFixed(3).padStart(8)} ms` : 'n/a');
      console.log(`${plan.name.padEnd(52)} | ${cell(before).padEnd(28)} | ${cell(plan)}`);
    }
    console.log(
      `\nquery plans at ${thousands(large)} versions, ${scope.org}/${scope.project}/${scope.environment}, key ${scope.key}, as coffer_app under RLS:`,
    );
    console.log(formatPlans(plans));
  } finally {
    for (const server of servers) await server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
