import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createKv, kvModule, type Kv } from '@coffer/kv';
import { apiClient, bootstrap, startTestPlatform, type Api, type TestPlatform } from '@coffer/test-kit/platform';
import { startPrivateRedis, type PrivateRedis } from '@coffer/test-kit/private-redis';
import { serviceKeyEnv } from '@coffer/test-kit/server-process';

/**
 * Revocation with Redis killed and paused: two gateways on one database and one Redis, the first
 * with every service in its process, the second alone and calling the first's services, as two
 * Kubernetes pods would. Each keeps its default 10 s authentication cache: only the revoking
 * gateway's own eviction and the one-second distrust of a process without a live subscription
 * can make a revocation hold within a second.
 */

const ORG = 'acme';
/** Refusal at the other gateway within a second of the revocation (the guarantee), measured from its answer. */
const PROPAGATION_BOUND_MS = 1_000;
/** The revoke answer with Redis down: the database commit plus at most one Redis command timeout (500 ms). */
const REVOKE_BOUND_MS = 1_500;

let redis: PrivateRedis;
let main: TestPlatform;
let second: TestPlatform;
let admin: Api;
let adminToken: string;

beforeAll(async () => {
  redis = await startPrivateRedis();
  const serviceKeys = serviceKeyEnv();
  main = await startTestPlatform({ redisUrl: redis.url, env: serviceKeys });
  const { addresses } = main.platform;
  second = await startTestPlatform({
    targets: ['gateway'],
    redisUrl: redis.url,
    env: {
      ...serviceKeys,
      COFFER_REDIS_PREFIX: main.kvPrefix,
      COFFER_AUTH_ADDR: addresses.auth!,
      COFFER_SECRET_ADDR: addresses.secret!,
      COFFER_AUDIT_ADDR: addresses.audit!,
    },
  });
  ({ api: admin, token: adminToken } = await bootstrap(main.baseUrl, ORG));
}, 60_000);

afterAll(async () => {
  redis?.resume();
  await second?.stop();
  await main?.stop();
  await redis?.destroy();
});

const gateways = () => ({ main: apiClient(main.baseUrl), second: apiClient(second.baseUrl) });
const kvOf = (platform: TestPlatform) => platform.platform.exportsOf(kvModule) as Kv;

/** Every token the tests issue, each revoked later. */
const revokedTokens: string[] = [];

/** A fresh token, already cached as valid by both gateways. */
async function cachedToken(name: string): Promise<{ id: string; token: string }> {
  const created = await admin('POST', `/orgs/${ORG}/tokens`, { body: { name, permissions: ['read'] } });
  expect(created.status, created.body?.message).toBe(201);
  const { id, token } = created.body.data as { id: string; token: string };
  revokedTokens.push(token);
  for (const api of Object.values(gateways())) expect((await listProjects(api, token)).status).toBe(200);
  return { id, token };
}

const listProjects = (api: Api, token: string) => api('GET', `/orgs/${ORG}/projects`, { token });

/** `startedAt`: when the revocation was asked for, before it was committed. */
async function revokeThrough(api: Api, tokenId: string): Promise<{ status: number; startedAt: number; ms: number }> {
  const startedAt = performance.now();
  const response = await api('DELETE', `/orgs/${ORG}/tokens/${tokenId}`, { token: adminToken });
  return { status: response.status, startedAt, ms: performance.now() - startedAt };
}

/**
 * Asks until the token is refused; every answer before that must be a plain success. Returns how
 * long after `since` the last request that was accepted had been sent: how long the revoked token
 * still worked, to within the time of one request.
 */
