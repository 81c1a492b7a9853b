/**
 * The counting behind the brute-force limits, in memory and in the machine's Redis (a key prefix of
 * each test's own): what an attacker guessing a password notices (answers slower, then refused
 * whatever they send) and what a person notices (their success forgets the failures, a lock ends).
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@coffer/telemetry';
import { TEST_REDIS_URL } from '@coffer/test-postgres';
import { addressOf, createBruteForceGuard, delayFor, DEFAULT_BRUTE_FORCE_LIMITS, type BruteForceGuard, type BruteForceLimits } from './brute-force.js';

const REDIS_URL = TEST_REDIS_URL;
const SMALL: Partial<BruteForceLimits> = {
  accountFailures: 4,
  addressFailures: 6,
  forgotPasswordRequests: 2,
  windowMs: 60_000,
  lockoutMs: 1_000,
  slowAfter: 2,
  delayMs: 40,
  maxDelayMs: 100,
};

let redis: Redis;
const prefixes: string[] = [];

beforeAll(() => {
  redis = new Redis(REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: 0 });
});

afterAll(async () => {
  for (const prefix of prefixes) {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  }
  redis.disconnect();
});

function logged() {
  const chunks: string[] = [];
  const logger = createLogger({
    level: 'info',
    name: 'brute-force-test',
    destination: new Writable({
      write(chunk, _encoding, done) {
        chunks.push(String(chunk));
        done();
      },
    }),
  });
  return { logger, text: () => chunks.join('') };
}

const stores = {
  memory: (limits: Partial<BruteForceLimits>) => ({
    guard: createBruteForceGuard({ keySecret: randomBytes(32), limits, logger: logged().logger }),
    prefix: '',
  }),
  redis: (limits: Partial<BruteForceLimits>) => {
    const prefix = `coffer-test:${randomBytes(6).toString('hex')}:`;
    prefixes.push(prefix);
    return {
      guard: createBruteForceGuard({ redis: { client: redis, keyPrefix: prefix }, keySecret: randomBytes(32), limits, logger: logged().logger }),
      prefix,
    };
  },
};

/** `n` failed attempts of the account from the address; answers the delays each was given. */
async function fail(guard: BruteForceGuard, n: number, account: string, address = '198.51.100.1'): Promise<number[]> {
  const delays: number[] = [];
  for (let i = 0; i < n; i++) {
    const attempt = await guard.begin('login', { account, address });
    delays.push(attempt.delayMs);
    await attempt.failed();
  }
  return delays;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('delays', () => {
  it('default: the first 3 failures answer at once, then 250 ms doubling to a 2 s cap', () => {
    const delays = Array.from({ length: 9 }, (_, failures) => delayFor(failures, DEFAULT_BRUTE_FORCE_LIMITS));
    expect(delays).toEqual([0, 0, 0, 250, 500, 1_000, 2_000, 2_000, 2_000]);
  });
});

describe.each(Object.keys(stores) as (keyof typeof stores)[])('counted in %s', (kind) => {
  const make = stores[kind];

  it('slows an account down after slowAfter failures, and wait() really waits', async () => {
    const { guard } = make(SMALL);
    expect(await fail(guard, 4, 'ada@example.test')).toEqual([0, 0, 40, 80]);
    const attempt = await guard.begin('login', { account: 'ada@example.test', address: '198.51.100.1' });
    expect(attempt.delayMs).toBe(100);
    const started = performance.now();
    await attempt.wait();
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
  });

  it('locks the account at its limit: that failure says so once, then even a right answer is refused; other accounts are untouched', async () => {
    const { guard } = make(SMALL);
    const locks = [];
    for (let i = 0; i < 4; i++) locks.push(await (await guard.begin('login', { account: 'Bob@Example.test', address: `198.51.100.${i + 10}` })).failed());
    expect(locks).toEqual([[], [], [], ['account']]);
    // The email is compared as typed in any case.
    const locked = await guard.begin('login', { account: 'bob@example.test', address: '198.51.100.99' });
    expect(locked).toMatchObject({ locked: true, delayMs: 100 });
    await locked.succeeded();
    expect((await guard.begin('login', { account: 'bob@example.test', address: '198.51.100.99' })).locked).toBe(true);
    const other = await guard.begin('login', { account: 'carol@example.test', address: '198.51.100.10' });
    expect(other).toMatchObject({ locked: false, delayMs: 0 });
  });

  it('ends the lock after lockoutMs (1 s here)', async () => {
    const { guard } = make(SMALL);
    await fail(guard, 4, 'dave@example.test', '198.51.100.20');
    expect((await guard.begin('login', { account: 'dave@example.test' })).locked).toBe(true);
    await sleep(1_100);
    const after = await guard.begin('login', { account: 'dave@example.test' });
    expect(after).toMatchObject({ locked: false, delayMs: 0 });
  });

  it("forgets an account's failures on its success, but not the address's: the address still locks across accounts", async () => {
    const { guard } = make(SMALL);
    const address = '198.51.100.30';
    await fail(guard, 3, 'erin@example.test', address);
    await (await guard.begin('login', { account: 'erin@example.test', address })).succeeded();
    expect((await guard.begin('login', { account: 'erin@example.test' })).delayMs).toBe(0);
    // 3 failures of erin's, 3 of others: the sixth locks the address.
    const locks = [];
    for (const account of ['f1@example.test', 'f2@example.test', 'f3@example.test'])
      locks.push(await (await guard.begin('login', { account, address })).failed());
    expect(locks).toEqual([[], [], ['address']]);
    const fresh = await guard.begin('login', { account: 'someone-new@example.test', address });
    expect(fresh).toMatchObject({ locked: true, delayMs: 100 });
    expect((await guard.begin('login', { account: 'someone-new@example.test', address: '198.51.100.31' })).locked).toBe(false);
  });

  it('counts attempts made at once: of 12 concurrent guesses with a limit of 4, exactly 4 are checked', async () => {
    const { guard } = make({ ...SMALL, addressFailures: 1_000 });
    const attempts = await Promise.all(Array.from({ length: 12 }, (_, i) => guard.begin('login', { account: 'gina@example.test', address: `203.0.113.${i}` })));
    expect(attempts.filter((attempt) => !attempt.locked)).toHaveLength(4);
    const locks = await Promise.all(attempts.map((attempt) => attempt.failed()));
    expect(locks.flat()).toEqual(['account']);
  });

  it('keeps each kind apart: a locked login leaves the second factor and device approval of the same key alone', async () => {
    const { guard } = make(SMALL);
    await fail(guard, 4, 'hank@example.test');
    expect((await guard.begin('login', { account: 'hank@example.test' })).locked).toBe(true);
    expect((await guard.begin('second-factor', { account: 'hank@example.test' })).locked).toBe(false);
    expect((await guard.begin('device-approval', { account: 'hank@example.test' })).locked).toBe(false);
  });

  it('limits password reset mails per account without delaying the answer', async () => {
    const { guard } = make(SMALL);
    const first = await guard.begin('forgot-password', { account: 'ivy@example.test', address: '198.51.100.40' });
    expect(await first.failed()).toEqual([]);
    const second = await guard.begin('forgot-password', { account: 'ivy@example.test', address: '198.51.100.41' });
    expect(await second.failed()).toEqual(['account']);
    const third = await guard.begin('forgot-password', { account: 'ivy@example.test', address: '198.51.100.42' });
    expect(third).toMatchObject({ locked: true, delayMs: 0 });
  });

  it('counts an IPv6 /64 as one address', async () => {
    const { guard } = make({ ...SMALL, addressFailures: 2 });
    await (await guard.begin('password-reset', { address: '2001:db8:1:2::1' })).failed();
    expect(await (await guard.begin('password-reset', { address: '2001:db8:1:2:ffff:1:2:3' })).failed()).toEqual(['address']);
    expect((await guard.begin('password-reset', { address: '2001:db8:1:2::abcd' })).locked).toBe(true);
    expect((await guard.begin('password-reset', { address: '2001:db8:1:3::1' })).locked).toBe(false);
  });

  it('gives a withdrawn attempt back to the account and the address', async () => {
    const { guard } = make({ ...SMALL, addressFailures: 1 });
    for (let i = 0; i < 5; i++) await (await guard.begin('second-factor', { account: 'jo', address: '198.51.100.50' })).withdrawn();
    expect(await guard.begin('second-factor', { account: 'jo', address: '198.51.100.50' })).toMatchObject({ locked: false, delayMs: 0 });
  });
});

describe('in Redis', () => {
  it('keeps its keys under the deployment prefix, named by an HMAC: no email or address appears', async () => {
    const { guard, prefix } = stores.redis(SMALL);
    await fail(guard, 2, 'Secret.Person@example.test', '198.51.100.60');
    const keys = await redis.keys(`${prefix}*`);
    expect(keys.sort()).toEqual([
      expect.stringMatching(new RegExp(`^${prefix}auth:login:account:[A-Za-z0-9_-]{43}$`)),
      expect.stringMatching(new RegExp(`^${prefix}auth:login:address:[A-Za-z0-9_-]{43}$`)),
    ]);
    expect(keys.join(' ')).not.toMatch(/person|example|198\.51/i);
  });

  it('shares the counts between guards (instances) of one deployment', async () => {
    const prefix = `coffer-test:${randomBytes(6).toString('hex')}:`;
    prefixes.push(prefix);
    const keySecret = randomBytes(32);
    const [one, two] = [0, 1].map(() =>
      createBruteForceGuard({ redis: { client: redis, keyPrefix: prefix }, keySecret, limits: SMALL, logger: logged().logger }),
    );
    await fail(one!, 2, 'kim@example.test');
    await fail(two!, 2, 'kim@example.test');
    expect((await one!.begin('login', { account: 'kim@example.test' })).locked).toBe(true);
  });

  it('counts in the process while Redis is out of reach: logins still answer, and still lock; one log line says so', async () => {
    const unreachable = new Redis({
      host: '127.0.0.1',
      port: 1,
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    const log = logged();
    const guard = createBruteForceGuard({
      redis: { client: unreachable, keyPrefix: 'coffer-test:down:' },
      keySecret: randomBytes(32),
      limits: SMALL,
      logger: log.logger,
    });
    const started = performance.now();
    expect(await fail(guard, 4, 'lee@example.test')).toEqual([0, 0, 40, 80]);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect((await guard.begin('login', { account: 'lee@example.test' })).locked).toBe(true);
    expect(log.text().match(/Redis for brute-force limits is unavailable/g)).toHaveLength(1);
    unreachable.disconnect();
  });
});

describe('addressOf', () => {
  it('keeps an IPv4 address, and reduces IPv6 to its /64', () => {
    expect(addressOf('198.51.100.7')).toBe('198.51.100.7');
    expect(addressOf('2001:db8:0:1::5')).toBe('2001:db8:0:1::/64');
    expect(addressOf('2001:0db8:0000:0001:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:0:1::/64');
  });
});
