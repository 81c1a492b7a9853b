import { join } from 'node:path';
import { MAX_DESCRIPTION_LENGTH, MAX_VALUE_BYTES, TOKEN_REVOKED_CHANNEL, isCofferError } from '@coffer/contract';
import { address, defineSlice, directory, host, integer, milliseconds, optional, port, size, withDefault, type Problem } from '@coffer/config';
import {
  AUDIT_SERVICE,
  AUTH_SERVICE,
  SECRET_SERVICE,
  createAuditClient,
  createAuthClient,
  createHealthClient,
  createSecretClient,
  createServiceSigner,
  serviceSigningModule,
  unary,
  type Principal,
} from '@coffer/grpc';
import { kvModule } from '@coffer/kv';
import { defineModule } from '@coffer/module';
import { createOutageLog } from '@coffer/telemetry';
import { createGatewayApp } from './app.js';
import { createAuditRecorder, spooledEvent, type RecordedEvent } from './audit-recorder.js';
import { createAuditSpool } from './audit-spool.js';
import { trustedProxiesVariable } from './client-address.js';
import { DEFAULT_HTTP_LIMITS, type HttpLimits } from './http-limits.js';
import { listen } from './http-server.js';
import { createReadiness } from './readiness.js';
import { createPrincipalCache, followRevocations } from './principal-cache.js';
import { createRateLimiting, type RateLimits } from './rate-limit.js';
import { ssoSettings, ssoVariables } from './sso/config.js';
import { createSsoRouter } from './sso/router.js';
import { deriveCookieKey } from './sso/sealed-cookie.js';

const CALL_DEADLINE_MS = 5_000;

/** The services the gateway calls, by target name, with the variable that points at one in another process. */
const BACKENDS = {
  auth: { variable: 'COFFER_AUTH_ADDR', service: AUTH_SERVICE },
  secret: { variable: 'COFFER_SECRET_ADDR', service: SECRET_SERVICE },
  audit: { variable: 'COFFER_AUDIT_ADDR', service: AUDIT_SERVICE },
} as const;
type BackendName = keyof typeof BACKENDS;
const BACKEND_NAMES = Object.keys(BACKENDS) as BackendName[];

/**
 * The smallest body limit that still takes one write of the largest value and description,
 * however JSON spells them (a control character is six bytes, `\u0001`): a value within the value
 * limit is never refused by this one.
 */
const MIN_BODY_LIMIT = 6 * (MAX_VALUE_BYTES + MAX_DESCRIPTION_LENGTH) + 1024;

