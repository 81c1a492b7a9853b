import type { Knex } from 'knex';
import { mapDatabaseError } from './errors.js';

/** Session settings the RLS policies read. Each is set with SET LOCAL semantics (transaction-scoped). */
export interface ScopeSettings {
  /** The organisation every tenant row must belong to. */
  orgId?: string;
  /** Lets an API-token row be found by its hash before its organisation is known. */
  tokenHash?: string;
}

/**
 * Runs `fn` in a transaction whose RLS scope is `settings`. Every query that touches a tenant
 * table goes through here; without an org id the policies match no tenant row at all.
 */
export async function withScope<T>(knex: Knex, settings: ScopeSettings, fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  try {
    return await knex.transaction(async (trx) => {
      await trx.raw(`select set_config('app.org_id', ?, true), set_config('app.token_hash', ?, true)`, [settings.orgId ?? '', settings.tokenHash ?? '']);
      return fn(trx);
    });
  } catch (err) {
    throw mapDatabaseError(err);
  }
}

/** Moves an open transaction to another organisation, e.g. right after creating it. */
export async function setTenant(trx: Knex.Transaction, orgId: string): Promise<void> {
  await trx.raw(`select set_config('app.org_id', ?, true)`, [orgId]);
}

export function withTenant<T>(knex: Knex, orgId: string, fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return withScope(knex, { orgId }, fn);
}
