import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseWrkOutput, runWrk, wrkTimeMs, WRK_BIN } from './wrk.js';

// wrk 4.1.0 (Debian) with --latency and the status script, as captured from a bench run: the
// 99th percentile is padded with a trailing space when it is in seconds.
const CAPTURED = `Running 3s test @ http://127.0.0.1:46119/api/v1/orgs/bench/projects/api/envs/production/inject
  1 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   321.74ms  185.13ms   1.14s    87.80%
    Req/Sec    31.00     21.83    73.00     61.90%
  Latency Distribution
     50%  266.86ms
     75%  379.25ms
     90%  509.32ms
     99%    1.14s 
  78 requests in 3.08s, 181.67KB read
Requests/sec:     25.29
Transfer/sec:     58.91KB
coffer-statuses 200=78
`;

const WITH_ERRORS = `Running 1m test @ http://127.0.0.1:8080/x
  2 threads and 256 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.23ms  456.78us  12.34ms   89.12%
    Req/Sec     5.67k   123.45     6.78k    78.90%
  Latency Distribution
     50%  351.00us
     75%    1.45ms
     90%    1.67ms
     99%    2.34ms
  60000 requests in 1.00m, 12.34MB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 400
Requests/sec:   1000.00
Transfer/sec:      1.23MB
coffer-statuses 200=59000 304=600 404=100 429=200 429-bare=50 500=40 503=10
`;

describe('wrk output', () => {
  it('reads requests, duration, rate and latency percentiles in their units', () => {
    const result = parseWrkOutput(CAPTURED);
    expect(result).toMatchObject({ requests: 78, seconds: 3.08, rps: 25.29, p50Ms: 266.86, p99Ms: 1140, statuses: { '200': 78 }, other: 0, socketErrors: 0 });
    expect(result.okRps).toBeCloseTo(78 / 3.08);
  });

  it('counts as other every answer but 2xx, 304 and a 429/503 with the envelope, and adds up socket errors', () => {
    const result = parseWrkOutput(WITH_ERRORS);
    expect(result).toMatchObject({ requests: 60000, seconds: 60, p50Ms: expect.closeTo(0.351), p99Ms: 2.34, other: 100 + 50 + 40, socketErrors: 5 });
    expect(result.okRps).toBeCloseTo(59600 / 60);
  });

  it('refuses output without the status line rather than reporting no answers as none wrong', () => {
    expect(() => parseWrkOutput(CAPTURED.replace(/^coffer-statuses.*$/m, ''))).toThrow(/could not read wrk's output/);
  });

  it('converts every unit wrk prints', () => {
    expect([wrkTimeMs('12.50us'), wrkTimeMs('3.00ms'), wrkTimeMs('1.50s'), wrkTimeMs('2.00m')]).toEqual([0.0125, 3, 1500, 120_000]);
    expect(() => wrkTimeMs('3.00')).toThrow();
  });
});

const hasWrk = spawnSync(WRK_BIN, ['--version']).error === undefined;

describe.skipIf(!hasWrk)('runWrk against a local server', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('sends the method and headers and counts every status, bare refusals apart', async () => {
    let served = 0;
    const seen = new Set<string>();
    server = createServer((req, res) => {
      seen.add(`${req.method} ${req.headers.authorization} ${req.headers['if-none-match']}`);
      served++;
      if (served % 10 === 0) res.writeHead(429).end('{"error":true,"code":"RATE_LIMITED"}');
      else if (served % 15 === 0) res.writeHead(503).end('busy');
      else res.writeHead(200).end('{}');
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const result = await runWrk({
      url: `http://127.0.0.1:${port}/x`,
      method: 'POST',
      headers: { authorization: 'Bearer t', 'if-none-match': '"e"' },
      connections: 2,
      seconds: 1,
    });
    expect([...seen]).toEqual(['POST Bearer t "e"']);
    expect(Object.values(result.statuses).reduce((sum, count) => sum + count, 0)).toBe(result.requests);
    expect(result.statuses['429']).toBeGreaterThan(0);
    expect(result.other).toBe(result.statuses['503-bare']);
    expect(result.threads).toBe(1);
  });
});
