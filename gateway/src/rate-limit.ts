import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { clientBucket, errorEnvelope, httpStatusOf } from '@coffer/contract';
import { createOutageLog, type Logger } from '@coffer/telemetry';

/** Every limit counts requests in a fixed window of this many seconds, from a key's first request. */
export const WINDOW_SECONDS = 60;

/**
 * How long a request waits for Redis to count it. Redis answers in well under a millisecond; past
 * this it is taken to be out of reach and the limits are counted in this process (`RedisHealth`),
 * instead of every request waiting out the Redis command timeout (500 ms).
 */
export const REDIS_ANSWER_MS = 50;

/** While Redis is out of reach, how often it is asked (in the background) whether it answers again. */
export const REDIS_PROBE_MS = 500;

/** Requests per minute; 0 turns that limit off. */
export interface RateLimits {
  /** From one client address, to every route but /healthz, /readyz and /metrics. */
  address: number;
  /** With one bearer token, once it is authenticated. */
  credential: number;
  /** From one client address, to the identity endpoints (`/api/v1/auth/...`, `POST /api/v1/bootstrap`, `POST /device/...`). */
  identity: number;
}

export type Policy = keyof RateLimits;

/** The Redis command connection and the deployment's key namespace, as `@coffer/kv` exposes them. */
export interface RateLimitRedis {
  client: { ping(): Promise<unknown> };
  keyPrefix: string;
}

/** One request counted in a bucket: whether it is refused, what remains of the quota, when the window ends. */
interface Counted {
  refused: boolean;
  remaining: number;
  resetMs: number;
}

interface Bucket {
  readonly policy: Policy;
  /** `"address";q=1200;w=60`: the RateLimit-Policy item, the same on every answer. */
  readonly policyItem: string;
  /** Counts one request for `key`; never rejects for a store that is out of reach. */
  consume(key: string): Counted | Promise<Counted>;
}

const countedOf = (refused: boolean, state: RateLimiterRes): Counted => ({ refused, remaining: state.remainingPoints, resetMs: state.msBeforeNext });
const allowed = (state: RateLimiterRes): Counted => countedOf(false, state);

function refusedOrThrown(err: unknown): Counted {
  // rate-limiter-flexible rejects with the key's state when the limit is exceeded, with an Error when the store failed.
  if (err instanceof RateLimiterRes) return countedOf(true, err);
  throw err;
}

class RedisTimeout extends Error {
  override readonly name = 'RedisTimeout';
}

/**
 * The promise's outcome, or a RedisTimeout after `ms`. The timeout is confirmed after the next
 * round of I/O, so that an answer already received but not yet read (the event loop busy with
 * other requests) is not mistaken for a Redis that does not answer.
 */
function answerWithin<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(
      () =>
        setImmediate(() => {
          if (settled) return;
          settled = true;
          reject(new RedisTimeout(`no answer within ${ms} ms`));
        }),
      ms,
    );
    promise.then(
      (value) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

/** A short reason for the log: never an address or a key. */
function causeOf(err: unknown): string {
  if (err instanceof RedisTimeout) return err.message;
  const message = err instanceof Error ? err.message : '';
  if (/not ready|closed|writeable|ECONNREFUSED|ECONNRESET/i.test(message)) return 'not connected';
  return err instanceof Error ? err.name : 'unknown error';
}

/**
 * Whether Redis counts requests. The first failure (no answer within REDIS_ANSWER_MS, a lost
 * connection, any error) makes every bucket count in this process at once, with no Redis call on
 * the request's path, until a background PING answers; one log line per outage.
 */
class RedisHealth {
  up = true;
  private probe: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly outage;

  constructor(
    private readonly client: RateLimitRedis['client'],
    logger: Logger,
  ) {
    this.outage = createOutageLog({ logger, backend: 'Redis for rate limits' });
  }

  failed(err: unknown): void {
    if (!this.up) return;
    this.up = false;
    this.outage.failed(`${causeOf(err)}; limits are counted in each process until it answers`);
    this.scheduleProbe();
  }

  private scheduleProbe(): void {
    if (this.closed) return;
    this.probe = setTimeout(() => {
      // ioredis fails a PING within its command timeout while Redis is paused, at once while disconnected.
      this.client.ping().then(
        () => {
          this.up = true;
          this.outage.succeeded();
        },
        (err: unknown) => {
          this.outage.failed(causeOf(err));
          this.scheduleProbe();
        },
      );
    }, REDIS_PROBE_MS);
    this.probe.unref();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.probe);
  }
}

