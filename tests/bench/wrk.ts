/**
 * Load from wrk, a separate C process with an epoll loop: the bench's client costs a few µs per
 * request instead of competing with the server for the 2 cores the way a Node client does.
 * wrk reports non-2xx/3xx answers only in aggregate, so a Lua script counts every status per
 * thread and prints the totals when wrk is done.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reapedChildrenCpuMs } from '@coffer/test-kit/proc-stats';

export const WRK_BIN = process.env.BENCH_WRK ?? 'wrk';

export interface WrkOptions {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
  /** 1 by default: one epoll thread outruns this server many times over and leaves it the most CPU. */
  threads?: number;
}

export interface WrkResult {
  requests: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers by status; `429-bare` and `503-bare` are those without the `{"error":true,...}` envelope. */
  statuses: Record<string, number>;
  /** answers that are neither 2xx, 304 nor 429/503: must be 0 */
  other: number;
  socketErrors: number;
  /** 2xx and 304 answers per second: the throughput that served something. */
  okRps: number;
  threads: number;
  /** CPU (user + system) wrk itself used, in ms. */
  clientCpuMs: number;
}

/**
 * Method and headers come from the environment, not wrk's `-H`, so that the bearer token is not
 * in wrk's command line (readable by every user through /proc/<pid>/cmdline). `statuses` is a
 * global because `thread:get` reads globals of each thread's Lua state; `setup` and `done` run in
 * the main state.
 */
export const STATUS_SCRIPT = `
local threads = {}
function setup(thread) table.insert(threads, thread) end

wrk.method = os.getenv("COFFER_WRK_METHOD") or "GET"
for line in (os.getenv("COFFER_WRK_HEADERS") or ""):gmatch("[^\\n]+") do
  local name, value = line:match("^([^:]+): (.*)$")
  wrk.headers[name] = value
end

statuses = {}
function response(status, headers, body)
  local key = tostring(status)
  if (status == 429 or status == 503) and not (body and body:find('"error":true', 1, true)) then
    key = key .. "-bare"
  end
  statuses[key] = (statuses[key] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do totals[status] = (totals[status] or 0) + count end
  end
  local parts = {}
  for status, count in pairs(totals) do table.insert(parts, status .. "=" .. count) end
  table.sort(parts)
  io.write("coffer-statuses ", table.concat(parts, " "), "\\n")
end
`;

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** wrk's time format (`351.00us`, `0.88ms`, `1.02s`, `1.00m`) in ms. */
export function wrkTimeMs(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m|h)$/.exec(text);
  if (!match) throw new Error(`not a wrk time: ${text}`);
  return Number(match[1]) * UNIT_MS[match[2]!]!;
}

/** A deliberate refusal with the envelope: 429 (rate limit) or 503 (overload, dependency down). */
function isAccepted(status: string): boolean {
  return /^(2\d\d|304|429|503)$/.test(status);
}

/** The figures of wrk's `--latency` output followed by the status script's line. */
export function parseWrkOutput(stdout: string): Omit<WrkResult, 'threads' | 'clientCpuMs'> {
  const total = /^\s*(\d+) requests in ([\d.]+(?:us|ms|s|m|h)),/m.exec(stdout);
  const rps = /^Requests\/sec:\s+([\d.]+)/m.exec(stdout);
  const p50 = /^\s+50%\s+(\S+)\s*$/m.exec(stdout);
  const p99 = /^\s+99%\s+(\S+)\s*$/m.exec(stdout);
  const statusLine = /^coffer-statuses ?(.*)$/m.exec(stdout);
  if (!total || !rps || !p50 || !p99 || !statusLine) throw new Error(`could not read wrk's output:\n${stdout}`);
  const statuses: Record<string, number> = {};
  for (const pair of statusLine[1]!.split(' ').filter(Boolean)) {
    const [status, count] = pair.split('=') as [string, string];
    statuses[status] = Number(count);
  }
  const socket = /^\s*Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/m.exec(stdout);
  const seconds = wrkTimeMs(total[2]!) / 1000;
  const ok = Object.entries(statuses)
    .filter(([status]) => /^(2\d\d|304)$/.test(status))
    .reduce((sum, [, count]) => sum + count, 0);
  return {
    requests: Number(total[1]),
    seconds,
    rps: Number(rps[1]),
    p50Ms: wrkTimeMs(p50[1]!),
    p99Ms: wrkTimeMs(p99[1]!),
    statuses,
    other: Object.entries(statuses)
      .filter(([status]) => !isAccepted(status))
      .reduce((sum, [, count]) => sum + count, 0),
    socketErrors: socket ? socket.slice(1).reduce((sum, count) => sum + Number(count), 0) : 0,
    okRps: ok / seconds,
  };
}

/** Runs wrk once against `url` and reads its figures. */
export async function runWrk(options: WrkOptions): Promise<WrkResult> {
  const threads = Math.min(options.threads ?? 1, options.connections);
  const dir = mkdtempSync(join(tmpdir(), 'coffer-wrk-'));
  const script = join(dir, 'statuses.lua');
  writeFileSync(script, STATUS_SCRIPT);
  const args = [
    `--threads=${threads}`,
    `--connections=${options.connections}`,
    `--duration=${options.seconds}s`,
    // A slow answer under overload is still an answer: counted in the latencies, not as a timeout.
    '--timeout=30s',
    '--latency',
    `--script=${script}`,
    options.url,
  ];
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    COFFER_WRK_METHOD: options.method ?? 'GET',
    COFFER_WRK_HEADERS: Object.entries(options.headers ?? {})
      .map(([name, value]) => `${name}: ${value}`)
      .join('\n'),
  };
  const cpuBefore = reapedChildrenCpuMs();
  try {
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(WRK_BIN, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('error', (err: NodeJS.ErrnoException) =>
        reject(err.code === 'ENOENT' ? new Error(`${WRK_BIN} not found: install the apt package wrk (apt-get install wrk)`) : err),
      );
      child.on('close', (exitCode) => resolve({ code: exitCode, stdout, stderr }));
    });
    if (code !== 0) throw new Error(`wrk exited with ${code}: ${stderr.trim() || stdout.trim()}`);
    return { ...parseWrkOutput(stdout), threads, clientCpuMs: reapedChildrenCpuMs() - cpuBefore };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
