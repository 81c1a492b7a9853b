/**
 * PostgreSQL stopped, killed and paused under a running platform (its own cluster, never the
 * machine's): every request is answered in bounded time with the envelope, 503 or 504 and never
 * 500; no write answered with a failure is applied afterwards; the log tells the outage once per
 * interval instead of a stack trace per request; the platform recovers by itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateCluster, type PrivateCluster } from '@coffer/test-kit/private-cluster';
import { bootstrap, startTestPlatform, type Api, type ApiResponse, type TestPlatform } from '@coffer/test-kit/platform';

const SCOPE = '/orgs/acme/projects/api/envs/production';
/** The gateway's deadline for a service call, plus the time to answer. */
const DEADLINE_BOUND_MS = 5_800;

let cluster: PrivateCluster;
let platform: TestPlatform;
let api: Api;

beforeAll(async () => {
  cluster = await startPrivateCluster();
  platform = await startTestPlatform({ postgresUrl: cluster.url });
  ({ api } = await bootstrap(platform.baseUrl));
  expect((await api('POST', `${SCOPE}/secrets/STABLE`, { body: { value: 'before the outage' } })).status).toBe(201);
}, 60_000);

afterAll(async () => {
  await cluster?.resume().catch(() => undefined);
  await cluster?.start().catch(() => undefined);
  await platform?.stop();
  await cluster?.destroy();
});

/** Runs a request and measures how long its answer took. */
async function timed(request: Promise<ApiResponse>): Promise<ApiResponse & { ms: number }> {
  const started = Date.now();
  const response = await request;
  return { ...response, ms: Date.now() - started };
}

/** An answer of the outage: 503 (with Retry-After) or 504, the envelope, no internal address or stack in it. */
function expectOutageAnswer(response: ApiResponse & { ms: number }, what: string): void {
  expect([503, 504], `${what}: ${response.status} ${JSON.stringify(response.body)}`).toContain(response.status);
  expect(response.body).toMatchObject({ error: true, data: null, code: response.status === 503 ? 'UNAVAILABLE' : 'DEADLINE_EXCEEDED' });
  if (response.status === 503) expect(response.headers.get('retry-after')).toBe('1');
  expect(response.body.message).not.toMatch(/\d+\.\d+\.\d+\.\d+|:\d{2,5}\b|\bat \w|ECONN|remote_addr/);
  expect(response.ms, what).toBeLessThan(DEADLINE_BOUND_MS);
}

const keysNow = async (): Promise<string[]> => {
  const listed = await api('GET', `${SCOPE}/secrets`);
  expect(listed.status).toBe(200);
  return (listed.body.data.secrets as { key: string }[]).map((secret) => secret.key).sort();
};

/** Polls until the platform serves again; the time it took after the backend came back. */
async function recoveryMs(): Promise<number> {
  const started = Date.now();
  for (;;) {
    const response = await api('POST', `${SCOPE}/inject`);
    if (response.status === 200) return Date.now() - started;
    if (Date.now() - started > 15_000) throw new Error(`no recovery: still ${response.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const logLines = () =>
  platform
    .logs()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { level: number; msg: string; backend?: string; failures?: number; err?: { stack?: string } });

describe('PostgreSQL unavailable', () => {
  it('answers 503 with Retry-After while it is stopped, logs the outage once, and recovers when it is back', async () => {
    const linesBefore = logLines().length;
    await cluster.stop();
    const answers = [];
    for (let round = 0; round < 20; round++) {
      answers.push(
        ...(await Promise.all([
          timed(api('POST', `${SCOPE}/inject`)),
          timed(api('GET', `${SCOPE}/secrets/STABLE?reveal=true`)),
          timed(api('POST', `${SCOPE}/secrets/STOPPED_${round}`, { body: { value: 'never stored' } })),
          timed(api('GET', '/orgs/acme/projects')),
        ])),
      );
    }
    for (const answer of answers) {
      expectOutageAnswer(answer, 'with PostgreSQL stopped');
      expect(answer.status).toBe(503);
      expect(answer.ms).toBeLessThan(2_500);
    }
    // A shared backend down is reported, but the instance stays ready: it answers 503 fast rather than refusing connections.
    const readyz = await fetch(`${platform.baseUrl}/readyz`);
    expect(readyz.status).toBe(200);
    expect(((await readyz.json()) as { data: unknown }).data).toMatchObject({
      status: 'degraded',
      checks: { auth: true, secret: true, audit: true },
      backends: { database: 'down', redis: 'up' },
    });

    // 80 failed requests are one story in the log: no stack trace per request.
    const during = logLines().slice(linesBefore);
    expect(during.filter((line) => line.msg === 'PostgreSQL is unavailable')).toHaveLength(1);
    expect(during.filter((line) => line.err?.stack !== undefined && line.level >= 50).length).toBeLessThan(5);

    await cluster.start();
    const recovered = await recoveryMs();
    console.log(
      `PostgreSQL stopped: ${answers.length} requests answered 503 (slowest ${Math.max(...answers.map((a) => a.ms))} ms); serving again ${recovered} ms after it started`,
    );
    expect(logLines().some((line) => line.msg === 'PostgreSQL is available again' && (line.failures ?? 0) > 0)).toBe(true);
    expect(await keysNow()).toEqual(['STABLE']);
    const ready = await fetch(`${platform.baseUrl}/readyz`);
    expect(((await ready.json()) as { data: unknown }).data).toMatchObject({ status: 'ready', backends: { database: 'up', redis: 'up' } });
  });

  it('answers in bounded time while it is killed, and recovers after crash recovery', async () => {
    await cluster.kill();
    const answers = await Promise.all([
      timed(api('POST', `${SCOPE}/inject`)),
      timed(api('POST', `${SCOPE}/secrets/KILLED`, { body: { value: 'never stored' } })),
      timed(api('GET', `${SCOPE}/secrets/STABLE?reveal=true`)),
    ]);
    for (const answer of answers) expectOutageAnswer(answer, 'with PostgreSQL killed');
    await cluster.start();
    const recovered = await recoveryMs();
    console.log(`PostgreSQL killed: answers in ${answers.map((a) => `${a.status}/${a.ms} ms`).join(', ')}; serving again ${recovered} ms after it restarted`);
    expect(await keysNow()).toEqual(['STABLE']);
  });

  it('answers every write within the deadline while it is paused, and applies none of them after it resumes', async () => {
    await cluster.pause();
    let answers: (ApiResponse & { ms: number })[];
    try {
      answers = await Promise.all([
        ...Array.from({ length: 8 }, (_, i) => timed(api('POST', `${SCOPE}/secrets/PAUSED_${i}`, { body: { value: `write ${i}` } }))),
        timed(api('POST', `${SCOPE}/inject`)),
      ]);
    } finally {
      await cluster.resume();
    }
    for (const answer of answers) expectOutageAnswer(answer, 'with PostgreSQL paused');
    const recovered = await recoveryMs();
    // Whatever was left in PostgreSQL's queues ran when it resumed: none of it may have committed.
    await new Promise((resolve) => setTimeout(resolve, 500));
    console.log(`PostgreSQL paused: answers in ${answers.map((a) => `${a.status}/${a.ms} ms`).join(', ')}; serving again ${recovered} ms after it resumed`);
    expect(await keysNow()).toEqual(['STABLE']);
  });
});
