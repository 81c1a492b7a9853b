import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiClient, bootstrap, startTestPlatform, type Api, type TestPlatform } from '@coffer/test-kit/platform';
import { startPrivateRedis, type PrivateRedis } from '@coffer/test-kit/private-redis';

/**
 * The rate limiter with its Redis paused and killed: reads (a reveal, an inject) go on answering,
 * each within READ_BOUND_MS, the limits are counted in the process meanwhile, and Redis counts
 * again once it is back. The platform trusts its loopback peer as a proxy, so each check speaks
 * from an address of its own (X-Forwarded-For).
 */

const ADDRESS_LIMIT = 5;
/**
 * Each read while Redis does not answer, Redis's wait included: at most one limiter wait
 * (REDIS_ANSWER_MS, 50 ms) for the first requests of an outage, none after (the request alone
 * takes a few ms; the rest is slack for a loaded test machine).
 */
const READ_BOUND_MS = 1_000;
const SCOPE = '/orgs/acme/projects/api/envs/development';

let redis: PrivateRedis;
let platform: TestPlatform;
let admin: string;
/** A client of the private Redis, to see what the limiter stored there. */
let inspector: Redis;

let lastOctet = 0;
const freshAddress = () => `198.51.100.${++lastOctet}`;
const api = (): Api => apiClient(platform.baseUrl, admin);
const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });

beforeAll(async () => {
  redis = await startPrivateRedis();
  platform = await startTestPlatform({
    redisUrl: redis.url,
    env: { COFFER_TRUSTED_PROXIES: '127.0.0.1', COFFER_RATE_LIMIT_ADDRESS: String(ADDRESS_LIMIT), COFFER_RATE_LIMIT_CREDENTIAL: '100000' },
  });
  ({ token: admin } = await bootstrap(platform.baseUrl, 'acme', 'api'));
  expect((await api()('POST', `${SCOPE}/secrets/DATABASE_URL`, { body: { value: 'postgres://db/app' }, ...from(freshAddress()) })).status).toBe(201);
  inspector = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
}, 60_000);

afterAll(async () => {
  redis?.resume();
  inspector?.disconnect();
  await platform?.stop();
  await redis?.destroy();
});

/** Reveals and injects from fresh addresses; every one must answer 200 within the bound. Returns the slowest, in ms. */
async function readsKeepAnswering(what: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 10; i++) {
    for (const [method, path] of [
      ['GET', `${SCOPE}/secrets/DATABASE_URL?reveal=true`],
      ['POST', `${SCOPE}/inject`],
    ] as const) {
      const started = performance.now();
      const answer = await api()(method, path, from(freshAddress()));
      const ms = performance.now() - started;
      expect(answer.status, `${what}: ${method} ${path}: ${JSON.stringify(answer.body)}`).toBe(200);
      expect(ms, `${what}: ${method} ${path}`).toBeLessThan(READ_BOUND_MS);
      times.push(ms);
    }
  }
  times.sort((a, b) => a - b);
  console.log(`${what}: 20 reads answered 200, median ${times[10]!.toFixed(1)} ms, slowest ${times.at(-1)!.toFixed(1)} ms (bound ${READ_BOUND_MS} ms)`);
  return times.at(-1)!;
}

/** Sends the limit's worth of requests from one fresh address, then one more, which must be refused. */
async function limitHolds(what: string): Promise<string> {
  const address = freshAddress();
  for (let i = 0; i < ADDRESS_LIMIT; i++) expect((await api()('GET', '/orgs', from(address))).status, `${what}: request ${i + 1}`).toBe(200);
  const refused = await api()('GET', '/orgs', from(address));
  expect(refused.status, what).toBe(429);
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  return address;
}

const countedInRedis = async (address: string) => (await inspector.get(`${platform.kvPrefix}:ratelimit:address:${address}`)) !== null;

/** Waits until Redis counts requests again (the limiter probes it every 500 ms); returns how long that took. */
async function redisCountsAgain(): Promise<number> {
  const started = performance.now();
  await inspector.connect().catch(() => {});
  await vi.waitFor(
    async () => {
      const address = freshAddress();
      expect((await api()('GET', '/orgs', from(address))).status).toBe(200);
      expect(await countedInRedis(address)).toBe(true);
    },
    { timeout: 10_000, interval: 100 },
  );
  return performance.now() - started;
}

describe.sequential('the rate limiter when Redis fails', () => {
  it('counts in Redis while it answers', async () => {
    await inspector.connect();
    const address = await limitHolds('Redis up');
    // The refused request cost no Redis call: a key at its limit is refused in the process until its window ends.
    expect(await inspector.get(`${platform.kvPrefix}:ratelimit:address:${address}`)).toBe(String(ADDRESS_LIMIT));
  });

  it('with Redis paused: reads keep answering 200 within the bound, and the limit holds in the process', async () => {
    redis.pause();
    try {
      await readsKeepAnswering('Redis paused');
      await limitHolds('Redis paused');
    } finally {
      redis.resume();
    }
  });

  it('with Redis resumed: Redis counts again', async () => {
    console.log(`Redis resumed: counting in Redis again after ${Math.round(await redisCountsAgain())} ms`);
    await limitHolds('after the pause');
  });

  it('with Redis killed: reads keep answering 200 within the bound, and the limit holds in the process', async () => {
    inspector.disconnect();
    await redis.kill();
    await readsKeepAnswering('Redis killed');
    await limitHolds('Redis killed');
  });

  it('with Redis restarted: Redis counts again, and the limit holds there', async () => {
    await redis.start();
    console.log(`Redis restarted: counting in Redis again after ${Math.round(await redisCountsAgain())} ms`);
    const address = await limitHolds('after the restart');
    expect(await countedInRedis(address)).toBe(true);
  });

  it('logged each outage once and its end once', () => {
    const logs = platform.logs();
    expect(logs.match(/"msg":"Redis for rate limits is unavailable"/g)).toHaveLength(2);
    expect(logs.match(/"msg":"Redis for rate limits is available again"/g)).toHaveLength(2);
    expect(logs).toContain('limits are counted in each process until it answers');
  });
});
