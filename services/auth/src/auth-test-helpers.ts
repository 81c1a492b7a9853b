import { createAccessStore } from './access-store.js';
import { createBreakGlassService } from './break-glass-service.js';
import { createBreakGlassStore } from './break-glass-store.js';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Redis } from 'ioredis';
import type pg from 'pg';
import { isCofferError, type CofferError } from '@coffer/contract';
import type { Knex } from '@coffer/db';
import { createLogger } from '@coffer/telemetry';
import { createBruteForceGuard, type BruteForceGuard, type BruteForceLimits } from './brute-force.js';
import { createIdentityAudit, type IdentityAudit } from './identity-audit.js';
import { createIdentityService, DEFAULT_LIFETIMES, type IdentityLifetimes, type IdentityService } from './identity-service.js';
import { createIdentityStore } from './identity-store.js';
import { createMailer } from './mailer.js';
import { createPasswordPolicy } from './password-policy.js';
import { createPasswordHasher } from './passwords.js';
import { createSessionKeys, type SessionKeys } from './session-keys.js';

/** Tests only: what a call failed with; fails the test if it succeeded or threw something else. */
export async function failure(call: Promise<unknown>): Promise<CofferError> {
  const outcome = await call.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!isCofferError(outcome)) throw new Error(`expected a CofferError, got ${outcome === undefined ? 'success' : String(outcome)}`);
  return outcome;
}

/** Tests only: row counts of the hierarchy's tables, read as the owner (no row-level security), to show a refusal changed nothing. */
export async function hierarchyCounts(owner: pg.Client): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of ['platform_state', 'organizations', 'projects', 'environments', 'api_tokens']) {
    result[table] = (await owner.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n;
  }
  return result;
}

/**
 * Tests only: limits that tests of other behaviours never reach (they fail proofs on purpose, from
 * one address); the guard and the audit still run. Tests of the limits pass their own.
 */
export const UNREACHED_BRUTE_FORCE_LIMITS: Partial<BruteForceLimits> = {
  accountFailures: 10_000,
  addressFailures: 100_000,
  forgotPasswordRequests: 10_000,
  slowAfter: 10_000,
};

export interface IdentityForTests {
  identity: IdentityService;
  guard: BruteForceGuard;
  /** Where its failures and lockouts are recorded. */
  audit: IdentityAudit;
  sessionKeys: SessionKeys;
  /** Every session or token id the service told the gateways to forget. */
  revoked: string[];
  /** What the service logged (messages written there instead of sent, without SMTP). */
  logs(): string;
}

/** Tests only: the identity service as the module builds it, with a fresh Auth key and mail to `smtpUrl` (or into the log). */
export function identityForTests(
  knex: Knex,
  options: {
    smtpUrl?: string;
    lifetimes?: Partial<IdentityLifetimes>;
    publicUrl?: string;
    /** UNREACHED_BRUTE_FORCE_LIMITS unless given. */
    bruteForce?: Partial<BruteForceLimits>;
    /** Counts in this Redis (under its prefix) instead of in memory. */
    redis?: { client: Redis; keyPrefix: string };
  } = {},
): IdentityForTests {
  const chunks: string[] = [];
  const logger = createLogger({
    level: 'info',
    name: 'auth-test',
    destination: new Writable({
      write(chunk, _encoding, done) {
        chunks.push(String(chunk));
        done();
      },
    }),
  });
  const authKey = randomBytes(32);
  const publicUrl = options.publicUrl ?? 'http://coffer.test';
  const lifetimes = { ...DEFAULT_LIFETIMES, ...options.lifetimes };
  const sessionKeys = createSessionKeys({ knex, authKey, issuer: publicUrl, audience: 'coffer-api', accessTtlMs: lifetimes.accessMs });
  const revoked: string[] = [];
  const store = createIdentityStore();
  const guard = createBruteForceGuard({ redis: options.redis, keySecret: authKey, limits: options.bruteForce ?? UNREACHED_BRUTE_FORCE_LIMITS, logger });
  const audit = createIdentityAudit({ knex, store, logger });
  const identity = createIdentityService({
    knex,
    store,
    access: createAccessStore(),
    breakGlass: createBreakGlassService({ knex, store: createBreakGlassStore(), onTokenRevoked: async () => undefined }),
    hasher: createPasswordHasher(),
    policy: createPasswordPolicy(),
    mailer: createMailer({ smtpUrl: options.smtpUrl, from: 'Coffer <coffer@coffer.test>', logger, logUnsent: true }),
    sessionKeys,
    authKey,
    publicUrl,
    lifetimes,
    onTokenRevoked: async (id) => void revoked.push(id),
    guard,
    audit,
    logger,
  });
  return { identity, guard, audit, sessionKeys, revoked, logs: () => chunks.join('') };
}
