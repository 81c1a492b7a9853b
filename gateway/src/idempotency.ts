import { createHmac } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { fieldError } from '@coffer/contract';
import { IDEMPOTENCY_KEY_PATTERN, type Idempotency } from '@coffer/grpc';

/**
 * Idempotency-Key on writes. The gateway keeps nothing: it passes the key and a fingerprint of the
 * request to the Secret service, which keeps a record in the transaction of the write itself
 * (migration 007), so a retry after any answer, a 5xx or a crash included, is told what really
 * happened: the first answer again when the write committed, a fresh attempt when it did not. The
 * same key with another request is a 409. The fingerprint is an HMAC keyed by a key derived from
 * the caller's token itself (authenticate.ts), so whoever reads the records cannot confirm a guessed
 * secret value by fingerprinting candidates.
 */
export function idempotency(): RequestHandler {
  return (req, res, next) => {
    const key = req.get('idempotency-key');
    if (key === undefined) return next();
    if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
      return next(fieldError('header', 'Idempotency-Key', 'must be 1 to 255 letters, digits or ._:-'));
    }
    const fingerprint = createHmac('sha256', res.locals.fingerprintKey as Buffer)
      .update(`${req.method}\n${req.originalUrl}\n${canonicalJson(req.body ?? null)}`)
      .digest('hex');
    res.locals.idempotency = { key, fingerprint } satisfies Idempotency;
    next();
  };
}

/** The Idempotency-Key of the request being served, for its call to the service. */
export function idempotencyOf(res: Response): Idempotency | undefined {
  return res.locals.idempotency as Idempotency | undefined;
}

/** Set on an answer that is the first answer to its Idempotency-Key given again: nothing was done this time. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/**
 * The audit action of a replayed answer (`secret.create.replayed`): on record apart from the write
 * it confirms, which may have been recorded as a failure when its first answer was lost (a 504).
 */
export const replayedAction = (action: string): string => `${action}.replayed`;

/** The same payload with its fields in another order is the same request. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
