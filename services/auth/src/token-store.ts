import type { Knex } from '@coffer/db';
import type { TokenRow } from './auth-store.js';

export interface ServiceAccountRow {
  id: string;
  org_id: string;
  name: string;
  description: string;
  created_by: string;
  created_at: Date;
}

/** A token as listed: its row with the names of what it points at (never its hash). */
export type ListedTokenRow = Omit<TokenRow, 'token_hash'> & {
  service_account: string | null;
  project: string | null;
  /** Slugs of its environments that still exist. */
  environments: string[];
};

const LISTED_COLUMNS = [
  't.id',
  't.org_id',
  't.name',
  't.permissions',
  't.created_at',
  't.revoked_at',
  't.service_account_id',
  't.project_id',
  't.environment_ids',
  't.expires_at',
  't.allowed_cidrs',
  't.last_used_at',
  't.last_used_ip',
  't.rotated_from',
  't.created_by',
  'sa.name as service_account',
  'p.slug as project',
];

/** SQL for service accounts and the management of their tokens. Callers pass a transaction scoped to the organisation. */
export function createTokenStore() {
  function listed(trx: Knex.Transaction) {
    return trx('api_tokens as t')
      .leftJoin('service_accounts as sa', 'sa.id', 't.service_account_id')
      .leftJoin('projects as p', 'p.id', 't.project_id')
      .select([
        ...LISTED_COLUMNS,
        trx.raw(`coalesce((select array_agg(e.slug order by e.slug) from environments e where e.id = any(t.environment_ids)), '{}') as environments`),
      ]);
  }

  return {
    async listServiceAccounts(trx: Knex.Transaction): Promise<ServiceAccountRow[]> {
      return trx<ServiceAccountRow>('service_accounts').orderBy('name').select('*');
    },

    async findServiceAccount(trx: Knex.Transaction, name: string): Promise<ServiceAccountRow | undefined> {
      return trx<ServiceAccountRow>('service_accounts').where({ name }).first('*');
    },

    /** The account of this name, made when missing (two concurrent creations agree on one row). */
    async ensureServiceAccount(trx: Knex.Transaction, row: Omit<ServiceAccountRow, 'created_at'>): Promise<ServiceAccountRow> {
      await trx('service_accounts').insert(row).onConflict(['org_id', 'name']).ignore();
      return (await trx<ServiceAccountRow>('service_accounts').where({ name: row.name }).first('*')) as ServiceAccountRow;
    },

    async insertServiceAccount(trx: Knex.Transaction, row: Omit<ServiceAccountRow, 'created_at'>): Promise<ServiceAccountRow> {
      const [inserted] = await trx<ServiceAccountRow>('service_accounts').insert(row).returning('*');
      return inserted as ServiceAccountRow;
    },

    /** Deletes the account; its token rows go with it (they must have been revoked first). */
    async deleteServiceAccount(trx: Knex.Transaction, id: string): Promise<void> {
      await trx('service_accounts').where({ id }).delete();
    },

    async listTokens(trx: Knex.Transaction, filter: { includeRevoked: boolean; serviceAccountId?: string; tokenId?: string }): Promise<ListedTokenRow[]> {
      const query = listed(trx).orderBy([{ column: 't.created_at' }, { column: 't.id' }]);
      if (!filter.includeRevoked) query.whereNull('t.revoked_at');
      if (filter.serviceAccountId !== undefined) query.where('t.service_account_id', filter.serviceAccountId);
      if (filter.tokenId !== undefined) query.where('t.id', filter.tokenId);
      return query;
    },

    /** A token of the organisation that is not revoked, locked until the transaction ends. */
    async lockLiveToken(trx: Knex.Transaction, id: string): Promise<TokenRow | undefined> {
      return trx<TokenRow>('api_tokens').where({ id }).whereNull('revoked_at').forUpdate().first('*');
    },

    async revokeToken(trx: Knex.Transaction, id: string): Promise<void> {
      await trx('api_tokens').where({ id }).whereNull('revoked_at').update({ revoked_at: trx.fn.now() });
    },

    /** Ends a token's life at `until` at the latest (it may end sooner already). */
    async shortenToken(trx: Knex.Transaction, id: string, until: Date): Promise<void> {
      await trx.raw(`update api_tokens set expires_at = least(coalesce(expires_at, ?), ?) where id = ?`, [until, until, id]);
    },
  };
}

export type TokenStore = ReturnType<typeof createTokenStore>;