function memoryBucket(policy: Policy, points: number, policyItem: string): Bucket {
  const limiter = new RateLimiterMemory({ points, duration: WINDOW_SECONDS, keyPrefix: policy });
  return { policy, policyItem, consume: (key) => limiter.consume(key).then(allowed, refusedOrThrown) };
}

/**
 * How many requests of a key's quota a process takes from Redis at once: 1 % of the limit, at
 * most 100. Limits of up to 199 a minute (the identity one) are counted one request at a time.
 */
export const sliceOf = (points: number) => Math.max(1, Math.min(100, Math.floor(points / 100)));

/** What this process holds of a key's quota in the current window. */
interface Slice {
  /** Requests taken from Redis and not yet used here. */
  held: number;
  /** What Redis had left for everyone else at the last take. */
  shared: number;
  /** When the window ends (Date.now() clock). */
  resetAt: number;
  taking: Promise<void> | undefined;
}

/**
 * Counted in Redis, shared by every process and instance. A process takes a key's quota in slices
 * (`sliceOf`) with one Redis call each and counts the requests of a slice in memory, so that Redis
 * is asked once per slice, not per request; what it takes counts in Redis at once, so no client
 * ever gets more than its limit, and at most (processes × slice) requests fewer when its requests
 * spread over processes that each hold an unused part of a slice. Concurrent requests of one key
 * wait for the same take. While Redis is out of reach the bucket counts in this process alone (so
 * each process then allows the limit: a deployment of N processes, N times it), never failing a
 * request for it.
 */
function redisBucket(policy: Policy, points: number, policyItem: string, redis: RateLimitRedis, health: RedisHealth): Bucket & { sweep(): void } {
  const shared = new RateLimiterRedis({
    storeClient: redis.client,
    keyPrefix: `${redis.keyPrefix}ratelimit:${policy}`,
    points,
    duration: WINDOW_SECONDS,
    // A lost connection falls back at once instead of failing each command.
    rejectIfRedisNotReady: true,
  });
  const local = memoryBucket(policy, points, policyItem);
  const size = sliceOf(points);
  const slices = new Map<string, Slice>();

  const take = (key: string, slice: Slice): Promise<void> =>
    answerWithin(shared.consume(key, size), REDIS_ANSWER_MS).then(
      (state) => {
        slice.held = size;
        slice.shared = state.remainingPoints;
        slice.resetAt = Date.now() + state.msBeforeNext;
      },
      (err: unknown) => {
        if (!(err instanceof RateLimiterRes)) return health.failed(err);
        // Over the limit: only what was left before this take is this process's (possibly nothing).
        slice.held = Math.max(0, Math.min(size, points - (err.consumedPoints - size)));
        slice.shared = 0;
        slice.resetAt = Date.now() + err.msBeforeNext;
      },
    );

  const sliceFor = (key: string): Slice => {
    let slice = slices.get(key);
    if (slice === undefined) {
      slice = { held: 0, shared: points, resetAt: 0, taking: undefined };
      slices.set(key, slice);
    }
    return slice;
  };

  /** From what the process holds, without waiting; undefined when it must take a slice first. */
  const fromSlice = (slice: Slice): Counted | undefined => {
    const now = Date.now();
    if (slice.taking === undefined && slice.resetAt <= now) slice.held = 0;
    if (slice.held > 0) {
      slice.held--;
      return { refused: false, remaining: slice.shared + slice.held, resetMs: slice.resetAt - now };
    }
    // Redis had nothing left for anyone at the last take: refused, without asking again, until the window ends.
    if (slice.taking === undefined && slice.shared === 0 && slice.resetAt > now) return { refused: true, remaining: 0, resetMs: slice.resetAt - now };
    return undefined;
  };

  const afterTaking = async (key: string): Promise<Counted> => {
    for (;;) {
      if (!health.up) return local.consume(key);
      const slice = sliceFor(key);
      const counted = fromSlice(slice);
      if (counted !== undefined) return counted;
      await (slice.taking ??= take(key, slice).finally(() => (slice.taking = undefined)));
    }
  };

  const consume = (key: string): Counted | Promise<Counted> => {
    if (!health.up) return local.consume(key);
    return fromSlice(sliceFor(key)) ?? afterTaking(key);
  };

  return {
    policy,
    policyItem,
    consume,
    // Slices of windows that ended, so that the map holds only the keys of the last minute.
    sweep() {
      const now = Date.now();
      for (const [key, slice] of slices) if (slice.taking === undefined && slice.resetAt <= now) slices.delete(key);
    },
  };
}

