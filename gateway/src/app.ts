import express, { type Express, type RequestHandler } from 'express';
import { unary, type Principal } from '@coffer/grpc';
import type { Logger, Metrics } from '@coffer/telemetry';
import type { AuditRecorder } from './audit-recorder.js';
import { bearerAuthentication } from './authenticate.js';
import { clientAddress, type TrustedProxies } from './client-address.js';
import type { Backends } from './backends.js';
import { errorHandler, notFound, sendData, sendError } from './envelope.js';
import { requestObservability } from './observability.js';
import type { PrincipalCache } from './principal-cache.js';
import { parseQuery, strictQuery } from './query.js';
import type { RateLimiting } from './rate-limit.js';
import { jsonBody } from './request-body.js';
import { checkRequestHead } from './request-head.js';
import type { Readiness } from './readiness.js';
import { remainingMs } from './request-deadline.js';
import { requestId } from './request-id.js';
import { verifyRequestIntegrity } from './request-integrity.js';
import { leanJson } from './json-response.js';
import { authorizationServerMetadata } from './well-known.js';
import { securityHeaders } from './security-headers.js';
import { mountRoutes } from './route.js';
import { ROUTES } from './routes/index.js';
import { deviceGrantRoutes } from './routes/device.js';
import { devicePages } from './web/device-page.js';
import { SSO_BASE_PATH } from './sso/router.js';

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
  /** Whose X-Forwarded-For names the client (none: the socket's peer is the client). */
  trustedProxies: TrustedProxies;
  rateLimiting: RateLimiting;
  /** The single sign-on providers offered on the gateway's own pages (the device approval page). */
  ssoProviders?: readonly string[];
  /** Single sign-on's routes (sso/router.ts), under /api/v1/auth/sso. */
  sso?: RequestHandler;
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
  app.use(clientAddress(deps.trustedProxies));
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
  // Every request but the probes and the scrape above, before any token is looked at.
  app.use(deps.rateLimiting.byAddress);
  // Browser redirects, not API calls: before the API's bearer authentication and body readers.
  if (deps.sso) app.use(SSO_BASE_PATH, deps.sso);

  const routeDeps = { backends: deps.backends, audit: deps.audit, deadlineMs: deps.deadlineMs, principalCache: deps.principalCache };
  const routesOf = (access: 'public' | 'optional' | 'token') => ROUTES.filter((route) => (route.access ?? 'token') === access);
  const readBody = jsonBody({ limit: deps.bodyLimit });
  const bearer = bearerAuthentication({
    cache: deps.principalCache,
    authenticate: async (token, orgSlug, res) =>
      unary(
        deps.backends.auth,
        'Authenticate',
        { token, orgSlug, clientIp: (res.locals.clientAddress as string | undefined) ?? '' },
        { ctx: { requestId: res.locals.requestId as string }, deadlineMs: remainingMs(res, deps.deadlineMs) },
      ),
  });

  // The public keys of session access tokens (RFC 7517) and the metadata that points at them (RFC 8414).
  app.get('/.well-known/jwks.json', async (_req, res) => {
    const { jwksJson } = await unary(
      deps.backends.auth,
      'GetJwks',
      {},
      { ctx: { requestId: res.locals.requestId as string }, deadlineMs: remainingMs(res, deps.deadlineMs) },
    );
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.type('application/jwk-set+json').send(jwksJson);
  });
  app.get('/.well-known/oauth-authorization-server', async (_req, res) => {
    const { issuer } = await unary(
      deps.backends.auth,
      'GetJwks',
      {},
      { ctx: { requestId: res.locals.requestId as string }, deadlineMs: remainingMs(res, deps.deadlineMs) },
    );
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.json(authorizationServerMetadata(issuer));
  });

  // The device authorization grant (RFC 8628): its two OAuth endpoints, public and answering OAuth's
  // own JSON, and the server-rendered page where a signed-in person approves a device.
  app.use('/api/v1', deviceGrantRoutes({ backends: deps.backends, deadlineMs: deps.deadlineMs, bodyLimit: deps.bodyLimit }));
  app.use(devicePages({ backends: deps.backends, deadlineMs: deps.deadlineMs, ssoProviders: deps.ssoProviders ?? [] }));

  const api = express.Router();
  // Only a public route reads a body from anyone; every other request proves its token first, and
  // one refused there is answered without its body being read (the connection closes: http-server.ts).
  for (const route of routesOf('public')) api[route.method](route.path, readBody);
  // A route that takes a token when one is sent (logout) checks it before the body, like any.
  for (const route of routesOf('optional')) {
    api[route.method](route.path, (req, res, next) => (req.get('authorization') === undefined ? next() : bearer(req, res, next)), readBody);
  }
  api.use(mountRoutes([...routesOf('public'), ...routesOf('optional')], routeDeps));
  api.use(bearer);
  api.use(deps.rateLimiting.byCredential);
  api.use(readBody);
  // The checksum covers the body: it is verified once the body is read.
  api.use(verifyRequestIntegrity);
  api.use(mountRoutes(routesOf('token'), routeDeps));
  app.use('/api/v1', api);

  app.use(notFound);
  app.use(
    errorHandler((err, req) => {
      deps.logger.error({ requestId: req.res?.locals.requestId, err }, 'unexpected error');
    }),
  );
  return app;
}
