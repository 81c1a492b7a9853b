import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk } from '@coffer/test-kit/api-assertions';
import { apiClient, startTestPlatform, type Api, type TestPlatform } from '@coffer/test-kit/platform';
import { startPrivateRedis, type PrivateRedis } from '@coffer/test-kit/private-redis';
import {
  freePort,
  killAllServers,
  makeTempDir,
  removeTempDirs,
  serviceKeyEnv,
  spawnServer,
  waitForHttp,
  type ServerProcess,
} from '@coffer/test-kit/server-process';

/**
 * A session ended at one gateway is refused by another gateway process within a second, the way
 * two pods behind a load balancer would see it: the platform with every service in this process,
 * and a second `coffer-server --targets=gateway` process on the same Redis calling its services.
 * Both keep their default 10 s authentication cache, so only the revocation's pub/sub message (or,
 * with Redis paused, the one-second distrust of a stalled subscription) can make the bound hold.
 */

const ORG = 'acme';
const PASSWORD = 'correct horse battery staple 7';
const PROPAGATION_BOUND_MS = 1_000;

let redis: PrivateRedis;
let main: TestPlatform;
let secondProcess: ServerProcess;
let secondUrl: string;

beforeAll(async () => {
  redis = await startPrivateRedis();
  const serviceKeys = serviceKeyEnv();
  main = await startTestPlatform({ redisUrl: redis.url, env: serviceKeys });
  const { addresses } = main.platform;
  const port = await freePort();
  secondProcess = spawnServer(['--targets=gateway'], {
    ...serviceKeys,
    REDIS_URL: redis.url,
    COFFER_REDIS_PREFIX: main.kvPrefix,
    COFFER_DATA_DIR: await makeTempDir(),
    COFFER_HTTP_PORT: String(port),
    COFFER_AUTH_ADDR: addresses.auth!,
    COFFER_SECRET_ADDR: addresses.secret!,
    COFFER_AUDIT_ADDR: addresses.audit!,
  });
  secondUrl = `http://127.0.0.1:${port}`;
  await waitForHttp(secondProcess, `${secondUrl}/healthz`);
  const anonymous = apiClient(main.baseUrl);
  expectOk(await anonymous('POST', '/bootstrap', { body: { org: ORG, project: 'api', owner: { email: 'owner@example.test', password: PASSWORD } } }), 201);
}, 90_000);

afterAll(async () => {
  redis?.resume();
  await killAllServers();
  await main?.stop();
  await redis?.destroy();
  await removeTempDirs();
});

async function signIn(): Promise<{ accessToken: string; refreshToken: string; sessionId: string }> {
  return expectOk(await apiClient(main.baseUrl)('POST', '/auth/login', { body: { email: 'owner@example.test', password: PASSWORD } }));
}

/** A session both gateways have authenticated (and cached) for the organisation's path and for /me. */
async function cachedSession() {
  const tokens = await signIn();
  for (const base of [main.baseUrl, secondUrl]) {
    const api = apiClient(base, tokens.accessToken);
    expect((await api('GET', `/orgs/${ORG}/projects`)).status).toBe(200);
    expect((await api('GET', '/me')).status).toBe(200);
  }
  return tokens;
}

/** How long after `since` the other gateway still accepted the session, to within one request. */
async function acceptedFor(api: Api, path: string, since: number): Promise<number> {
  let lastAccepted = since;
  for (;;) {
    const sentAt = performance.now();
    const { status } = await api('GET', path);
    if (status === 401) return lastAccepted - since;
    expect(status).toBe(200);
    lastAccepted = sentAt;
    if (sentAt - since > 5 * PROPAGATION_BOUND_MS) throw new Error('the revoked session was still accepted after 5 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe.sequential('a session ended at one gateway, at another gateway process', () => {
  it.each([
    [
      'revoked from the session list',
      (tokens: { accessToken: string; sessionId: string }) => apiClient(main.baseUrl, tokens.accessToken)('DELETE', `/me/sessions/${tokens.sessionId}`),
    ],
    ['logged out', (tokens: { accessToken: string }) => apiClient(main.baseUrl, tokens.accessToken)('POST', '/auth/logout', { body: {} })],
    [
      'ended by the reuse of a refresh token',
      async (tokens: { refreshToken: string }) => {
        const anonymous = apiClient(main.baseUrl);
        expectOk(await anonymous('POST', '/auth/refresh', { body: { refreshToken: tokens.refreshToken } }));
        return anonymous('POST', '/auth/refresh', { body: { refreshToken: tokens.refreshToken } });
      },
    ],
  ] as const)('%s: refused there within a second, in every organisation and on /me', async (what, end) => {
    const tokens = await cachedSession();
    const startedAt = performance.now();
    const ended = await end(tokens as never);
    expect([200, 401]).toContain(ended.status);
    const other = apiClient(secondUrl, tokens.accessToken);
    const inOrg = await acceptedFor(other, `/orgs/${ORG}/projects`, startedAt);
    const onMe = await acceptedFor(other, '/me', startedAt);
    console.log(`session ${what}: the other gateway process accepted it for ${Math.round(inOrg)} ms (org path), ${Math.round(onMe)} ms (/me)`);
    expect(inOrg).toBeLessThan(PROPAGATION_BOUND_MS);
    expect(onMe).toBeLessThan(PROPAGATION_BOUND_MS);
  });

  it('with Redis paused: still refused there within a second', async () => {
    const tokens = await cachedSession();
    redis.pause();
    try {
      const startedAt = performance.now();
      expect((await apiClient(main.baseUrl, tokens.accessToken)('DELETE', `/me/sessions/${tokens.sessionId}`)).status).toBe(200);
      const ms = await acceptedFor(apiClient(secondUrl, tokens.accessToken), `/orgs/${ORG}/projects`, startedAt);
      console.log(`session revoked with Redis paused: the other gateway process accepted it for ${Math.round(ms)} ms`);
      expect(ms).toBeLessThan(PROPAGATION_BOUND_MS);
    } finally {
      redis.resume();
    }
  });
});
