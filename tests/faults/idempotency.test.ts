import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail, expectOk, scopePath, sql, waitFor } from '@coffer/test-kit/api-assertions';
import { startTestPlatform, bootstrap, type Api, type TestPlatform } from '@coffer/test-kit/platform';
import { startPrivateCluster, type PrivateCluster } from '@coffer/test-kit/private-cluster';
import { startPrivateRedis, type PrivateRedis } from '@coffer/test-kit/private-redis';

/**
 * Idempotency-Key across faults of its own PostgreSQL cluster and redis-server: a retry after an
 * answer that said nothing about the outcome (a 5xx, a client timeout, a crash of the database)
 * gets the real outcome, exactly one version is ever stored, and Redis is not on the path.
 */
let cluster: PrivateCluster;
let redis: PrivateRedis;
let platform: TestPlatform;
let token: string;
let api: Api;
const scope = scopePath('acme', 'api', 'production');

interface Attempt {
  status: number | 'timeout';
  ms: number;
  replayed: boolean;
  data?: { version?: number };
}

/** A write of `name` with an Idempotency-Key, as a CI job sends it; `timeoutMs` is when the client gives up. */
async function write(name: string, key: string, value: string, timeoutMs = 15_000): Promise<Attempt> {
  const started = Date.now();
  try {
    const response = await fetch(`${platform.baseUrl}/api/v1${scope}/secrets/${name}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({ value }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json()) as { data?: { version?: number } };
    return { status: response.status, ms: Date.now() - started, replayed: response.headers.get('idempotent-replayed') === 'true', data: body.data };
  } catch (err) {
    if ((err as Error).name !== 'TimeoutError') throw err;
    return { status: 'timeout', ms: Date.now() - started, replayed: false };
  }
}

/** The versions stored of a key, read as the owner (no row-level security, no service in between). */
async function versionsOf(name: string): Promise<number[]> {
  const rows = await sql<{ version: number }>(
    platform.database.url,
    `select v.version from secret_versions v join secrets s on s.id = v.secret_id where s.key = $1 order by v.version`,
    [name],
  );
  return rows.map((row) => row.version);
}

/** Retries the same write until it is answered with something other than a 5xx; returns every answer. */
async function retryUntilAnswered(name: string, key: string, value: string): Promise<Attempt[]> {
  const answers: Attempt[] = [];
  await waitFor(
    async () => {
      const answer = await write(name, key, value, 3_000);
      answers.push(answer);
      return typeof answer.status === 'number' && answer.status < 500 ? answer : undefined;
    },
    `an answer to ${name}`,
    15_000,
  );
  return answers;
}

const isUnknownOutcome = (attempt: Attempt) => attempt.status === 'timeout' || attempt.status >= 500;

beforeAll(async () => {
  [cluster, redis] = await Promise.all([startPrivateCluster(), startPrivateRedis()]);
  platform = await startTestPlatform({ postgresUrl: cluster.url, redisUrl: redis.url });
  ({ token, api } = await bootstrap(platform.baseUrl));
  // The token is authenticated and the organisation's KEK in hand before any fault.
  expectOk(await api('POST', `${scope}/secrets/WARM_UP`, { body: { value: 'w' } }), 201);
}, 60_000);

afterAll(async () => {
  redis?.resume();
  await cluster?.resume().catch(() => undefined);
  await redis?.start().catch(() => undefined);
  await cluster?.start().catch(() => undefined);
  await platform?.stop();
  await Promise.all([cluster?.destroy(), redis?.destroy()]);
}, 30_000);

describe('with Redis paused or killed', () => {
  it('answers idempotent writes, their replays and conflicts promptly: Redis is not on their path', async () => {
    for (const [fault, inject] of [
      ['paused', async () => redis.pause()],
      ['killed', () => redis.kill()],
    ] as const) {
      await inject();
      try {
        const key = randomUUID();
        const name = `REDIS_${fault.toUpperCase()}`;
        const first = await write(name, key, 'v1', 2_000);
        const replay = await write(name, key, 'v1', 2_000);
        const conflict = await write(name, key, 'v2', 2_000);
        console.log(
          `Redis ${fault}: write ${first.status} in ${first.ms} ms, replay ${replay.status} in ${replay.ms} ms, conflict ${conflict.status} in ${conflict.ms} ms`,
        );
        expect([first.status, first.replayed, first.data?.version]).toEqual([201, false, 1]);
        expect([replay.status, replay.replayed, replay.data]).toEqual([201, true, first.data]);
        expect(conflict.status).toBe(409);
        for (const attempt of [first, replay, conflict]) expect(attempt.ms).toBeLessThan(1_000);
        expect(await versionsOf(name)).toEqual([1]);
      } finally {
        if (fault === 'paused') redis.resume();
        else await redis.start();
      }
    }
  }, 20_000);
});

describe('with PostgreSQL paused while writes are in flight', () => {
  it('answers the retry of a write whose first answer was a 5xx or a client timeout with its real outcome, stored once', async () => {
    const writes = Array.from({ length: 4 }, (_, i) => ({ name: `PAUSED_${i}`, key: randomUUID(), value: `paused-${i}` }));
    await cluster.pause();
    // One waits for the gateway's own answer (its deadline); the others give up first, as an impatient client does.
    const firsts = await Promise.all(writes.map(({ name, key, value }, i) => write(name, key, value, i === 0 ? 15_000 : 1_000)));
    const resumedAt = Date.now();
    await cluster.resume();
    console.log(`PostgreSQL paused: first attempts answered ${firsts.map((a) => `${a.status} after ${a.ms} ms`).join(', ')}`);
    for (const first of firsts) expect(isUnknownOutcome(first)).toBe(true);
    expect(firsts[0]!.status).not.toBe('timeout');

    const retries = await Promise.all(writes.map(({ name, key, value }) => retryUntilAnswered(name, key, value)));
    const recovered = Date.now() - resumedAt;
    console.log(
      `PostgreSQL resumed: retries answered ${retries.map((answers) => `${answers.at(-1)!.status}${answers.at(-1)!.replayed ? ' (replayed)' : ''} after ${answers.length} attempt(s)`).join(', ')}; all within ${recovered} ms`,
    );
    for (const [i, answers] of retries.entries()) {
      const last = answers.at(-1)!;
      expect([last.status, last.data?.version]).toEqual([201, 1]);
      for (const answer of answers) expect(answer.status).not.toBe(409);
      expect(await versionsOf(writes[i]!.name)).toEqual([1]);
    }
  }, 40_000);
});

describe('with PostgreSQL killed while a write is in flight', () => {
  it('applies the retry once, at once, after the crash: no "still in progress", no second version', async () => {
    const key = randomUUID();
    // The private cluster commits without waiting for its WAL: make what came before durable, as it would be in production.
    await sql(platform.database.url, 'checkpoint');
    await cluster.pause();
    const first = write('CRASHED', key, 'crashed');
    // The write's statements are at the frozen server when it dies: its transaction never commits.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await cluster.kill();
    const answered = await first;
    console.log(`PostgreSQL killed: the first attempt answered ${answered.status} after ${answered.ms} ms`);
    expect(isUnknownOutcome(answered)).toBe(true);
    expect(answered.ms).toBeLessThan(6_000);

    const restarting = Date.now();
    await cluster.start();
    const started = Date.now();
    const answers = await retryUntilAnswered('CRASHED', key, 'crashed');
    const last = answers.at(-1)!;
    console.log(
      `PostgreSQL restarted in ${started - restarting} ms; the retry answered ${last.status}${last.replayed ? ' (replayed)' : ''} ${Date.now() - started} ms later, after ${answers.length} attempt(s): ${answers.map((a) => a.status).join(', ')}`,
    );
    expect([last.status, last.replayed, last.data?.version]).toEqual([201, false, 1]);
    for (const answer of answers) expect(answer.status).not.toBe(409);
    expect(await versionsOf('CRASHED')).toEqual([1]);

    // A later retry is the first answer again, on record as a replay rather than a second write.
    const again = await write('CRASHED', key, 'crashed');
    expect([again.status, again.replayed, again.data]).toEqual([201, true, last.data]);
    const onCrashed = await waitFor(async () => {
      const events = (await auditTrail(api, 'acme')).filter((event) => event.resource.endsWith('/secrets/CRASHED') && event.outcome === 'success');
      return events.some((event) => event.action === 'secret.create.replayed') ? events : undefined;
    }, 'the replay on record');
    expect(onCrashed.map((event) => event.action).sort()).toEqual(['secret.create', 'secret.create.replayed']);
  }, 40_000);
});
