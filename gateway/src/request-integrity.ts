import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { CofferError } from '@coffer/grpc';

export const CHECKSUM_HEADER = 'x-coffer-checksum';
const CHECKSUM = /^v1=([0-9a-f]{64})$/;

/** The body bytes exactly as received, for requests whose checksum must be verified. */
const rawBodies = new WeakMap<IncomingMessage, Buffer>();

/** For express.json's `verify` hook: keeps the bytes the checksum covers. */
export function keepRawBody(req: IncomingMessage, _res: unknown, body: Buffer): void {
  rawBodies.set(req, body);
}

/** The key a client derives from its token; only a holder of the token can make a valid checksum. */
export function integrityKey(token: string): Buffer {
  return createHmac('sha256', token).update('coffer.request-integrity.v1').digest();
}

/** `v1=` + hex HMAC-SHA256 over method, path with query, and the raw body. */
export function requestChecksum(key: Buffer, method: string, pathWithQuery: string, body: Buffer): string {
  return `v1=${createHmac('sha256', key).update(`${method.toUpperCase()}\n${pathWithQuery}\n`).update(body).digest('hex')}`;
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
  const sent = CHECKSUM.exec(header)?.[1];
  if (!key || !sent) {
    return next(new CofferError('INVALID_ARGUMENT', 'X-Coffer-Checksum is malformed', { details: { field: 'X-Coffer-Checksum' } }));
  }
  const expected = requestChecksum(key, req.method, req.originalUrl, rawBodies.get(req) ?? Buffer.alloc(0)).slice(3);
  if (!timingSafeEqual(Buffer.from(sent, 'hex'), Buffer.from(expected, 'hex'))) {
    return next(new CofferError('INVALID_ARGUMENT', 'X-Coffer-Checksum does not match the request', { details: { field: 'X-Coffer-Checksum' } }));
  }
  next();
};
