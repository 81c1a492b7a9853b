import type { KeyObject } from 'node:crypto';
import type { Config } from '@coffer/config';
import { migrateDatabase, openDatabase, type Database } from '@coffer/db';
import {
  createAuditClient,
  createAuthClient,
  createGrpcServer,
  createHealthClient,
  createHealthService,
  createPrincipalVerifier,
  createSecretClient,
  bindServer,
  shutdownServer,
  unary,
  type AddServiceOptions,
  type Principal,
  type PrincipalVerifier,
  type Server,
} from '@coffer/grpc';
import { AUDIT_SERVICE_NAME, registerAuditService } from '@coffer/audit';
import { AUTH_SERVICE_NAME, TOKEN_REVOKED_CHANNEL, registerAuthService } from '@coffer/auth';
import { createAuditRecorder, createGatewayApp, createPrincipalCache, listen } from '@coffer/gateway';
import { createKv, type Kv } from '@coffer/kv';
import { SECRET_SERVICE_NAME, registerSecretService } from '@coffer/secret';
import { createMetrics, type Logger, type Metrics } from '@coffer/telemetry';
import { resolveMasterKey } from './master-key.js';
import { resolvePrincipalKeys } from './principal-keys.js';
import { startOrder, type ModuleName, type ServiceTarget } from './targets.js';

export interface Platform {
  /** The gateway's HTTP port, when the gateway runs here. */
  httpPort?: number;
  /** host:port of each gRPC service running in this process. */
  addresses: Partial<Record<ServiceTarget, string>>;
  /** Stops every module in reverse start order: HTTP drains first, the database closes last. */
  stop(): Promise<void>;
}

const SERVICE_NAMES: Record<ServiceTarget, string> = { auth: AUTH_SERVICE_NAME, secret: SECRET_SERVICE_NAME, audit: AUDIT_SERVICE_NAME };
const CALL_DEADLINE_MS = 5_000;

interface Runtime {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  database?: Database;
  kv?: Kv;
  addresses: Partial<Record<ServiceTarget, string>>;
  httpPort?: number;
  kvPrefix: string;
  grpcTargets: number;
  /** Auth's key for signing principal assertions, when auth runs here. */
  principalSigningKey?: KeyObject;
  /** One verifier for every service here, so they share its cache of verified assertions. */
  verifyPrincipal?: PrincipalVerifier;
  /** `migrate` runs alone and migrates through its own owner connection. */
  migrateOnly: boolean;
}

type Stop = () => Promise<void>;

export interface PlatformOptions {
  /** Namespace for Redis keys and channels; tests give each platform its own. */
  kvPrefix?: string;
  /** Runs once the services are up and before the gateway accepts a request (first-run setup). */
  beforeGateway?(addresses: Partial<Record<ServiceTarget, string>>): Promise<void>;
}

export async function startPlatform(config: Config, targets: readonly ModuleName[], logger: Logger, options: PlatformOptions = {}): Promise<Platform> {
  const order = startOrder(targets);
  const principalKeys = resolvePrincipalKeys(config, order);
  const runtime: Runtime = {
    config,
    logger,
    metrics: createMetrics(),
    addresses: {},
    kvPrefix: options.kvPrefix ?? 'coffer',
    grpcTargets: order.filter((name) => name === 'auth' || name === 'secret' || name === 'audit').length,
    migrateOnly: order.includes('migrate'),
    principalSigningKey: principalKeys.signingKey,
    verifyPrincipal: principalKeys.verifyKey && createPrincipalVerifier(principalKeys.verifyKey),
  };
  const stops: { name: ModuleName; stop: Stop }[] = [];
  const stopAll = async () => {
    for (const { name, stop } of stops.reverse()) {
      try {
        await stop();
      } catch (err) {
        logger.error({ err, module: name }, 'module failed to stop cleanly');
      }
    }
    stops.length = 0;
  };

  try {
    for (const name of order) {
      if (name === 'gateway') await options.beforeGateway?.(runtime.addresses);
      const stop = await startModule(name, runtime);
      if (stop) stops.push({ name, stop });
      logger.debug({ module: name }, 'module started');
    }
  } catch (err) {
    await stopAll();
    throw err;
  }
  return { httpPort: runtime.httpPort, addresses: runtime.addresses, stop: stopAll };
}

