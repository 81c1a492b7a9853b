import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { CHECKSUM_HEADER, fieldError, checksumMatches, isChecksumHeader } from '@coffer/contract';

/** The body bytes exactly as received, for requests whose checksum must be verified. */
const rawBodies = new WeakMap<IncomingMessage, Buffer>();

/** Keeps the bytes the checksum covers: the body as sent (a Content-Encoding undone), before it is read as text. */
export function keepRawBody(req: IncomingMessage, body: Buffer): void {
  rawBodies.set(req, body);
}

/**
 * Verifies `X-Coffer-Checksum` when a client sends it (the coffer CLI always does for requests
 * with a body): a request altered on its way answers 400 before anything is done. Requests
 * without the header, from other clients, are accepted as they are.
 */
export const verifyRequestIntegrity: RequestHandler = (req, res, next) => {
  const header = req.get(CHECKSUM_HEADER);
  if (header === undefined) return next();
  const key = res.locals.integrityKey as Buffer | undefined;
  if (!key || !isChecksumHeader(header)) return next(fieldError('header', 'X-Coffer-Checksum', 'is malformed'));
  if (!checksumMatches(key, header, req.method, req.originalUrl, rawBodies.get(req) ?? Buffer.alloc(0))) {
    return next(fieldError('header', 'X-Coffer-Checksum', 'does not match the request'));
  }
  next();
};
