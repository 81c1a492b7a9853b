import { createHmac } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { clientBucket } from '@coffer/contract';
import { createOutageLog, type Logger } from '@coffer/telemetry';

/**
 * Brute force of what a person proves: a password, a second factor, a reset link, a device's user
 * code. Each kind counts failures per account and per source address in a fixed window from the
 * first one; past `slowAfter` failures of an account each further attempt is answered late, and
 * the failure that reaches a limit locks the account (or the address) for `lockoutMs`.
 *
 * An attempt counts when it begins, as a failure until it succeeds: guesses sent all at once get
 * no more tries than guesses sent one by one. A success forgets the account's failures and gives
 * the address its attempt back (an office behind one address is not locked by its own logins).
 *
 * Counted in Redis, under `<prefix>auth:<kind>:<account|address>:<HMAC>`, shared by every instance;
 * in memory in an embedded platform. When Redis fails a command the attempt is counted in this
 * process instead, and Redis is asked again `REDIS_RETRY_MS` later: logins keep working, each
 * process then applying the limits on its own.
 */
export type AttemptKind = 'login' | 'second-factor' | 'password-reset' | 'forgot-password' | 'device-approval';

export const ATTEMPT_KINDS: readonly AttemptKind[] = ['login', 'second-factor', 'password-reset', 'forgot-password', 'device-approval'];

export interface BruteForceLimits {
  /** Failures of one account within `windowMs` that lock it. */
  accountFailures: number;
  /** Failures from one address (an IPv4 address, an IPv6 /64) within `windowMs` that lock it, whichever accounts they name. */
  addressFailures: number;
  /** Password reset requests of one account within `windowMs`: past them no more mail is sent (mail bombing). */
  forgotPasswordRequests: number;
  windowMs: number;
  /** How long a lock lasts, from the failure that set it. */
  lockoutMs: number;
  /** Failures of an account answered at once; each later attempt waits `delayMs × 2^(failures − slowAfter)`. */
  slowAfter: number;
  delayMs: number;
  maxDelayMs: number;
}

const MINUTE = 60_000;

export const DEFAULT_BRUTE_FORCE_LIMITS: BruteForceLimits = {
  accountFailures: 10,
  addressFailures: 50,
  forgotPasswordRequests: 5,
  windowMs: 15 * MINUTE,
  lockoutMs: 15 * MINUTE,
  slowAfter: 3,
  delayMs: 250,
  maxDelayMs: 2_000,
};

/** After Redis failed a command, how long counting stays in this process before Redis is asked again. */
export const REDIS_RETRY_MS = 5_000;

/** Who an attempt counts against: the account (a normalised email or a user id) and the client address; either may be empty. */
export interface AttemptKeys {
  account?: string;
  address?: string;
}

export type LockScope = 'account' | 'address';

/** One attempt, counted when it began: a failure unless `succeeded()` says otherwise. */
export interface Attempt {
  /** Refused whatever it proves: the account or the address is locked. */
  readonly locked: boolean;
  /** How long to hold the answer back, whatever it is. */
  readonly delayMs: number;
  /** Waits out `delayMs`. */
  wait(): Promise<void>;
  /** The attempt failed: answers what this failure locked (an account or an address reaching its limit now). */
  failed(): Promise<LockScope[]>;
  /** The attempt succeeded: the account's failures are forgotten and the address gets its attempt back. */
  succeeded(): Promise<void>;
  /** The attempt proved nothing either way (refused before any check): it is not counted. */
  withdrawn(): Promise<void>;
}

export interface BruteForceGuard {
  readonly limits: BruteForceLimits;
  begin(kind: AttemptKind, keys: AttemptKeys): Promise<Attempt>;
}

export interface BruteForceGuardDeps {
  /** The Redis command connection and the deployment's namespace; counts in this process when absent. */
  redis?: { client: Redis; keyPrefix: string } | undefined;
  /** Keys the HMAC of account names and addresses: no email or address is stored in Redis. */
  keySecret: Buffer;
  limits?: Partial<BruteForceLimits>;
  logger: Logger;
}

/** The delay before answering an attempt made after `failures` failures of its account. */
export function delayFor(failures: number, limits: Pick<BruteForceLimits, 'slowAfter' | 'delayMs' | 'maxDelayMs'>): number {
  if (failures < limits.slowAfter) return 0;
  return Math.min(limits.maxDelayMs, limits.delayMs * 2 ** Math.min(failures - limits.slowAfter, 30));
}

/** The client a failure counts against: clientBucket (an IPv6 address's /64). */
export const addressOf = clientBucket;

