/**
 * Revocation reaches every process within a second, the services included (issue 12, point 3):
 * Auth, Audit and gateway A in this process, the Secret service alone in a `coffer-server
 * --targets=secret` process and gateway B in a `--targets=gateway` process, all on one private
 * Redis. A third gateway, on another Redis prefix, never hears a revocation: it shows that the
 * Secret process's own refusal is what stops an assertion a gateway still holds, and that the
 * gateway then renews it once (a revoked token gets 401, a changed organisation its new decision).
 * Every gateway keeps its default 10 s authentication cache, and the assertions live 5 minutes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCofferError } from '@coffer/contract';
import {
  REVOKED_ASSERTION_MESSAGE,
  STALE_ASSERTION_MESSAGE,
  createAuthClient,
  createSecretClient,
  unary,
  type AuthServiceClient,
  type SecretServiceClient,
} from '@coffer/grpc';
import { expectOk } from '@coffer/test-kit/api-assertions';
import { seedOrg, type SeededOrg } from '@coffer/test-kit/fixtures';
import { apiClient, startTestPlatform, type Api, type TestPlatform } from '@coffer/test-kit/platform';
import { startPrivateRedis, type PrivateRedis } from '@coffer/test-kit/private-redis';
import {
  freePort,
  killAllServers,
  makeTempDir,
  principalKeyEnv,
  removeTempDirs,
  serviceKeyEnv,
  spawnServer,
  waitForGrpcServing,
  waitForHttp,
} from '@coffer/test-kit/server-process';

/** The promise: refused everywhere within this long of the revocation's answer. */
const ONE_SECOND = 1_000;
const scope = { project: 'api', environment: 'development' };

let redis: PrivateRedis;
let core: TestPlatform;
let deaf: TestPlatform;
let gatewayB: string;
let auth: AuthServiceClient;
let secret: SecretServiceClient;
let acme: SeededOrg;
let globex: SeededOrg;

beforeAll(async () => {
  redis = await startPrivateRedis();
  const keys = { ...principalKeyEnv(), ...serviceKeyEnv() };
  const secretAddress = `127.0.0.1:${await freePort()}`;
  core = await startTestPlatform({ targets: ['auth', 'audit', 'gateway'], redisUrl: redis.url, env: { ...keys, COFFER_SECRET_ADDR: secretAddress } });
  const { addresses } = core.platform;
  const secretProcess = spawnServer(['--targets=secret'], {
    DATABASE_URL: core.env.DATABASE_URL,
    DATABASE_OWNER_URL: core.env.DATABASE_OWNER_URL,
    COFFER_MASTER_KEY: core.env.COFFER_MASTER_KEY,
    COFFER_PRINCIPAL_VERIFY_KEY: keys.COFFER_PRINCIPAL_VERIFY_KEY,
    REDIS_URL: redis.url,
    COFFER_REDIS_PREFIX: core.kvPrefix,
    COFFER_DATA_DIR: await makeTempDir(),
    COFFER_GRPC_PORT: secretAddress.split(':')[1],
  });
  const backends = { COFFER_AUTH_ADDR: addresses.auth!, COFFER_SECRET_ADDR: secretAddress, COFFER_AUDIT_ADDR: addresses.audit! };
  const port = await freePort();
  const gatewayProcess = spawnServer(['--targets=gateway'], {
    COFFER_SERVICE_SIGNING_KEY: keys.COFFER_SERVICE_SIGNING_KEY,
    REDIS_URL: redis.url,
    COFFER_REDIS_PREFIX: core.kvPrefix,
    COFFER_DATA_DIR: await makeTempDir(),
    COFFER_HTTP_PORT: String(port),
    ...backends,
  });
  gatewayB = `http://127.0.0.1:${port}`;
  await waitForGrpcServing(secretProcess, secretAddress);
  await waitForHttp(gatewayProcess, `${gatewayB}/healthz`);
  deaf = await startTestPlatform({ targets: ['gateway'], redisUrl: redis.url, env: { ...keys, ...backends, COFFER_REDIS_PREFIX: `${core.kvPrefix}:deaf` } });

  acme = await seedOrg(core, { org: 'acme', project: 'api' });
  globex = await seedOrg(core, { org: 'globex', project: 'api' });
  expectOk(await acme.api('POST', '/orgs/acme/projects/api/envs/development/secrets/DB_HOST', { body: { value: 'db.internal' } }), 201);
  auth = createAuthClient(addresses.auth!);
  secret = createSecretClient(secretAddress);
}, 120_000);

afterAll(async () => {
  redis?.resume();
  auth?.close();
  secret?.close();
  await killAllServers();
  await deaf?.stop();
  await core?.stop();
  await redis?.destroy();
  await removeTempDirs();
});

const gateways = () => ({ A: apiClient(core.baseUrl), B: apiClient(gatewayB), deaf: apiClient(deaf.baseUrl) });
/** A read that the Secret process answers. */
const listSecrets = (api: Api, token: string, org = 'acme') => api('GET', `/orgs/${org}/projects/api/envs/development/secrets`, { token });

async function newToken(org: SeededOrg, name: string): Promise<{ id: string; token: string }> {
  const created = await org.api('POST', `/orgs/${org.org.slug}/tokens`, { body: { name, permissions: ['read'] } });
  expect(created.status, created.body?.message).toBe(201);
  return created.body.data as { id: string; token: string };
}

/** The assertion Auth hands a gateway for `token`, captured as someone at the gateway's side of the wire would. */
async function assertionFor(token: string): Promise<string> {
  return (await unary(auth, 'Authenticate', { token, orgSlug: '' }, { ctx: { requestId: 'access-revocation-test' } })).assertion;
}

