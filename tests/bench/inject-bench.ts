/**
 * `pnpm bench`: starts the real coffer-server (all targets, auditing on) on PostgreSQL and Redis,
 * fills an environment with 30 secrets and loads inject and single reveal with wrk from another
 * process. Beside every figure it prints the server's CPU per request (its process tree and
 * PostgreSQL, from /proc) and, for comparison, what the crypto of an inject costs in-process; then
 * a concurrency sweep, the resident memory at rest and at c=256, and a verdict. Figures are
 * printed, never asserted.
 *
 * BENCH_SECONDS (default 10) sets each run's length, BENCH_WARMUP_SECONDS (default 12) the
 * warm-up's, BENCH_FORM (dist|tsx), BENCH_WORKERS and BENCH_NODE_ARGS (node flags, e.g.
 * `--cpu-prof`) the server, BENCH_WRK_THREADS wrk's threads (default 1).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Agent } from 'node:http';
import { decryptValue, encryptValue, type EnvelopeKek } from '@coffer/crypto';
import { httpCall } from '@coffer/test-kit/http-call';
import { envInteger, formatMemory, measureLoad, memorySnapshot, setupLine, startBenchServer, type BenchServer, type Measured } from './bench-server.js';
import type { WrkOptions } from './wrk.js';

const SECRETS = 30;
const SECONDS = envInteger('BENCH_SECONDS', 10);
const WARMUP_SECONDS = envInteger('BENCH_WARMUP_SECONDS', 12);
const WRK_THREADS = envInteger('BENCH_WRK_THREADS', 1);
const SWEEP = [1, 8, 32, 64, 128, 256];

interface Target {
  /** p99 at most this many ms. */
  p99AtMostMs?: number;
  /** p99 strictly under this many ms. */
  p99UnderMs?: number;
  minRps?: number;
}

/**
 * What the crypto of one inject costs in-process: per secret, unwrapping its DEK under the KEK and
 * opening the value, both AES-256-GCM through @coffer/crypto as the Secret service does it.
 */
function cryptoFloorUsPerSecret(): number {
  const kek: EnvelopeKek = { id: randomUUID(), version: 1, key: randomBytes(32) };
  const orgId = randomUUID();
  const sealed = Array.from({ length: SECRETS }, () => {
    const secretId = randomUUID();
    return { secretId, ...encryptValue({ plaintext: randomBytes(24).toString('base64'), orgId, secretId, version: 1, kek }) };
  });
  const injectOnce = () => {
    for (const { secretId, ciphertext, wrappedDek } of sealed) decryptValue({ ciphertext, wrappedDek, orgId, secretId, version: 1, kek });
  };
  for (let i = 0; i < 500; i++) injectOnce(); // JIT and OpenSSL's first calls
  const rounds = 3000;
  const started = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) injectOnce();
  return Number(process.hrtime.bigint() - started) / 1e3 / (rounds * SECRETS);
}

const fixed = (value: number, digits: number, width: number) => value.toFixed(digits).padStart(width);

interface Totals {
  other: number;
  socketErrors: number;
  misses: string[];
}

function report(name: string, measured: Measured, totals: Totals, floorMs: number | undefined, target?: Target): void {
  const { wrk } = measured;
  totals.other += wrk.other;
  totals.socketErrors += wrk.socketErrors;
  const misses: string[] = [];
  if (target?.p99AtMostMs !== undefined && !(wrk.p99Ms <= target.p99AtMostMs)) misses.push(`p99 ${wrk.p99Ms.toFixed(2)} ms > ${target.p99AtMostMs} ms`);
  if (target?.p99UnderMs !== undefined && !(wrk.p99Ms < target.p99UnderMs)) misses.push(`p99 ${wrk.p99Ms.toFixed(2)} ms ≥ ${target.p99UnderMs} ms`);
  if (target?.minRps !== undefined && !(wrk.okRps >= target.minRps)) misses.push(`${wrk.okRps.toFixed(0)} req/s < ${target.minRps} req/s`);
  totals.misses.push(...misses.map((miss) => `${name.trim()}: ${miss}`));
  const wanted = [
    target?.minRps === undefined ? undefined : `≥ ${target.minRps} req/s`,
    target?.p99AtMostMs === undefined ? undefined : `p99 ≤ ${target.p99AtMostMs} ms`,
    target?.p99UnderMs === undefined ? undefined : `p99 < ${target.p99UnderMs} ms`,
  ].filter(Boolean);
  const verdict = target ? ` | target ${wanted.join(', ')}: ${misses.length === 0 ? 'met' : 'MISSED'}` : '';
  const statuses = Object.keys(wrk.statuses).some((status) => status !== '200')
    ? ` [${Object.entries(wrk.statuses)
        .map(([status, count]) => `${status}=${count}`)
        .join(' ')}]`
    : '';
  const total = measured.serverCpuMs + measured.postgresCpuMs;
  const floor = floorMs === undefined ? '' : `, crypto floor ${floorMs.toFixed(2)}`;
  console.log(
    `${name.padEnd(18)} ${fixed(wrk.okRps, 0, 6)} req/s  p50 ${fixed(wrk.p50Ms, 2, 7)} ms  p99 ${fixed(wrk.p99Ms, 2, 7)} ms  ` +
      `n=${String(wrk.requests).padStart(6)}  other ${wrk.other}${wrk.socketErrors ? `  socket errors ${wrk.socketErrors}` : ''}${statuses}` +
      ` | CPU ms/req: server ${measured.serverCpuMs.toFixed(3)} + pg ${measured.postgresCpuMs.toFixed(3)} = ${total.toFixed(3)}` +
      ` (wrk ${measured.clientCpuMs.toFixed(3)}${floor})${verdict}`,
  );
}

