import express, { type Express } from 'express';
import helmet from 'helmet';
import { unary, type Principal } from '@coffer/grpc';
import type { Cache } from '@coffer/kv';
import type { Logger, Metrics } from '@coffer/telemetry';
import type { AuditRecorder } from './audit-recorder.js';
import { bearerAuthentication } from './authenticate.js';
import type { Backends } from './backends.js';
import { errorHandler, notFound, sendData, sendError } from './envelope.js';
import { requestObservability } from './observability.js';
import type { PrincipalCache } from './principal-cache.js';
import { requestId } from './request-id.js';
import { keepRawBody, verifyRequestIntegrity } from './request-integrity.js';
import { idempotency } from './idempotency.js';
import { mountRoutes } from './route.js';
import { ROUTES } from './routes/index.js';

export interface GatewayDeps {
  backends: Backends;
  principalCache: PrincipalCache<Principal>;
  idempotencyCache: Cache;
  audit: AuditRecorder;
  logger: Logger;
  metrics: Metrics;
  bodyLimit: string;
  deadlineMs: number;
  /** Every backend the gateway needs answers its health check. */
  readiness(): Promise<Record<string, boolean>>;
}

export function createGatewayApp(deps: GatewayDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(requestId);
  app.use(requestObservability(deps.logger, deps.metrics));
  app.use(helmet());
  app.use((_req, res, next) => {
    // Answers can carry secret values: never store them in a shared or browser cache.
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  app.get('/healthz', (_req, res) => sendData(res, { status: 'ok' }));
  app.get('/readyz', async (_req, res) => {
    const checks = await deps.readiness();
    const ready = Object.values(checks).every(Boolean);
    if (ready) sendData(res, { status: 'ready', checks });
    else sendError(res, 'UNAVAILABLE', 'not ready', { checks });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  const routeDeps = { backends: deps.backends, audit: deps.audit, deadlineMs: deps.deadlineMs, idempotency: idempotency(deps.idempotencyCache) };
  const api = express.Router();
  api.use(express.json({ limit: deps.bodyLimit, strict: true, type: ['application/json', 'application/*+json'], verify: keepRawBody }));
  api.use(
    mountRoutes(
      ROUTES.filter((route) => route.access === 'public'),
      routeDeps,
    ),
  );
  api.use(
    bearerAuthentication({
      cache: deps.principalCache,
      authenticate: (token, id) => unary(deps.backends.auth, 'Authenticate', { token }, { ctx: { requestId: id }, deadlineMs: deps.deadlineMs }),
    }),
  );
  api.use(verifyRequestIntegrity);
  api.use(
    mountRoutes(
      ROUTES.filter((route) => route.access !== 'public'),
      routeDeps,
    ),
  );
  app.use('/api/v1', api);

  app.use(notFound);
  app.use(
    errorHandler((err, req) => {
      deps.logger.error({ requestId: req.res?.locals.requestId, err }, 'unexpected error');
    }),
  );
  return app;
}
