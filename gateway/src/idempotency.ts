import { createHmac } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { CofferError, fieldError } from '@coffer/contract';
import type { Cache } from '@coffer/kv';

const KEY_PATTERN = /^[A-Za-z0-9._:-]{1,255}$/;
const DAY_MS = 24 * 60 * 60 * 1000;
const PENDING_MS = 60 * 1000;

type StoredResult = { state: 'pending'; fingerprint: string } | { state: 'done'; fingerprint: string; status: number; body: unknown };

/**
 * Idempotency-Key on writes: the same key and payload replay the first answer without writing
 * again; the same key with another payload is a 409. The payload fingerprint is an HMAC keyed by
 * a key derived from the caller's token itself (not its hash, which is part of the cache key), so
 * what sits in the cache cannot be brute-forced back to a secret value by someone who only reads
 * the cache. Only the response (metadata, never a value) is kept.
 */
export function idempotency(cache: Cache): RequestHandler {
  return async (req, res, next) => {
    const key = req.get('idempotency-key');
    if (key === undefined) return next();
    if (!KEY_PATTERN.test(key)) {
      return next(fieldError('header', 'Idempotency-Key', 'must be 1 to 255 letters, digits or ._:-'));
    }
    const tokenHash = res.locals.tokenHash as string;
    const cacheKey = `idem:${tokenHash}:${key}`;
    const fingerprint = createHmac('sha256', res.locals.fingerprintKey as Buffer)
      .update(`${req.method}\n${req.originalUrl}\n${canonicalJson(req.body ?? null)}`)
      .digest('hex');

    const claimed = await cache.setIfAbsent(cacheKey, JSON.stringify({ state: 'pending', fingerprint } satisfies StoredResult), PENDING_MS);
    if (!claimed) {
      const raw = await cache.get(cacheKey);
      const stored = raw ? (JSON.parse(raw) as StoredResult) : undefined;
      if (!stored) return next(new CofferError('ABORTED', 'a request with this Idempotency-Key just finished; retry'));
      if (stored.fingerprint !== fingerprint) {
        return next(fieldError('header', 'Idempotency-Key', 'was already used with a different request', 'ALREADY_EXISTS'));
      }
      if (stored.state === 'pending') return next(new CofferError('ABORTED', 'a request with this Idempotency-Key is still in progress'));
      res.setHeader('Idempotent-Replayed', 'true');
      res.status(stored.status).json(stored.body);
      return;
    }
    rememberResponse(res, async (status, body) => {
      // Server errors are not final: let the client retry with the same key.
      if (status >= 500) await cache.del(cacheKey);
      else await cache.set(cacheKey, JSON.stringify({ state: 'done', fingerprint, status, body } satisfies StoredResult), DAY_MS);
    });
    next();
  };
}

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

function rememberResponse(res: Response, store: (status: number, body: unknown) => Promise<void>): void {
  const json = res.json.bind(res);
  // The answer is cached before it is sent, so a retry that arrives right after it sees it.
  res.json = (body: unknown) => {
    store(res.statusCode, body).then(
      () => json(body),
      () => json(body),
    );
    return res;
  };
}