async function acceptedFor(api: Api, token: string, since: number): Promise<number> {
  let lastAccepted = since;
  for (;;) {
    const sentAt = performance.now();
    const { status } = await listProjects(api, token);
    if (status === 401) return lastAccepted - since;
    expect(status).toBe(200);
    lastAccepted = sentAt;
    if (sentAt - since > 5 * PROPAGATION_BOUND_MS) throw new Error('the revoked token was still accepted after 5 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function bothSubscriptionsLive(live: boolean): Promise<void> {
  await vi.waitFor(() => expect([kvOf(main).pubsub.isLive(), kvOf(second).pubsub.isLive()]).toEqual([live, live]), { timeout: 5_000, interval: 20 });
}

describe.sequential('token revocation across two gateways', () => {
  it('with Redis up: refused at the revoking gateway at once and at the other through pub/sub', async () => {
    await expectPubSubPropagation('redis-up');
  });

  it('with Redis killed: revoke answers success, and the token is refused everywhere within a second', async () => {
    await redis.kill();
    await bothSubscriptionsLive(false);
    // Cached after the subscriptions went down: only the one-second distrust bounds these entries.
    const { id, token } = await cachedToken('redis-killed');

    const revoked = await revokeThrough(gateways().main, id);
    expect(revoked.status).toBe(200);
    expect(revoked.ms).toBeLessThan(REVOKE_BOUND_MS);
    expect((await listProjects(gateways().main, token)).status).toBe(401);
    const ms = await acceptedFor(gateways().second, token, revoked.startedAt);
    console.log(`Redis killed: revoke answered 200 in ${Math.round(revoked.ms)} ms; the other gateway accepted the token for ${Math.round(ms)} ms`);
    expect(ms).toBeLessThan(PROPAGATION_BOUND_MS);
  });

  it('with Redis back after a kill: revocation propagates through pub/sub again', async () => {
    const restarted = performance.now();
    await redis.start();
    await bothSubscriptionsLive(true);
    console.log(`Redis restarted: both subscriptions live again after ${Math.round(performance.now() - restarted)} ms`);
    await expectPubSubPropagation('after-kill');
  });

  it('with Redis paused: revoke answers success within the command timeout, and the token is refused everywhere within a second', async () => {
    // Cached while subscribed, for the full 10 s: the stalled subscription must be noticed.
    const { id, token } = await cachedToken('redis-paused');
    redis.pause();
    try {
      const revoked = await revokeThrough(gateways().second, id);
      expect(revoked.status).toBe(200);
      expect(revoked.ms).toBeLessThan(REVOKE_BOUND_MS);
      expect((await listProjects(gateways().second, token)).status).toBe(401);
      const ms = await acceptedFor(gateways().main, token, revoked.startedAt);
      console.log(`Redis paused: revoke answered 200 in ${Math.round(revoked.ms)} ms; the other gateway accepted the token for ${Math.round(ms)} ms`);
      expect(ms).toBeLessThan(PROPAGATION_BOUND_MS);
    } finally {
      redis.resume();
    }
  });

  it('with Redis resumed after a pause: revocation propagates through pub/sub again', async () => {
    const resumed = performance.now();
    await bothSubscriptionsLive(true);
    console.log(`Redis resumed: both subscriptions live again after ${Math.round(performance.now() - resumed)} ms`);
    await expectPubSubPropagation('after-pause');
  });

  it('logged the failed announcements once, never a revoked token or its hash', () => {
    const logs = main.logs() + second.logs();
    expect(logs.match(/could not publish token revocations/g)).toHaveLength(1);
    expect(logs).toMatch(/Reconnected to Redis at redis:\/\/127\.0\.0\.1:\d+ after \d+ ms/);
    for (const token of revokedTokens) {
      expect(logs).not.toContain(token);
      expect(logs).not.toContain(createHash('sha256').update(token).digest('hex'));
    }
  });
});

/**
 * Revokes through each gateway in turn. With subscriptions live the gateways cache for 10 s: a
 * refusal at the other gateway within a fraction of that can only come from the pub/sub message.
 */
async function expectPubSubPropagation(name: string): Promise<void> {
  for (const [through, other] of [
    ['second', 'main'],
    ['main', 'second'],
  ] as const) {
    const { id, token } = await cachedToken(`${name}-${through}`);
    const revoked = await revokeThrough(gateways()[through], id);
    expect(revoked.status).toBe(200);
    expect((await listProjects(gateways()[through], token)).status).toBe(401);
    const ms = await acceptedFor(gateways()[other], token, revoked.startedAt);
    console.log(`${name}: revoked through ${through} in ${Math.round(revoked.ms)} ms; ${other} accepted the token for ${Math.round(ms)} ms`);
    expect(ms).toBeLessThan(500);
  }
}

describe('a Redis command while Redis is paused', () => {
  it('fails with UNAVAILABLE within the command timeout instead of hanging', async () => {
    const kv = await createKv({ redisUrl: redis.url, prefix: `${main.kvPrefix}:paused-command`, commandTimeoutMs: 300, onError: () => {} });
    redis.pause();
    try {
      for (const [name, call] of [
        ['cache get', () => kv.cache.get('k')],
        ['publish', () => kv.pubsub.publish('c', 'm')],
        ['lock', () => kv.locks.withLock('l', { ttlMs: 1_000, waitMs: 0 }, async () => undefined)],
      ] as const) {
        const started = performance.now();
        await expect(call()).rejects.toMatchObject({ code: 'UNAVAILABLE', message: 'Redis is unavailable; retry later' });
        const ms = performance.now() - started;
        console.log(`Redis paused: ${name} failed after ${Math.round(ms)} ms (timeout 300 ms)`);
        expect(ms).toBeGreaterThanOrEqual(290);
        expect(ms).toBeLessThan(600);
      }
    } finally {
      redis.resume();
      await kv.close();
    }
  });
});

describe('embedded mode (no Redis)', () => {
  it('refuses a revoked token on the very next request', async () => {
    const embedded = await startTestPlatform({ redis: false });
    try {
      const { api, token: adminTok } = await bootstrap(embedded.baseUrl, ORG);
      const created = await api('POST', `/orgs/${ORG}/tokens`, { body: { name: 'embedded', permissions: ['read'] } });
      const { id, token } = created.body.data as { id: string; token: string };
      expect((await listProjects(api, token)).status).toBe(200);
      expect((await api('DELETE', `/orgs/${ORG}/tokens/${id}`, { token: adminTok })).status).toBe(200);
      expect((await listProjects(api, token)).status).toBe(401);
    } finally {
      await embedded.stop();
    }
  });
});
