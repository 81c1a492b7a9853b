import type { Knex } from 'knex';
import { CofferError } from '@coffer/contract';
import { mapDatabaseError } from './errors.js';

/** Kept before the caller's deadline: the time for the answer to travel back. */
const DEADLINE_MARGIN_MS = 100;

function deadlineExceeded(): CofferError {
  return new CofferError('DEADLINE_EXCEEDED', 'the database did not answer in time; nothing was changed');
}

/** Session settings the RLS policies read. Each is set with SET LOCAL semantics (transaction-scoped). */
export interface ScopeSettings {
  /** The organisation every tenant row must belong to. */
  orgId?: string;
  /**
   * Lets one row be found by the SHA-256 of what its holder presents, before anything else is known:
   * an API token, a refresh token, a link, a device or user code.
   */
  tokenHash?: string;
  /** The signed-in user: their own identity rows (sessions, codes, memberships). */
  userId?: string;
  /** Lets a login find the one user with this (normalised) email. */
  email?: string;
}

/**
 * Runs `fn` in a transaction whose RLS scope is `settings`. Every query that touches a tenant
 * table goes through here; without an org id the policies match no tenant row at all.
 *
 * With a `deadline` (ms since the epoch, the caller's): each statement may run only until then
 * (statement_timeout, set in the same round trip as the scope), COMMIT is not sent once it has
 * passed, and the caller is answered DEADLINE_EXCEEDED at the deadline even if PostgreSQL does not
 * answer at all (paused, or a network that drops packets): the transaction left behind can then
 * only roll back. The one outcome left unknown is a COMMIT already sent when the deadline passes;
 * an idempotent retry finds out what happened.
 */
export async function withScope<T>(knex: Knex, settings: ScopeSettings, fn: (trx: Knex.Transaction) => Promise<T>, deadline = Infinity): Promise<T> {
  const budgetMs = deadline - Date.now() - DEADLINE_MARGIN_MS;
  if (budgetMs <= 0) throw deadlineExceeded();
  const bounded = Number.isFinite(budgetMs);
  let expired = false;
  let committing = false;
  const work = knex.transaction(async (trx) => {
    await trx.raw(
      `select set_config('app.org_id', ?, true), set_config('app.token_hash', ?, true), set_config('app.user_id', ?, true), set_config('app.email', ?, true)${bounded ? `, set_config('statement_timeout', ?, true)` : ''}`,
      [settings.orgId ?? '', settings.tokenHash ?? '', settings.userId ?? '', settings.email ?? '', ...(bounded ? [String(Math.ceil(budgetMs))] : [])],
    );
    const result = await fn(trx);
    // Rolled back rather than committed: the caller has been, or is about to be, told it failed.
    if (expired || Date.now() >= deadline - DEADLINE_MARGIN_MS) throw deadlineExceeded();
    committing = true;
    return result;
  });
  return new Promise<T>((resolve, reject) => {
    const timer = bounded
      ? setTimeout(() => {
          if (committing) return;
          expired = true;
          reject(deadlineExceeded());
        }, budgetMs)
      : undefined;
    work.then(
      (result) => {
        clearTimeout(timer);
        resolve(result);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(mapDatabaseError(err));
      },
    );
  });
}

/** Moves an open transaction to another organisation, e.g. right after creating it. */
export async function setTenant(trx: Knex.Transaction, orgId: string): Promise<void> {
  await trx.raw(`select set_config('app.org_id', ?, true)`, [orgId]);
}

/** Moves an open transaction to a user, e.g. once a login or a link has named them. */
export async function setUser(trx: Knex.Transaction, userId: string): Promise<void> {
  await trx.raw(`select set_config('app.user_id', ?, true)`, [userId]);
}

export function withTenant<T>(knex: Knex, orgId: string, fn: (trx: Knex.Transaction) => Promise<T>, deadline?: number): Promise<T> {
  return withScope(knex, { orgId }, fn, deadline);
}
