import type { RequestHandler } from 'express';
import type { Logger, Metrics } from '@coffer/telemetry';

/** One log line and one metric sample per request, labelled by route pattern, never by raw path. */
export function requestObservability(logger: Logger, metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      metrics.httpRequestsTotal.inc({ method: req.method, route, status: String(res.statusCode) });
      metrics.httpRequestDurationSeconds.observe({ method: req.method, route }, seconds);
      logger.info({ requestId: res.locals.requestId, method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 1e4) / 10 }, 'request');
    });
    next();
  };
}
