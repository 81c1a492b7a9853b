import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { gatewayModule } from '@coffer/gateway';
import { MODULES, startPlatform, type Platform } from '@coffer/server';
import { createLogger, type LoggerOptions } from '@coffer/telemetry';
import { createTestDatabase, TEST_REDIS_URL, type TestDatabase } from './postgres.js';

export interface TestPlatform {
  platform: Platform;
  /** The environment the platform was configured from. */
  env: Readonly<Record<string, string>>;
  database: TestDatabase;
  baseUrl: string;
  /** Everything the platform logged, for asserting that no secret reached a log line. */
  logs(): string;
  /** The platform's own namespace in Redis: every key and channel it uses starts with this. */
  kvPrefix: string;
  stop(): Promise<void>;
}

export interface TestPlatformOptions {
  /** The targets to run; all of them by default. */
  targets?: string[];
  /** Variables laid over the test defaults. */
  env?: Record<string, string>;
  /** false: start without REDIS_URL. */
  redis?: boolean;
  /** The PostgreSQL server to create the platform's database on (a private cluster); the shared one by default. */
  postgresUrl?: string;
  /** The Redis to use (a private redis-server); the shared one by default. */
  redisUrl?: string;
}

/** A log destination kept in memory. */
export function captureLogs(): { stream: Writable; text(): string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

/**
 * The whole platform in this process on a fresh PostgreSQL database and real Redis (own key
 * prefix), listening on free ports. Every service is still reached over gRPC.
 */
export async function startTestPlatform(options: TestPlatformOptions = {}): Promise<TestPlatform> {
  const database = await createTestDatabase(options.postgresUrl);
  const kvPrefix = `coffer-test:${randomBytes(6).toString('hex')}`;
  const dataDir = await mkdtemp(join(tmpdir(), 'coffer-data-'));
  const env: Record<string, string> = {
    DATABASE_URL: database.appUrl,
    DATABASE_OWNER_URL: database.url,
    COFFER_MASTER_KEY: randomBytes(32).toString('hex'),
    COFFER_AUTH_KEY: randomBytes(32).toString('hex'),
    COFFER_LOG_LEVEL: 'info',
    COFFER_AUDIT_FLUSH_MS: '50',
    // A data directory of the test's own (audit spool, throwaway public keys): another suite's spool
    // would be replayed into this platform, and nothing is left in the repository.
    COFFER_DATA_DIR: dataDir,
    COFFER_REDIS_PREFIX: kvPrefix,
    // Suites send thousands of requests a minute from 127.0.0.1: the limiter runs, and never refuses
    // them; tests of the limits set low ones through `env`.
    COFFER_RATE_LIMIT_ADDRESS: '1000000',
    COFFER_RATE_LIMIT_CREDENTIAL: '1000000',
    COFFER_RATE_LIMIT_IDENTITY: '1000000',
    // Suites fail logins on purpose from 127.0.0.1: the brute-force guard runs, and never slows or locks them.
    COFFER_BRUTE_FORCE_ACCOUNT_FAILURES: '1000000',
    COFFER_BRUTE_FORCE_ADDRESS_FAILURES: '1000000',
    COFFER_BRUTE_FORCE_RESET_MAILS: '1000000',
    COFFER_BRUTE_FORCE_SLOW_AFTER: '1000000',
    ...(options.redis === false ? {} : { REDIS_URL: options.redisUrl ?? TEST_REDIS_URL }),
    ...options.env,
  };
  const logs = captureLogs();
  // The level the environment asks for (startPlatform validates it before anything logs).
  const logger = createLogger({ level: env.COFFER_LOG_LEVEL as LoggerOptions['level'], name: 'coffer-test', destination: logs.stream });
  let platform: Platform;
  try {
    // Port 0 for HTTP is not a setting (the environment must name a real port): an override, for tests.
    platform = await startPlatform({ modules: MODULES, targets: options.targets ?? ['all'], env, logger, overrides: { gateway: { httpPort: 0 } } });
  } catch (err) {
    await database.drop();
    throw err;
  }
  return {
    platform,
    env,
    database,
    baseUrl: `http://127.0.0.1:${platform.exportsOf(gatewayModule)?.port}`,
    logs: logs.text,
    kvPrefix,
    async stop() {
      await platform.stop();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: { error: boolean; message: string; data: T };
}

/** A small client for the REST API, the way a CI system would call it. */
export function apiClient(baseUrl: string, token?: string) {
  return async function api<T = any>(
    method: string,
    path: string,
    options: { body?: unknown; rawBody?: string; headers?: Record<string, string>; token?: string } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    const bearer = options.token ?? token;
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    let body: string | undefined;
    if (options.rawBody !== undefined) body = options.rawBody;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`${baseUrl}/api/v1${path}`, { method, headers, body });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  };
}

export type Api = ReturnType<typeof apiClient>;

/** Bootstraps a platform and returns its admin token and an API client using it. */
export async function bootstrap(baseUrl: string, org = 'acme', project = 'api') {
  const anonymous = apiClient(baseUrl);
  const response = await anonymous('POST', '/bootstrap', { body: { org, project } });
  if (response.status !== 201) throw new Error(`bootstrap failed: ${response.status} ${response.body?.message}`);
  const token = response.body.data.token.token as string;
  return { token, api: apiClient(baseUrl, token), data: response.body.data };
}