export const gatewaySlice = defineSlice(
  {
    COFFER_HTTP_PORT: withDefault(port(1), '8080'),
    COFFER_HTTP_HOST: withDefault(host(), '127.0.0.1'),
    COFFER_AUTH_ADDR: optional(address()),
    COFFER_SECRET_ADDR: optional(address()),
    COFFER_AUDIT_ADDR: optional(address()),
    COFFER_BODY_LIMIT: withDefault(size(MIN_BODY_LIMIT), '512kb'),
    COFFER_AUDIT_FLUSH_MS: withDefault(milliseconds(1), '200'),
    // A flush stalls this event loop for the batch's encoding and checks (tens of µs per event):
    // 50 events keep the stall near a millisecond, under what a request at c=1 takes.
    COFFER_AUDIT_BATCH_SIZE: withDefault(integer(1, 100_000), '50'),
    // Undelivered audit events, on disk (audit-spool.ts); by default <COFFER_DATA_DIR>/audit-spool.
    COFFER_AUDIT_SPOOL_DIR: optional(directory()),
    // 0 turns the authentication cache off.
    COFFER_AUTH_CACHE_TTL_MS: withDefault(milliseconds(0), '10000'),
    // Slow and idle clients (http-limits.ts): a request line and headers, a whole request, an idle keep-alive connection.
    COFFER_HTTP_HEADERS_TIMEOUT_MS: withDefault(milliseconds(1), String(DEFAULT_HTTP_LIMITS.headersTimeoutMs)),
    COFFER_HTTP_REQUEST_TIMEOUT_MS: withDefault(milliseconds(1), String(DEFAULT_HTTP_LIMITS.requestTimeoutMs)),
    COFFER_HTTP_IDLE_TIMEOUT_MS: withDefault(milliseconds(1), String(DEFAULT_HTTP_LIMITS.idleTimeoutMs)),
    COFFER_HTTP_MAX_CONNECTIONS: withDefault(integer(1, 1_000_000), String(DEFAULT_HTTP_LIMITS.maxConnections)),
    // Requests per minute (rate-limit.ts); 0 turns a limit off.
    COFFER_RATE_LIMIT_ADDRESS: withDefault(integer(0, 1_000_000_000), '1200'),
    COFFER_RATE_LIMIT_CREDENTIAL: withDefault(integer(0, 1_000_000_000), '600'),
    COFFER_RATE_LIMIT_IDENTITY: withDefault(integer(0, 1_000_000_000), '60'),
    // Whose X-Forwarded-For is believed (client-address.ts); none by default: the socket's peer is the client.
    COFFER_TRUSTED_PROXIES: optional(trustedProxiesVariable()),
    // Single sign-on providers and the public URL their redirect URIs start with (sso/config.ts).
    ...ssoVariables,
  },
  (env) => ({
    httpHost: env.COFFER_HTTP_HOST,
    httpPort: env.COFFER_HTTP_PORT,
    addresses: { auth: env.COFFER_AUTH_ADDR, secret: env.COFFER_SECRET_ADDR, audit: env.COFFER_AUDIT_ADDR } as Record<BackendName, string | undefined>,
    bodyLimit: env.COFFER_BODY_LIMIT,
    auditFlushMs: env.COFFER_AUDIT_FLUSH_MS,
    auditBatchSize: env.COFFER_AUDIT_BATCH_SIZE,
    auditSpoolDir: env.COFFER_AUDIT_SPOOL_DIR,
    authCacheTtlMs: env.COFFER_AUTH_CACHE_TTL_MS,
    httpLimits: {
      headersTimeoutMs: env.COFFER_HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: env.COFFER_HTTP_REQUEST_TIMEOUT_MS,
      idleTimeoutMs: env.COFFER_HTTP_IDLE_TIMEOUT_MS,
      maxConnections: env.COFFER_HTTP_MAX_CONNECTIONS,
    } satisfies HttpLimits,
    rateLimits: {
      address: env.COFFER_RATE_LIMIT_ADDRESS,
      credential: env.COFFER_RATE_LIMIT_CREDENTIAL,
      identity: env.COFFER_RATE_LIMIT_IDENTITY,
    } satisfies RateLimits,
    trustedProxies: env.COFFER_TRUSTED_PROXIES,
    sso: ssoSettings(env),
  }),
);

export interface GatewayExports {
  /** The port the REST API listens on (useful with an override of 0). */
  port: number;
  url: string;
}