/** A counter of one kind and scope in Redis, in this process while Redis is out of reach. */
interface Counter {
  readonly points: number;
  consume(key: string): Promise<number>;
  lock(key: string, ms: number): Promise<void>;
  forget(key: string): Promise<void>;
  refund(key: string): Promise<void>;
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export function createBruteForceGuard(deps: BruteForceGuardDeps): BruteForceGuard {
  const limits: BruteForceLimits = { ...DEFAULT_BRUTE_FORCE_LIMITS, ...deps.limits };
  const outage = createOutageLog({ logger: deps.logger, backend: 'Redis for brute-force limits' });
  let redisRetryAt = 0;
  const hmac = (text: string) => createHmac('sha256', deps.keySecret).update(text, 'utf8').digest('base64url');

  function counter(kind: AttemptKind, scope: LockScope, points: number): Counter {
    const options = { points, duration: seconds(limits.windowMs), keyPrefix: `auth:${kind}:${scope}` };
    const memory = new RateLimiterMemory(options);
    const shared = deps.redis
      ? new RateLimiterRedis({
          ...options,
          storeClient: deps.redis.client,
          keyPrefix: `${deps.redis.keyPrefix}${options.keyPrefix}`,
          rejectIfRedisNotReady: true,
        })
      : undefined;

    /** The operation on Redis, or on this process's counter when Redis fails or failed a moment ago. */
    async function run<T>(op: (limiter: RateLimiterAbstract) => Promise<T>): Promise<T> {
      if (shared && Date.now() >= redisRetryAt) {
        try {
          const result = await op(shared);
          outage.succeeded();
          return result;
        } catch (err) {
          if (err instanceof RateLimiterRes) throw err;
          redisRetryAt = Date.now() + REDIS_RETRY_MS;
          outage.failed(`${err instanceof Error ? err.name : 'unknown error'}; counted in each process until it answers`);
        }
      }
      return op(memory);
    }

    return {
      points,
      consume: (key) =>
        run((limiter) =>
          limiter.consume(key).then(
            (state) => state.consumedPoints,
            (err: unknown) => {
              // Over the limit: rate-limiter-flexible rejects with the key's state.
              if (err instanceof RateLimiterRes) return err.consumedPoints;
              throw err;
            },
          ),
        ),
      lock: (key, ms) => run((limiter) => limiter.block(key, seconds(ms)).then(() => undefined)),
      forget: (key) => run((limiter) => limiter.delete(key).then(() => undefined)),
      refund: (key) => run((limiter) => limiter.reward(key, 1).then(() => undefined)),
    };
  }

  const counters = new Map<string, Counter>();
  for (const kind of ATTEMPT_KINDS) {
    counters.set(`${kind}:account`, counter(kind, 'account', kind === 'forgot-password' ? limits.forgotPasswordRequests : limits.accountFailures));
    counters.set(`${kind}:address`, counter(kind, 'address', limits.addressFailures));
  }

  return {
    limits,
    async begin(kind, keys) {
      const scoped = (scope: LockScope, name: string | undefined) =>
        name ? { counter: counters.get(`${kind}:${scope}`) as Counter, key: hmac(`${kind}\0${scope}\0${name}`) } : undefined;
      const account = scoped('account', keys.account?.trim().toLowerCase());
      const address = scoped('address', keys.address ? addressOf(keys.address) : undefined);
      const [accountCount, addressCount] = await Promise.all([account?.counter.consume(account.key) ?? 0, address?.counter.consume(address.key) ?? 0]);
      const accountLocked = account !== undefined && accountCount > account.counter.points;
      const addressLocked = address !== undefined && addressCount > address.counter.points;
      const locked = accountLocked || addressLocked;
      // Forgot-password answers at once: it is limited by what it sends, not by how fast it answers.
      const delayMs = kind === 'forgot-password' ? 0 : locked ? limits.maxDelayMs : delayFor(Math.max(0, accountCount - 1), limits);
      let settled = false;
      return {
        locked,
        delayMs,
        wait: () => new Promise<void>((resolve) => setTimeout(resolve, delayMs)),
        async failed() {
          if (settled || locked) return [];
          settled = true;
          // Exactly one failure reaches the limit, however many run at once: it sets the lock.
          const reached = [
            ...(account && accountCount === account.counter.points ? [{ scope: 'account' as const, ...account }] : []),
            ...(address && addressCount === address.counter.points ? [{ scope: 'address' as const, ...address }] : []),
          ];
          await Promise.all(reached.map(({ counter: c, key }) => c.lock(key, limits.lockoutMs)));
          return reached.map(({ scope }) => scope);
        },
        async succeeded() {
          if (settled || locked) return;
          settled = true;
          await Promise.all([account?.counter.forget(account.key), address?.counter.refund(address.key)]);
        },
        async withdrawn() {
          if (settled || locked) return;
          settled = true;
          await Promise.all([account?.counter.refund(account.key), address?.counter.refund(address.key)]);
        },
      };
    },
  };
}
