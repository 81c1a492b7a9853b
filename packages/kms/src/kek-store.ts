import type { Knex } from '@coffer/db';

export type KekState = 'active' | 'retired';

/** One row of `kms_keys`: one version of an organisation's KEK, still wrapped. */
export interface KekRow {
  id: string;
  orgId: string;
  keyId: string;
  version: number;
  provider: string;
  wrappedMaterial: string;
  wrapCount: number;
  state: KekState;
}

export interface NewKekRow {
  id: string;
  orgId: string;
  keyId: string;
  version: number;
  provider: string;
  wrappedMaterial: string;
}

interface DbRow {
  id: string;
  org_id: string;
  key_id: string;
  version: number;
  provider: string;
  wrapped_material: string;
  wrap_count: string | number;
  state: KekState;
}

const COLUMNS = ['id', 'org_id', 'key_id', 'version', 'provider', 'wrapped_material', 'wrap_count', 'state'];

function toKekRow(row: DbRow): KekRow {
  return {
    id: row.id,
    orgId: row.org_id,
    keyId: row.key_id,
    version: row.version,
    provider: row.provider,
    wrappedMaterial: row.wrapped_material,
    wrapCount: Number(row.wrap_count),
    state: row.state,
  };
}

/**
 * SQL for `kms_keys`. Every function runs in the caller's transaction, which is already scoped to
 * the organisation by row-level security; the explicit org_id filters are the application-level
 * check on top.
 */
export function createKekStore() {
  return {
    /** The highest version; by construction the only one that can be active. */
    async latest(trx: Knex.Transaction, orgId: string): Promise<KekRow | undefined> {
      const row: DbRow | undefined = await trx('kms_keys').where({ org_id: orgId }).orderBy('version', 'desc').first(COLUMNS);
      return row && toKekRow(row);
    },

    async find(trx: Knex.Transaction, orgId: string, keyId: string, version: number): Promise<KekRow | undefined> {
      const row: DbRow | undefined = await trx('kms_keys').where({ org_id: orgId, key_id: keyId, version }).first(COLUMNS);
      return row && toKekRow(row);
    },

    /** False when the version already exists: a concurrent transaction created it first. */
    async insert(trx: Knex.Transaction, row: NewKekRow): Promise<boolean> {
      const inserted: unknown[] = await trx('kms_keys')
        .insert({
          id: row.id,
          org_id: row.orgId,
          key_id: row.keyId,
          version: row.version,
          provider: row.provider,
          wrapped_material: row.wrappedMaterial,
        })
        .onConflict(['org_id', 'version'])
        .ignore()
        .returning('id');
      return inserted.length === 1;
    },

    /** The new wrap count, or undefined when the version is not (or no longer) the active one. */
    async incrementActiveWraps(trx: Knex.Transaction, orgId: string, keyId: string, version: number): Promise<number | undefined> {
      const rows: Array<{ wrap_count: string | number }> = await trx('kms_keys')
        .where({ org_id: orgId, key_id: keyId, version, state: 'active' })
        .increment('wrap_count', 1)
        .returning('wrap_count');
      return rows[0] && Number(rows[0].wrap_count);
    },

    /** False when the version was not active, e.g. a concurrent transaction retired it first. */
    async retire(trx: Knex.Transaction, orgId: string, keyId: string, version: number): Promise<boolean> {
      const rows: unknown[] = await trx('kms_keys')
        .where({ org_id: orgId, key_id: keyId, version, state: 'active' })
        .update({ state: 'retired', retired_at: trx.fn.now() })
        .returning('id');
      return rows.length === 1;
    },
  };
}

export type KekStore = ReturnType<typeof createKekStore>;
