import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, expect, it } from 'vitest';
import { apiClient } from '@coffer/test-kit/platform';
import { killAllServers, makeTempDir, removeTempDirs, startEmbeddedServer } from '@coffer/test-kit/server-process';

const SCOPE = '/orgs/default/projects/default/envs/development';

afterEach(async () => {
  await killAllServers();
});
afterAll(async () => {
  await removeTempDirs();
});

interface Outcome {
  requestId: string;
  kind: 'write' | 'read';
  key: string;
  status?: number;
  echoedId?: string | null;
  error?: string;
  /** Sent after SIGTERM. */
  sentAfterSignal: boolean;
  /** Answered after SIGTERM. */
  answeredAfterSignal: boolean;
}

const is2xx = (outcome: Outcome) => outcome.status !== undefined && outcome.status >= 200 && outcome.status < 300;

it('SIGTERM drains in-flight requests, exits 0 promptly and loses no audit record of a 2xx answer', async () => {
  const dataDir = await makeTempDir();
  // A long forced-close deadline: the process must stop because the drain is done, not because it gave up.
  const env = { COFFER_SHUTDOWN_TIMEOUT_MS: '20000' };
  const first = await startEmbeddedServer(dataDir, env);
  const token = (await readFile(join(dataDir, 'admin-token'), 'utf8')).trim();
  const api = apiClient(first.baseUrl, token);

  const readable = ['DRAIN_A', 'DRAIN_B', 'DRAIN_C'];
  for (const key of readable) {
    const created = await api('POST', `${SCOPE}/secrets/${key}`, { body: { value: `value-of-${key}` } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  }

  // CI-like clients: each keeps its connection alive and fires write, read, write, ... until the
  // server stops answering. Every request carries its own X-Request-Id.
  const run = randomBytes(4).toString('hex');
  const workers = 24;
  const outcomes: Outcome[] = [];
  let signalledAt: number | undefined;
  let sent = 0;
  let release!: () => void;
  const underWay = new Promise<void>((resolve) => (release = resolve));
  const worker = async (w: number) => {
    for (let n = 0; ; n++) {
      const kind = n % 2 === 0 ? 'write' : 'read';
      const requestId = `drain-${run}-${w}-${n}`;
      const key = kind === 'write' ? `BURST_${w}_${n}` : readable[(w + n) % readable.length]!;
      const outcome: Outcome = { requestId, kind, key, sentAfterSignal: signalledAt !== undefined, answeredAfterSignal: false };
      outcomes.push(outcome);
      if (++sent === 3 * workers) release();
      try {
        const headers = { 'x-request-id': requestId };
        const response =
          kind === 'write'
            ? await api('POST', `${SCOPE}/secrets/${key}`, { body: { value: `burst-${w}-${n}` }, headers })
            : await api('GET', `${SCOPE}/secrets/${key}?reveal=true`, { headers });
        outcome.status = response.status;
        outcome.echoedId = response.headers.get('x-request-id');
      } catch (err) {
        outcome.error = String((err as Error).cause ?? err);
      }
      outcome.answeredAfterSignal = signalledAt !== undefined;
      // Stop at the first refused or broken request after the signal, and in any case 15 s after it.
      if (signalledAt !== undefined && (outcome.error !== undefined || Date.now() - signalledAt > 15_000)) return;
    }
  };
  const clients = Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));

  await underWay;
  signalledAt = Date.now();
  first.proc.child.kill('SIGTERM');
  const exit = await first.proc.waitForExit(40_000);
  const stoppedInMs = Date.now() - signalledAt;
  await clients;

  const summary = JSON.stringify(
    outcomes.reduce<Record<string, number>>((counts, outcome) => {
      const label = `${outcome.sentAfterSignal ? 'sent-after' : outcome.answeredAfterSignal ? 'in-flight' : 'before'}:${outcome.status ?? outcome.error}`;
      counts[label] = (counts[label] ?? 0) + 1;
      return counts;
    }, {}),
  );
  expect(exit, first.proc.output()).toEqual({ code: 0, signal: null });
  expect(first.proc.stdout()).toContain('"signal":"SIGTERM"');
  // Draining 24 requests takes well under a second; keep-alive clients must not hold the process
  // open until the forced-close deadline (20 s).
  expect(stoppedInMs, summary).toBeLessThan(8_000);

  const ok = outcomes.filter(is2xx);
  for (const outcome of ok) expect(outcome.echoedId).toBe(outcome.requestId);
  // The drain did something: requests in flight at the signal were answered successfully.
  expect(ok.filter((outcome) => !outcome.sentAfterSignal && outcome.answeredAfterSignal).length, summary).toBeGreaterThan(0);
  // Nothing but success or a refused/closed connection: no error answers while draining.
  expect(
    outcomes.filter((outcome) => outcome.status !== undefined && !is2xx(outcome)).map((o) => `${o.requestId} ${o.status}`),
    summary,
  ).toEqual([]);

  const second = await startEmbeddedServer(dataDir);
  const api2 = apiClient(second.baseUrl, token);
  const audit = await api2('GET', '/orgs/default/audit?limit=1000');
  expect(audit.status, JSON.stringify(audit.body)).toBe(200);
  const events = audit.body.data.events as Array<{ requestId: string; action: string; outcome: string; resource: string }>;
  expect(events.length, 'the audit page must not be full, or the check below would be meaningless').toBeLessThan(1000);
  const recorded = new Map(events.map((event) => [event.requestId, event]));
  const missing = ok.filter((outcome) => !recorded.has(outcome.requestId));
  expect(
    missing.map((outcome) => `${outcome.requestId} ${outcome.kind} ${outcome.status}`),
    summary,
  ).toEqual([]);
  for (const outcome of ok) {
    const event = recorded.get(outcome.requestId)!;
    expect(event.outcome).toBe('success');
    expect(event.action).toBe(outcome.kind === 'write' ? 'secret.create' : 'secret.reveal');
    expect(event.resource).toBe(`orgs/default/projects/default/envs/development/secrets/${outcome.key}`);
  }

  // Every write that was answered 2xx is durable too, with its value.
  const listed = await api2('GET', `${SCOPE}/secrets`);
  const keys = new Set((listed.body.data.secrets as Array<{ key: string }>).map((secret) => secret.key));
  expect(ok.filter((outcome) => outcome.kind === 'write' && !keys.has(outcome.key)).map((o) => o.key)).toEqual([]);

  const stopped = await second.proc.stop('SIGTERM');
  expect(stopped, second.proc.output()).toEqual({ code: 0, signal: null });
}, 100_000);
