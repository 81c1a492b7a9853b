import type { Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/**
 * Helmet's headers, and no caching (answers can carry secret values: never store them in a shared
 * or browser cache), as name/value pairs. Recorded once from helmet's middleware: they depend on no
 * request, so every answer, including those the HTTP server writes itself to a socket before
 * Express sees a request (parser-errors.ts), carries exactly these without running helmet again.
 */
export const SECURITY_HEADERS: readonly (readonly [string, string])[] = (() => {
  const headers: [string, string][] = [];
  const recorder = { setHeader: (name: string, value: unknown) => headers.push([name, String(value)]), removeHeader: () => undefined };
  helmet()({} as Request, recorder as unknown as Response, () => undefined);
  headers.push(['Cache-Control', 'no-store']);
  return headers;
})();

export const securityHeaders: RequestHandler = (_req, res, next) => {
  for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
  next();
};
