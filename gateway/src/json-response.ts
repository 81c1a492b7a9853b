import type { Response } from 'express';

/**
 * `res.json` for answers that are always JSON envelopes: what Express's `json` and `send` make of
 * one (the same body, Content-Type and Content-Length, no body for HEAD) without the steps this
 * gateway has turned off (ETag, freshness) or never uses (charset rewriting, buffer conversion).
 * The body stays a string, so Node writes the head and the body in one write. An eighth of an
 * inject's CPU went to Express's version and the second write.
 */
export function leanJson(this: Response, body: unknown): Response {
  const text = JSON.stringify(body);
  if (!this.hasHeader('Content-Type')) this.setHeader('Content-Type', 'application/json; charset=utf-8');
  this.setHeader('Content-Length', Buffer.byteLength(text));
  if (this.req.method === 'HEAD') this.end();
  else this.end(text);
  return this;
}