export const gatewayModule = defineModule<ReturnType<typeof gatewaySlice.toConfig>, GatewayExports>({
  name: 'gateway',
  kind: 'target',
  description: 'REST API; calls auth, secret and audit in-process or at COFFER_AUTH_ADDR, COFFER_SECRET_ADDR, COFFER_AUDIT_ADDR',
  dependsOn: ['kv', 'service-signing'],
  // The services it calls start first when they share its process, and first-run setup is done before it listens.
  after: ['auth', 'secret', 'audit', 'first-run'],
  config: gatewaySlice,
  requirements(config, platform): Problem[] {
    const backends = BACKEND_NAMES.filter((name) => !platform.runs(name) && !config.addresses[name]).map((name) => ({
      variable: BACKENDS[name].variable,
      message: `required when the gateway runs without the ${name} target in the same process`,
    }));
    return [...backends, ...config.sso.problems];
  },
  async start(ctx) {
    const { config } = ctx;
    const kv = ctx.use(kvModule);
    const addressOf = (name: BackendName) => ctx.grpcAddress(name) ?? (config.addresses[name] as string);
    const backends = {
      auth: createAuthClient(addressOf('auth'), { channel: ctx.grpcChannel('auth') }),
      secret: createSecretClient(addressOf('secret'), { channel: ctx.grpcChannel('secret') }),
      audit: createAuditClient(addressOf('audit'), { channel: ctx.grpcChannel('audit') }),
    };
    const healthClients = BACKEND_NAMES.map((name) => ({ name, client: createHealthClient(addressOf(name)) }));
    // The gateway proves to the Audit service that the records it sends come from a Coffer service.
    const serviceSigningKey = ctx.use(serviceSigningModule).privateKey;
    const serviceAssertion = await createServiceSigner(serviceSigningKey, 'gateway');

    const principalCache = createPrincipalCache<Principal>({ ttlMs: config.authCacheTtlMs });
    const unsubscribe = await followRevocations(principalCache, kv.pubsub, TOKEN_REVOKED_CHANNEL);
    const auditSpool = createAuditSpool<RecordedEvent>({ root: config.auditSpoolDir ?? join(ctx.platform.dataDir, 'audit-spool'), parse: spooledEvent });
    const auditOutage = createOutageLog({ logger: ctx.logger, backend: 'the Audit service' });
    const audit = createAuditRecorder({
      send: async (groups) => {
        const ctxOut = { requestId: 'audit-flush', serviceAssertion: await serviceAssertion(AUDIT_SERVICE) };
        const { alreadyRecorded } = await unary(backends.audit, 'Record', { groups }, { ctx: ctxOut, deadlineMs: CALL_DEADLINE_MS });
        if (alreadyRecorded > 0) ctx.metrics.auditEventsTotal.inc({ outcome: 'already_recorded' }, alreadyRecorded);
      },
      spool: auditSpool,
      flushMs: config.auditFlushMs,
      batchSize: config.auditBatchSize,
      onSent: (count) => {
        auditOutage.succeeded();
        ctx.metrics.auditEventsTotal.inc({ outcome: 'recorded' }, count);
      },
      // The Audit service (or its database) out of reach is one outage in the log, not a line per retry.
      onError: (err, pending) =>
        isCofferError(err) && (err.code === 'UNAVAILABLE' || err.code === 'DEADLINE_EXCEEDED')
          ? auditOutage.failed(`${err.code}, ${pending} events waiting`)
          : ctx.logger.error({ err, pending }, 'audit batch not delivered; will retry'),
      onDropped: (count) => ctx.metrics.auditEventsTotal.inc({ outcome: 'dropped' }, count),
      onDeferred: (count) => ctx.logger.warn({ count }, 'audit buffer full; events left in the spool for the next start'),
      onBufferSize: (size) => ctx.metrics.auditBufferSize.set(size),
    });
    const leftovers = auditSpool.adoptLeftovers();
    if (leftovers.segments > 0) {
      ctx.logger.info({ events: leftovers.entries.length, skipped: leftovers.skipped }, 'replaying audit events spooled by an earlier process');
    }
    audit.replay(leftovers.entries);

    const readiness = createReadiness({
      services: healthClients.map(({ name, client }) => ({ name, service: BACKENDS[name].service, client })),
      ...(kv.mode === 'redis' ? { redis: kv } : {}),
    });

    const rateLimiting = createRateLimiting({ limits: config.rateLimits, redis: kv.redis, logger: ctx.logger });
    const app = createGatewayApp({
      backends,
      principalCache,
      audit,
      logger: ctx.logger,
      metrics: ctx.metrics,
      bodyLimit: config.bodyLimit,
      deadlineMs: CALL_DEADLINE_MS,
      readiness,
      trustedProxies: config.trustedProxies,
      rateLimiting,
      ssoProviders: config.sso.providers.map((provider) => provider.name),
      // Single sign-on vouches for people to the Auth service with the same service assertion.
      sso: createSsoRouter({
        settings: config.sso,
        auth: backends.auth,
        serviceAssertion: () => serviceAssertion(AUTH_SERVICE),
        cookieKey: deriveCookieKey(serviceSigningKey),
        logger: ctx.logger,
      }),
    });
    const http = await listen(app, config.httpHost, config.httpPort, (err) => ctx.fail(err), config.httpLimits);
    ctx.logger.info({ host: config.httpHost, port: http.port }, 'gateway listening');

    return {
      exports: { port: http.port, url: `http://${config.httpHost}:${http.port}` },
      async stop() {
        const deadline = Date.now() + ctx.platform.shutdownTimeoutMs;
        await http.close(ctx.platform.shutdownTimeoutMs);
        // In-flight requests are done: everything they audited is in the buffer; deliver all of it
        // within what is left of the shutdown time (what is not stays in the spool, and stop fails).
        await audit.close(Math.max(0, deadline - Date.now()));
        await unsubscribe();
        rateLimiting.close();
        for (const client of [...Object.values(backends), ...healthClients.map(({ client }) => client)]) client.close();
      },
    };
  },
});