/** What the Secret process answers a call with this assertion at its port: 'OK' or the refusal's message. */
async function atSecretPort(assertion: string): Promise<string> {
  try {
    await unary(secret, 'ListSecrets', { scope, includeDeleted: false }, { ctx: { requestId: 'access-revocation-test', principal: { assertion } } });
    return 'OK';
  } catch (err) {
    if (!isCofferError(err)) throw err;
    return `${err.code}: ${err.message}`;
  }
}

/** Asks until `ask` answers something else than `still`, for at most `ms`; returns the last answer. */
async function pollWhile<T>(ask: () => Promise<T>, still: (answer: T) => boolean, ms = ONE_SECOND): Promise<T> {
  const deadline = performance.now() + ms;
  for (;;) {
    const answer = await ask();
    if (!still(answer) || performance.now() >= deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.sequential('revocation in every process', () => {
  it('a token revoked through gateway A is refused by gateway B, and its captured assertion by the Secret process, within a second', async () => {
    const { id, token } = await newToken(acme, 'revoked-through-a');
    const captured = await assertionFor(token);
    for (const api of Object.values(gateways())) expect((await listSecrets(api, token)).status).toBe(200);
    expect(await atSecretPort(captured)).toBe('OK');

    expectOk(await acme.api('DELETE', `/orgs/acme/tokens/${id}`));
    expect((await listSecrets(gateways().A, token)).status).toBe(401);
    const atB = await pollWhile(
      () => listSecrets(gateways().B, token),
      ({ status }) => status === 200,
    );
    expect(atB.status).toBe(401);
    expect(
      await pollWhile(
        () => atSecretPort(captured),
        (answer) => answer === 'OK',
      ),
    ).toBe(`UNAUTHENTICATED: ${REVOKED_ASSERTION_MESSAGE}`);
    // The gateway that never heard of it still held the principal: the Secret process refused its
    // assertion, the gateway asked Auth again, and Auth said the token is gone.
    expect((await listSecrets(gateways().deaf, token)).status).toBe(401);
  });

  it("an organisation's change refuses its assertions signed before it, not fresh ones nor another organisation's", async () => {
    const { token } = await newToken(acme, 'org-change');
    const other = await newToken(globex, 'other-org');
    const captured = await assertionFor(token);
    const otherCaptured = await assertionFor(other.token);
    for (const api of Object.values(gateways())) expect((await listSecrets(api, token)).status).toBe(200);
    expect(await atSecretPort(captured)).toBe('OK');

    // Auth announces `org:<id>` for any change of the organisation's policies, members, roles or grants.
    expectOk(await acme.api('POST', '/orgs/acme/settings', { body: { requireTwoFactor: false } }));
    expect(
      await pollWhile(
        () => atSecretPort(captured),
        (answer) => answer === 'OK',
      ),
    ).toBe(`UNAUTHENTICATED: ${REVOKED_ASSERTION_MESSAGE}`);
    expect(await atSecretPort(await assertionFor(token))).toBe('OK');
    expect(await atSecretPort(otherCaptured)).toBe('OK');
    // Every gateway keeps serving the token: A and B dropped its principal, the deaf one renews it
    // when the Secret process refuses the old assertion.
    for (const api of Object.values(gateways())) expect((await listSecrets(api, token)).status).toBe(200);
  });

  it('without Redis the Secret process refuses assertions older than a second, the gateways keep serving, and a revocation still holds within a second', async () => {
    const { id, token } = await newToken(acme, 'redis-down');
    const { token: steady } = await newToken(acme, 'redis-down-steady');
    const old = await assertionFor(steady);
    expect(await atSecretPort(old)).toBe('OK');
    await redis.kill();
    try {
      // Once the process notices the lost subscription (the kv module's own detection), nothing older than a second is believed.
      expect(
        await pollWhile(
          () => atSecretPort(old),
          (answer) => answer === 'OK',
          10_000,
        ),
      ).toBe(`UNAUTHENTICATED: ${STALE_ASSERTION_MESSAGE}`);
      const fresh = await assertionFor(steady);
      expect(await atSecretPort(fresh)).toBe('OK');
      await sleep(ONE_SECOND + 100);
      expect(await atSecretPort(fresh)).toBe(`UNAUTHENTICATED: ${STALE_ASSERTION_MESSAGE}`);

      // Requests keep being answered for 2.5 s: each gateway asks Auth again at least every second,
      // and renews once an assertion the Secret process finds too old.
      const until = performance.now() + 2_500;
      while (performance.now() < until) {
        for (const api of Object.values(gateways())) expect((await listSecrets(api, steady)).status).toBe(200);
        await sleep(100);
      }

      for (const api of Object.values(gateways())) expect((await listSecrets(api, token)).status).toBe(200);
      const captured = await assertionFor(token);
      expect((await acme.api('DELETE', `/orgs/acme/tokens/${id}`)).status).toBe(200);
      for (const api of Object.values(gateways())) {
        expect(
          (
            await pollWhile(
              () => listSecrets(api, token),
              ({ status }) => status === 200,
            )
          ).status,
        ).toBe(401);
      }
      expect(
        await pollWhile(
          () => atSecretPort(captured),
          (answer) => answer === 'OK',
        ),
      ).toBe(`UNAUTHENTICATED: ${STALE_ASSERTION_MESSAGE}`);
    } finally {
      await redis.start();
    }
    // Subscribed again: an assertion older than a second is believed again (nothing revoked it).
    expect(
      await pollWhile(
        () => atSecretPort(old),
        (answer) => answer !== 'OK',
        10_000,
      ),
    ).toBe('OK');
    expect((await listSecrets(gateways().B, steady)).status).toBe(200);
  });
});