async function startModule(name: ModuleName, rt: Runtime): Promise<Stop | undefined> {
  switch (name) {
    case 'database': {
      // Opening the app database migrates it (leaving `migrate` nothing to report) and, embedded,
      // would hold PGlite open while `migrate` opens the same directory a second time.
      if (rt.migrateOnly) return undefined;
      const database = await openDatabase({
        databaseUrl: rt.config.databaseUrl,
        ownerUrl: rt.config.databaseOwnerUrl,
        dataDir: rt.config.dataDir,
        poolMax: rt.config.dbPoolMax,
        log: knexLogTo(rt.logger),
      });
      if (database.backend === 'postgres' && !database.loggedInAsAppRole) {
        rt.logger.warn(
          'DATABASE_URL does not log in as coffer_app: queries still run under row-level security, but injected SQL could RESET ROLE out of it. Log in as coffer_app and migrate through DATABASE_OWNER_URL.',
        );
      }
      rt.database = database;
      return () => database.close();
    }
    case 'kv': {
      const kv = await createKv({
        redisUrl: rt.config.redisUrl,
        prefix: rt.kvPrefix,
        // A lost connection drops pub/sub messages (token revocations): operators must see it.
        onError: (err) => rt.logger.error({ err }, 'redis connection problem'),
      });
      rt.kv = kv;
      return () => kv.close();
    }
    case 'auth':
    case 'secret':
    case 'audit':
      return startService(name, rt);
    case 'gateway':
      return startGateway(rt);
    case 'migrate': {
      const applied = await migrateDatabase({
        databaseUrl: rt.config.databaseUrl,
        ownerUrl: rt.config.databaseOwnerUrl,
        dataDir: rt.config.dataDir,
        log: knexLogTo(rt.logger),
      });
      rt.logger.info({ applied }, applied.length > 0 ? 'migrations applied' : 'database already up to date');
      return undefined;
    }
    case 'all':
      return undefined;
  }
}

