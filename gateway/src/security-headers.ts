import type { Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

const helmetHeaders = helmet();

/** Helmet's headers, and no caching: answers can carry secret values, never store them in a shared or browser cache. */
export const securityHeaders: RequestHandler = (req, res, next) => {
  helmetHeaders(req, res, () => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
};

/**
 * The same headers as name/value pairs, for the answers the HTTP server writes itself to a socket
 * before Express sees a request (a request Node's parser refused). Recorded once from the
 * middleware, so that both kinds of answer carry exactly the same ones.
 */
export const SECURITY_HEADERS: readonly (readonly [string, string])[] = (() => {
  const headers: [string, string][] = [];
  const recorder = { setHeader: (name: string, value: unknown) => headers.push([name, String(value)]), removeHeader: () => undefined };
  securityHeaders({} as Request, recorder as unknown as Response, () => undefined);
  return headers;
})();
