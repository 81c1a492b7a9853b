import type { Response } from 'express';

/**
 * `res.json` for answers that are always JSON envelopes: what Express's `json` and `send` make of
 * one (the same body, Content-Type and Content-Length, no body for HEAD) without the steps this
 * gateway has turned off (ETag, freshness) or never uses (another Content-Type set beforehand).
 * Express's version parsed the Content-Type again and turned bodies of 1,000 characters or more
 * (an inject's) into a Buffer, a second chunk to write; here the body stays a string.
 */
export function leanJson(this: Response, body: unknown): Response {
  const text = JSON.stringify(body);
  this.setHeader('Content-Type', 'application/json; charset=utf-8');
  this.setHeader('Content-Length', Buffer.byteLength(text));
  if (this.req.method === 'HEAD') this.end();
  else this.end(text);
  return this;
}