function knexLogTo(logger: Logger) {
  return { warn: (msg: string) => logger.warn({ component: 'knex' }, msg), error: (msg: string) => logger.error({ component: 'knex' }, msg) };
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is not running in this process`);
  return value;
}

async function startService(name: ServiceTarget, rt: Runtime): Promise<Stop> {
  const knex = required(rt.database, 'database').knex;
  const server = createGrpcServer();
  const grpcOptions: AddServiceOptions = {
    onUnexpectedError: (err, method, requestId) => rt.logger.error({ err, method, requestId }, 'unexpected error in gRPC handler'),
    onCompleted: (method, code) => rt.metrics.grpcRequestsTotal.inc({ service: name, method: method.slice(method.lastIndexOf('/') + 1), code }),
    verifyPrincipal: required(rt.verifyPrincipal, 'principal verification'),
  };
  await registerService(name, server, rt, knex, grpcOptions);
  const health = createHealthService();
  health.setStatus(SERVICE_NAMES[name], 'SERVING');
  health.addTo(server);
  // One service alone in a process listens where it is told; several share a host on free ports.
  const port = await bindServer(server, rt.config.grpcHost, rt.grpcTargets === 1 ? rt.config.grpcPort : 0);
  rt.addresses[name] = `${rt.config.grpcHost}:${port}`;
  rt.logger.info({ service: name, address: rt.addresses[name] }, 'gRPC service listening');
  return async () => {
    health.shutdown();
    await shutdownServer(server, rt.config.shutdownTimeoutMs);
  };
}

async function registerService(
  name: ServiceTarget,
  server: Server,
  rt: Runtime,
  knex: Database['knex'],
  grpc: AddServiceOptions,
): Promise<void> {
  switch (name) {
    case 'auth': {
      const kv = required(rt.kv, 'kv');
      registerAuthService(server, {
        knex,
        publish: (channel, message) => kv.pubsub.publish(channel, message),
        principalSigningKey: required(rt.principalSigningKey, 'principal signing'),
        grpc,
      });
      return;
    }
    case 'secret':
      registerSecretService(server, {
        knex,
        masterKey: await resolveMasterKey(rt.config, rt.logger),
        onDecryptionFailure: () => rt.metrics.decryptionFailuresTotal.inc(),
        grpc,
      });
      return;
    case 'audit':
      registerAuditService(server, { knex, grpc });
      return;
  }
}

function backendAddress(rt: Runtime, name: ServiceTarget): string {
  const configured = { auth: rt.config.authAddr, secret: rt.config.secretAddr, audit: rt.config.auditAddr }[name];
  const address = rt.addresses[name] ?? configured;
  if (!address) {
    throw new Error(`COFFER_${name.toUpperCase()}_ADDR: required when the gateway runs without the ${name} target in the same process`);
  }
  return address;
}

async function startGateway(rt: Runtime): Promise<Stop> {
  const kv = required(rt.kv, 'kv');
  const addresses = { auth: backendAddress(rt, 'auth'), secret: backendAddress(rt, 'secret'), audit: backendAddress(rt, 'audit') };
  const backends = { auth: createAuthClient(addresses.auth), secret: createSecretClient(addresses.secret), audit: createAuditClient(addresses.audit) };
  const healthClients = Object.fromEntries(
    (Object.keys(addresses) as ServiceTarget[]).map((name) => [name, createHealthClient(addresses[name])]),
  ) as Record<ServiceTarget, ReturnType<typeof createHealthClient>>;

  const principalCache = createPrincipalCache<Principal>({ ttlMs: rt.config.authCacheTtlMs });
  const unsubscribe = await kv.pubsub.subscribe(TOKEN_REVOKED_CHANNEL, (tokenHash) => principalCache.evict(tokenHash));
  const audit = createAuditRecorder({
    send: async (events) => {
      await unary(backends.audit, 'Record', { events }, { ctx: { requestId: 'audit-flush' }, deadlineMs: CALL_DEADLINE_MS });
      rt.metrics.auditEventsTotal.inc({ outcome: 'recorded' }, events.length);
    },
    flushMs: rt.config.auditFlushMs,
    batchSize: rt.config.auditBatchSize,
    onError: (err, pending) => rt.logger.error({ err, pending }, 'audit batch not delivered; will retry'),
    onDropped: (count) => rt.metrics.auditEventsTotal.inc({ outcome: 'dropped' }, count),
    onBufferSize: (size) => rt.metrics.auditBufferSize.set(size),
  });

  const readiness = async () => {
    const entries = await Promise.all(
      (Object.keys(healthClients) as ServiceTarget[]).map(async (name) => {
        try {
          const { status } = await unary(healthClients[name], 'Check', { service: SERVICE_NAMES[name] }, { ctx: { requestId: 'readyz' }, deadlineMs: 1_000 });
          return [name, status === 'SERVING'] as const;
        } catch {
          return [name, false] as const;
        }
      }),
    );
    return Object.fromEntries(entries);
  };

  const app = createGatewayApp({
    backends,
    principalCache,
    idempotencyCache: kv.cache,
    audit,
    logger: rt.logger,
    metrics: rt.metrics,
    bodyLimit: rt.config.bodyLimit,
    deadlineMs: CALL_DEADLINE_MS,
    readiness,
  });
  const http = await listen(app, rt.config.httpHost, rt.config.httpPort);
  rt.httpPort = http.port;
  rt.logger.info({ host: rt.config.httpHost, port: http.port }, 'gateway listening');

  return async () => {
    await http.close(rt.config.shutdownTimeoutMs);
    // In-flight requests are done: everything they audited is in the buffer; deliver all of it.
    await audit.close(rt.config.shutdownTimeoutMs);
    await unsubscribe();
    for (const client of [...Object.values(backends), ...Object.values(healthClients)]) client.close();
  };
}