async function main(): Promise<void> {
  const server: BenchServer = await startBenchServer({ secrets: SECRETS });
  const setup = new Agent({ keepAlive: true });
  const totals: Totals = { other: 0, socketErrors: 0, misses: [] };
  try {
    const first = await httpCall(server.port, 'POST', `${server.scope}/inject`, { agent: setup, token: server.token });
    const count = Object.keys((JSON.parse(first.body) as { data: { values: object } }).data.values).length;
    if (count !== SECRETS) throw new Error(`inject returned ${count} values, expected ${SECRETS}`);
    const etag = first.headers.etag;

    const auth = { authorization: `Bearer ${server.token}` };
    const inject = (connections: number, seconds = SECONDS, headers = auth): WrkOptions => ({
      url: `${server.baseUrl}${server.scope}/inject`,
      method: 'POST',
      headers,
      connections,
      seconds,
      threads: WRK_THREADS,
    });
    const reveal = (connections: number, seconds = SECONDS): WrkOptions => ({
      url: `${server.baseUrl}${server.scope}/secrets/SECRET_07?reveal=true`,
      headers: auth,
      connections,
      seconds,
      threads: WRK_THREADS,
    });

    console.log(`coffer bench: ${SECRETS} secrets, all targets, PostgreSQL + Redis, auditing on; load from wrk, ${SECONDS} s per run`);
    console.log(setupLine(server, WRK_THREADS));
    const floorUs = cryptoFloorUsPerSecret();
    const injectFloorMs = (floorUs * SECRETS) / 1000;
    console.log(
      `crypto floor (in-process, @coffer/crypto): ${floorUs.toFixed(1)} µs per secret (DEK unwrap + value open), ` +
        `${injectFloorMs.toFixed(2)} ms per inject of ${SECRETS}, ${(floorUs / 1000).toFixed(3)} ms per reveal`,
    );
    console.log('req/s counts 2xx and 304 answers; CPU ms/req: server = coffer-server process tree, pg = every postgres process but other databases’ backends');

    // Warm-up, so that every figure is of the steady state: the JIT's optimised code, every pooled
    // connection with its prepared statements (c=32 reaches all of them), the heap grown to its
    // working size, caches filled. Its answers count toward the other-answers total all the same.
    for (const options of [inject(32, WARMUP_SECONDS - 3), reveal(8, 3)]) {
      const warm = await measureLoad(server, options);
      totals.other += warm.wrk.other;
      totals.socketErrors += warm.wrk.socketErrors;
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const atRest = memorySnapshot(server);

    report('inject c=1', await measureLoad(server, inject(1)), totals, injectFloorMs, { p99AtMostMs: 5 });
    report('inject c=32', await measureLoad(server, inject(32)), totals, injectFloorMs, { minRps: 1000, p99UnderMs: 50 });
    // The same with a person's session (a signed-in user's access token) instead of an API token.
    if (server.sessionToken) {
      const session = { authorization: `Bearer ${server.sessionToken}` };
      report('inject session c=1', await measureLoad(server, inject(1, SECONDS, session)), totals, injectFloorMs, { p99AtMostMs: 5 });
      report('inject session c=32', await measureLoad(server, inject(32, SECONDS, session)), totals, injectFloorMs, { minRps: 1000, p99UnderMs: 50 });
    } else {
      console.log('inject session     skipped: this platform has no sessions (POST /auth/login answers 404)');
    }
    report('reveal c=1', await measureLoad(server, reveal(1)), totals, floorUs / 1000);
    report('reveal c=32', await measureLoad(server, reveal(32)), totals, floorUs / 1000, { minRps: 1200 });
    if (typeof etag === 'string') {
      const notModified = await measureLoad(server, { ...inject(32), headers: { ...auth, 'if-none-match': etag } });
      report('inject 304 c=32', notModified, totals, undefined);
      if (!notModified.wrk.statuses['304']) console.log('  no answer was 304: the server did not honour If-None-Match');
    } else {
      console.log('inject 304 c=32    skipped: the first inject answer has no ETag header');
    }

    console.log('sweep: inject at rising concurrency');
    let atLoad: Measured['memory'];
    for (const connections of SWEEP) {
      const measured = await measureLoad(server, inject(connections), { memory: connections === SWEEP.at(-1) });
      atLoad = measured.memory ?? atLoad;
      report(`  inject c=${connections}`, measured, totals, injectFloorMs);
    }

    console.log(`memory at rest:  ${formatMemory(atRest)}`);
    console.log(`memory at c=${SWEEP.at(-1)}: ${formatMemory(atLoad ?? [])} (highest of samples every 0.5 s)`);
    const targets = totals.misses.length === 0 ? 'targets met' : `targets MISSED (${totals.misses.join('; ')})`;
    console.log(`verdict: ${targets}; other answers ${totals.other} (must be 0), socket errors ${totals.socketErrors}`);
  } finally {
    setup.destroy();
    await server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