/** Whole seconds until `ms` have passed, rounded up. */
const secondsOf = (ms: number) => Math.max(0, Math.ceil(ms / 1000));

/** The key of an address's buckets (clientBucket: an IPv6 client's /64); 'unknown' without one. */
export function addressKey(address: string): string {
  return clientBucket(address) || 'unknown';
}

/**
 * The identity endpoints: everything under /api/v1/auth/ (signup, login, 2FA, password reset, the
 * device grant, SSO), the first-run bootstrap, and the forms of the device approval page (its
 * sign-in and second factor).
 */
const IDENTITY_PATH = /^\/api\/v1\/auth(?:\/|$)/i;
const BOOTSTRAP_PATH = /^\/api\/v1\/bootstrap\/?$/i;
const DEVICE_PAGE_FORM = /^\/device(?:\/|$)/i;
// Express matches routes without regard to case or a trailing slash: so does this.
export const isIdentityRequest = (req: Request) =>
  IDENTITY_PATH.test(req.path) || (req.method === 'POST' && (BOOTSTRAP_PATH.test(req.path) || DEVICE_PAGE_FORM.test(req.path)));

/** `RateLimit-Policy` and `RateLimit` items (draft-ietf-httpapi-ratelimit-headers-10): `"address";q=1200;w=60`, `"address";r=12;t=5`. */
export const policyItem = (policy: Policy, quota: number) => `"${policy}";q=${quota};w=${WINDOW_SECONDS}`;
export const limitItem = (policy: Policy, remaining: number, resetMs: number) => `"${policy}";r=${remaining};t=${secondsOf(resetMs)}`;

/**
 * The 429: the envelope of RESOURCE_EXHAUSTED with the limiter's own wait as Retry-After (at least
 * a second), where the error table's fixed second would tell a client to come back too soon.
 */
function tooManyRequests(res: Response, retryAfter: number): void {
  res.setHeader('Retry-After', String(retryAfter));
  res.status(httpStatusOf('RESOURCE_EXHAUSTED')).json(errorEnvelope('RESOURCE_EXHAUSTED', `too many requests; retry after ${retryAfter} s`, null));
}

/**
 * Adds one bucket's count to the request's header items (the address bucket's, then the
 * credential's: each field is set once per stage, never appended to).
 * @returns 0 when the bucket allowed the request, else the seconds to wait
 */
function itemize(bucket: Bucket, { refused, remaining, resetMs }: Counted, res: Response): number {
  const policies = res.locals.rateLimitPolicy as string | undefined;
  const items = res.locals.rateLimit as string | undefined;
  const item = limitItem(bucket.policy, remaining, resetMs);
  res.locals.rateLimitPolicy = policies === undefined ? bucket.policyItem : `${policies}, ${bucket.policyItem}`;
  res.locals.rateLimit = items === undefined ? item : `${items}, ${item}`;
  return refused ? Math.max(1, secondsOf(resetMs)) : 0;
}

