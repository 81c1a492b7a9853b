import { MAX_DESCRIPTION_LENGTH, MAX_VALUE_BYTES, TOKEN_REVOKED_CHANNEL } from '@coffer/contract';
import { address, defineSlice, host, integer, milliseconds, optional, port, size, withDefault, type Problem } from '@coffer/config';
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
import { createGatewayApp } from './app.js';
import { createAuditRecorder } from './audit-recorder.js';
import { listen } from './http-server.js';
import { createPrincipalCache } from './principal-cache.js';

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
    // 0 turns the authentication cache off.
    COFFER_AUTH_CACHE_TTL_MS: withDefault(milliseconds(0), '10000'),
  },
  (env) => ({
    httpHost: env.COFFER_HTTP_HOST,
    httpPort: env.COFFER_HTTP_PORT,
    addresses: { auth: env.COFFER_AUTH_ADDR, secret: env.COFFER_SECRET_ADDR, audit: env.COFFER_AUDIT_ADDR } as Record<BackendName, string | undefined>,
    bodyLimit: env.COFFER_BODY_LIMIT,
    auditFlushMs: env.COFFER_AUDIT_FLUSH_MS,
    auditBatchSize: env.COFFER_AUDIT_BATCH_SIZE,
    authCacheTtlMs: env.COFFER_AUTH_CACHE_TTL_MS,
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
    return BACKEND_NAMES.filter((name) => !platform.runs(name) && !config.addresses[name]).map((name) => ({
      variable: BACKENDS[name].variable,
      message: `required when the gateway runs without the ${name} target in the same process`,
    }));
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
    const serviceAssertion = await createServiceSigner(ctx.use(serviceSigningModule).privateKey, 'gateway');

    const principalCache = createPrincipalCache<Principal>({ ttlMs: config.authCacheTtlMs });
    const unsubscribe = await kv.pubsub.subscribe(TOKEN_REVOKED_CHANNEL, (tokenHash) => principalCache.evict(tokenHash));
    const audit = createAuditRecorder({
      send: async (groups) => {
        const ctxOut = { requestId: 'audit-flush', serviceAssertion: await serviceAssertion(AUDIT_SERVICE) };
        await unary(backends.audit, 'Record', { groups }, { ctx: ctxOut, deadlineMs: CALL_DEADLINE_MS });
      },
      flushMs: config.auditFlushMs,
      batchSize: config.auditBatchSize,
      onSent: (count) => ctx.metrics.auditEventsTotal.inc({ outcome: 'recorded' }, count),
      onError: (err, pending) => ctx.logger.error({ err, pending }, 'audit batch not delivered; will retry'),
      onDropped: (count) => ctx.metrics.auditEventsTotal.inc({ outcome: 'dropped' }, count),
      onBufferSize: (size) => ctx.metrics.auditBufferSize.set(size),
    });

    const readiness = async () => {
      const entries = await Promise.all(
        healthClients.map(async ({ name, client }) => {
          try {
            const { status } = await unary(client, 'Check', { service: BACKENDS[name].service }, { ctx: { requestId: 'readyz' }, deadlineMs: 1_000 });
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
      logger: ctx.logger,
      metrics: ctx.metrics,
      bodyLimit: config.bodyLimit,
      deadlineMs: CALL_DEADLINE_MS,
      readiness,
    });
    const http = await listen(app, config.httpHost, config.httpPort, (err) => ctx.fail(err));
    ctx.logger.info({ host: config.httpHost, port: http.port }, 'gateway listening');

    return {
      exports: { port: http.port, url: `http://${config.httpHost}:${http.port}` },
      async stop() {
        await http.close(ctx.platform.shutdownTimeoutMs);
        // In-flight requests are done: everything they audited is in the buffer; deliver all of it.
        await audit.close(ctx.platform.shutdownTimeoutMs);
        await unsubscribe();
        for (const client of [...Object.values(backends), ...healthClients.map(({ client }) => client)]) client.close();
      },
    };
  },
});
