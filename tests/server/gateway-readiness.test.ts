import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, TEST_REDIS_URL, type TestDatabase } from '@coffer/test-kit/postgres';
import {
  freePort,
  killAllServers,
  makeTempDir,
  principalKeyEnv,
  removeTempDirs,
  serviceKeyEnv,
  runServer,
  spawnServer,
  waitForGrpcServing,
  waitForHttp,
  type ServerProcess,
} from '@coffer/test-kit/server-process';

/**
 * The gateway alone, as in Kubernetes: its backends are other processes at COFFER_*_ADDR. Here
 * auth and secret point at closed ports and audit at a real `--targets=audit` process, so
 * /readyz has to tell the backends apart rather than answer the same for all of them.
 */

let database: TestDatabase;
let audit: ServerProcess;
let gateway: ServerProcess;
let baseUrl: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const migrated = await runServer(['migrate'], { DATABASE_URL: database.url, COFFER_DATA_DIR: await makeTempDir() });
  expect(migrated.code, migrated.output).toBe(0);

  const auditPort = await freePort();
  const serviceKeys = serviceKeyEnv();
  audit = spawnServer(['--targets=audit'], {
    DATABASE_URL: database.url,
    COFFER_GRPC_PORT: String(auditPort),
    COFFER_DATA_DIR: await makeTempDir(),
    COFFER_PRINCIPAL_VERIFY_KEY: principalKeyEnv().COFFER_PRINCIPAL_VERIFY_KEY,
    COFFER_SERVICE_VERIFY_KEY: serviceKeys.COFFER_SERVICE_VERIFY_KEY,
  });
  await waitForGrpcServing(audit, `127.0.0.1:${auditPort}`, 'coffer.v1.AuditService');

  const [httpPort, authPort, secretPort] = [await freePort(), await freePort(), await freePort()];
  gateway = spawnServer(['--targets=gateway'], {
    COFFER_DATA_DIR: await makeTempDir(),
    COFFER_HTTP_PORT: String(httpPort),
    COFFER_AUTH_ADDR: `127.0.0.1:${authPort}`,
    COFFER_SECRET_ADDR: `127.0.0.1:${secretPort}`,
    COFFER_AUDIT_ADDR: `127.0.0.1:${auditPort}`,
    COFFER_SERVICE_SIGNING_KEY: serviceKeys.COFFER_SERVICE_SIGNING_KEY,
    REDIS_URL: TEST_REDIS_URL,
  });
  baseUrl = `http://127.0.0.1:${httpPort}`;
  // Not ready by design: wait for /readyz to answer at all.
  await waitForHttp(gateway, `${baseUrl}/readyz`, { accept: () => true });
});

afterAll(async () => {
  await killAllServers();
  await database?.drop();
  await removeTempDirs();
});

it('/healthz answers 200: the process is alive even with its backends down', async () => {
  const response = await fetch(`${baseUrl}/healthz`);
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ error: false, data: { status: 'ok' } });
});

it('/readyz answers 503 naming the failing checks, within the health-check deadline', async () => {
  const started = Date.now();
  const response = await fetch(`${baseUrl}/readyz`);
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(response.status).toBe(503);
  const body = (await response.json()) as { error: boolean; message: string; data: { checks?: Record<string, boolean> } };
  expect(body).toMatchObject({ error: true, message: 'not ready' });
  expect(body.data.checks).toEqual({ auth: false, secret: false, audit: true });
});

it('an API call while auth is down is answered 503, not 500 and not a hang', async () => {
  const response = await fetch(`${baseUrl}/api/v1/orgs`, {
    headers: { authorization: 'Bearer coffer_whatever_token_value' },
    signal: AbortSignal.timeout(15_000),
  });
  expect(response.status).toBe(503);
  const body = (await response.json()) as { error: boolean; message: string; data: { checks?: Record<string, boolean> } };
  expect(body.error).toBe(true);
  expect(JSON.stringify(body)).not.toContain('coffer_whatever_token_value');
});

it('the gateway runs no service and no database of its own', () => {
  const stdout = gateway.stdout();
  expect(stdout).toContain('gateway listening');
  expect(stdout).not.toContain('gRPC service listening');
  expect(stdout).not.toContain('GENERATED A NEW MASTER KEY');
  expect(gateway.exit()).toBeUndefined();
});

it('stops cleanly on SIGTERM although its backends are unreachable', async () => {
  const exit = await gateway.stop('SIGTERM');
  expect(exit, gateway.output()).toEqual({ code: 0, signal: null });
  const auditExit = await audit.stop('SIGTERM');
  expect(auditExit, audit.output()).toEqual({ code: 0, signal: null });
});
