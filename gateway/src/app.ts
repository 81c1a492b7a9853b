import express, { type Express } from 'express';
import { unary, type Principal } from '@coffer/grpc';
import type { Logger, Metrics } from '@coffer/telemetry';
import type { AuditRecorder } from './audit-recorder.js';
import { bearerAuthentication } from './authenticate.js';
import type { Backends } from './backends.js';
import { errorHandler, notFound, sendData, sendError } from './envelope.js';
import { requestObservability } from './observability.js';
import type { PrincipalCache } from './principal-cache.js';
import { parseQuery, strictQuery } from './query.js';
import { jsonBody } from './request-body.js';
import { checkRequestHead } from './request-head.js';
import type { Readiness } from './readiness.js';
import { remainingMs } from './request-deadline.js';
import { requestId } from './request-id.js';
import { verifyRequestIntegrity } from './request-integrity.js';
import { leanJson } from './json-response.js';
import { securityHeaders } from './security-headers.js';
import { mountRoutes } from './route.js';
import { ROUTES } from './routes/index.js';

export interface GatewayDeps {
  backends: Backends;
  principalCache: PrincipalCache<Principal>;
  audit: AuditRecorder;
  logger: Logger;
  metrics: Metrics;
  /** Bytes. */
  bodyLimit: number;
  deadlineMs: number;
  /** Whether the services answer (deciding readiness), and how the shared backends look. */
  readiness(): Promise<Readiness>;
}

export function createGatewayApp(deps: GatewayDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  // Express's automatic ETag is a hash of the body: of secret values, for reveal, inject and pull,
  // in a header every proxy and access log sees. It stays off, and Express never judges an answer
  // fresh (`If-None-Match: *` would otherwise turn a reveal into an empty 304): only inject and pull
  // carry a tag, made by the Secret service from versions, and only it decides a 304 (conditional.ts).
  app.set('etag', false);
  Object.defineProperty(app.request, 'fresh', { configurable: true, enumerable: true, get: () => false });
  app.response.json = leanJson;
  app.set('query parser', parseQuery);
  app.use(requestId);
  app.use(requestObservability(deps.logger, deps.metrics));
  app.use(securityHeaders);
  app.use(checkRequestHead);
  app.use(strictQuery);
  // Express would answer OPTIONS itself (200, a text body listing methods); without CORS it is a method with no route like any other.
  app.use((req, res, next) => (req.method === 'OPTIONS' ? notFound(req, res, next) : next()));

  app.get('/healthz', (_req, res) => sendData(res, { status: 'ok' }));
  app.get('/readyz', async (_req, res) => {
    const { ready, checks, backends } = await deps.readiness();
    const down = Object.values(backends).includes('down');
    if (ready) sendData(res, { status: down ? 'degraded' : 'ready', checks, backends });
    else sendError(res, 'UNAVAILABLE', 'not ready', { checks, backends });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.exposition());
  });

  const routeDeps = { backends: deps.backends, audit: deps.audit, deadlineMs: deps.deadlineMs, principalCache: deps.principalCache };
  const publicRoutes = ROUTES.filter((route) => route.access === 'public');
  const readBody = jsonBody({ limit: deps.bodyLimit });
  const api = express.Router();
  // Only a public route reads a body from anyone; every other request proves its token first, and
  // one refused there is answered without its body being read (the connection closes: http-server.ts).
  for (const route of publicRoutes) api[route.method](route.path, readBody);
  api.use(mountRoutes(publicRoutes, routeDeps));
  api.use(
    bearerAuthentication({
      cache: deps.principalCache,
      authenticate: async (token, res) =>
        unary(
          deps.backends.auth,
          'Authenticate',
          { token },
          { ctx: { requestId: res.locals.requestId as string }, deadlineMs: remainingMs(res, deps.deadlineMs) },
        ),
    }),
  );
  api.use(readBody);
  // The checksum covers the body: it is verified once the body is read.
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
