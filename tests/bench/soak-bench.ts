/**
 * `pnpm bench:soak`: does memory grow under steady load? Starts the real coffer-server (all
 * targets, auditing on) with 30 secrets and loads inject at c=32 with wrk for 5 minutes
 * (BENCH_SOAK_SECONDS) in 30 s slices, printing after each the throughput, the answers that are
 * neither 2xx nor a deliberate 429/503, and the highest resident memory of every process; at the
 * end the first slice against the last. Figures are printed, never asserted.
 */
import {
  envInteger,
  formatMemory,
  mb,
  measureLoad,
  memorySnapshot,
  setupLine,
  startBenchServer,
  type BenchServer,
  type ProcessMemory,
} from './bench-server.js';
import type { WrkOptions } from './wrk.js';

const SOAK_SECONDS = envInteger('BENCH_SOAK_SECONDS', 300);
const SLICE_SECONDS = 30;
const CONNECTIONS = 32;
const WARMUP_SECONDS = 5;
const WRK_THREADS = envInteger('BENCH_WRK_THREADS', 1);

const key = (entry: ProcessMemory) => `${entry.label} ${entry.pid ?? ''}`;
const total = (memory: readonly ProcessMemory[]) => memory.reduce((sum, entry) => sum + entry.rssKb, 0);
const growth = (from: number, to: number) => `${to >= from ? '+' : ''}${(((to - from) / from) * 100).toFixed(1)} %`;

/** Each process's first and last figure; a process that is in only one of them (a restarted worker) says so. */
function compare(first: readonly ProcessMemory[], last: readonly ProcessMemory[]): string[] {
  const lastByKey = new Map(last.map((entry) => [key(entry), entry]));
  const lines = first.map((entry) => {
    const end = lastByKey.get(key(entry));
    lastByKey.delete(key(entry));
    const name = entry.pid === undefined ? `${entry.label} backends` : `${entry.label} ${entry.pid}`;
    return end === undefined
      ? `  ${name}: ${mb(entry.rssKb)} -> gone`
      : `  ${name}: ${mb(entry.rssKb)} -> ${mb(end.rssKb)} (${growth(entry.rssKb, end.rssKb)})`;
  });
  for (const entry of lastByKey.values()) lines.push(`  ${entry.label} ${entry.pid ?? ''}: new -> ${mb(entry.rssKb)}`);
  lines.push(`  total: ${mb(total(first))} -> ${mb(total(last))} (${growth(total(first), total(last))})`);
  return lines;
}

async function main(): Promise<void> {
  const server: BenchServer = await startBenchServer({ secrets: 30 });
  try {
    const inject = (seconds: number): WrkOptions => ({
      url: `${server.baseUrl}${server.scope}/inject`,
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}` },
      connections: CONNECTIONS,
      seconds,
      threads: WRK_THREADS,
    });
    console.log(`coffer soak: inject of 30 secrets at c=${CONNECTIONS} for ${SOAK_SECONDS} s in slices of up to ${SLICE_SECONDS} s, auditing on`);
    console.log(setupLine(server, WRK_THREADS));
    const warm = (await measureLoad(server, inject(WARMUP_SECONDS))).wrk;
    let other = warm.other;
    let socketErrors = warm.socketErrors;
    await new Promise((resolve) => setTimeout(resolve, 2000));
    console.log(`memory at rest: ${formatMemory(memorySnapshot(server))}`);

    const slices: ProcessMemory[][] = [];
    for (let elapsed = 0; elapsed < SOAK_SECONDS;) {
      const seconds = Math.min(SLICE_SECONDS, SOAK_SECONDS - elapsed);
      const { wrk, memory } = await measureLoad(server, inject(seconds), { memory: true });
      elapsed += seconds;
      other += wrk.other;
      socketErrors += wrk.socketErrors;
      slices.push(memory!);
      console.log(
        `${String(elapsed).padStart(4)} s  ${wrk.okRps.toFixed(0).padStart(5)} req/s  p99 ${wrk.p99Ms.toFixed(2).padStart(7)} ms  ` +
          `other ${wrk.other}${wrk.socketErrors ? `  socket errors ${wrk.socketErrors}` : ''} | ${formatMemory(memory!)}`,
      );
    }
    console.log(`memory, highest in the first slice -> highest in the last:`);
    for (const line of compare(slices[0]!, slices.at(-1)!)) console.log(line);
    console.log(`other answers over the soak: ${other} (must be 0), socket errors ${socketErrors}`);
  } finally {
    await server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