/** Sets the headers with the items of every bucket counted so far, then goes on, or answers 429 after `retryAfter` > 0. */
function finish(res: Response, next: NextFunction, retryAfter: number): void {
  res.setHeader('RateLimit-Policy', res.locals.rateLimitPolicy as string);
  res.setHeader('RateLimit', res.locals.rateLimit as string);
  if (retryAfter === 0) next();
  else tooManyRequests(res, retryAfter);
}

/**
 * Counts the request in each bucket from `from` on, in order, stopping at the first that refuses.
 * Synchronous while the buckets answer from what this process holds: no promise on the hot path.
 */
function enforce(buckets: readonly Bucket[], key: string, res: Response, next: NextFunction, from = 0): void {
  for (let index = from; index < buckets.length; index++) {
    const bucket = buckets[index]!;
    const counted = bucket.consume(key);
    if (counted instanceof Promise) {
      counted.then((answer) => {
        const retryAfter = itemize(bucket, answer, res);
        if (retryAfter > 0) finish(res, next, retryAfter);
        else enforce(buckets, key, res, next, index + 1);
      }, next);
      return;
    }
    const retryAfter = itemize(bucket, counted, res);
    if (retryAfter > 0) return finish(res, next, retryAfter);
  }
  finish(res, next, 0);
}

export interface RateLimiting {
  /**
   * Every request that reaches it (mount it after the health and metrics routes), before its token
   * is looked at, so that a flood of bad tokens is limited too: the address bucket, and on the
   * identity endpoints the stricter identity bucket. Needs `res.locals.clientAddress`.
   */
  byAddress: RequestHandler;
  /** After authentication: the credential bucket, keyed by `res.locals.tokenHash` (never the token). */
  byCredential: RequestHandler;
  close(): void;
}

export interface RateLimitingDeps {
  limits: RateLimits;
  /** Counts in Redis when given (with a fallback to this process); in this process only otherwise. */
  redis?: RateLimitRedis | undefined;
  logger: Logger;
}

export function createRateLimiting({ limits, redis, logger }: RateLimitingDeps): RateLimiting {
  const health = redis ? new RedisHealth(redis.client, logger) : undefined;
  const sweeps: (() => void)[] = [];
  const bucketOf = (policy: Policy): Bucket | undefined => {
    const points = limits[policy];
    if (points === 0) return undefined;
    const item = policyItem(policy, points);
    if (!redis || !health) return memoryBucket(policy, points, item);
    const bucket = redisBucket(policy, points, item, redis, health);
    sweeps.push(bucket.sweep);
    return bucket;
  };
  const address = bucketOf('address');
  const identity = bucketOf('identity');
  const credential = bucketOf('credential');
  const present = (...buckets: (Bucket | undefined)[]) => buckets.filter((bucket) => bucket !== undefined);
  const addressOnly = present(address);
  const addressAndIdentity = present(address, identity);
  const credentialOnly = present(credential);
  const sweeper = setInterval(() => sweeps.forEach((sweep) => sweep()), WINDOW_SECONDS * 1000).unref();

  return {
    byAddress(req, res, next) {
      const buckets = identity !== undefined && isIdentityRequest(req) ? addressAndIdentity : addressOnly;
      if (buckets.length === 0) return next();
      enforce(buckets, addressKey(res.locals.clientAddress as string), res, next);
    },
    byCredential(_req, res, next) {
      const tokenHash = res.locals.tokenHash as string | undefined;
      if (credentialOnly.length === 0 || tokenHash === undefined) return next();
      enforce(credentialOnly, tokenHash, res, next);
    },
    close() {
      clearInterval(sweeper);
      health?.close();
    },
  };
}
