import type { Knex } from '@coffer/db';

export type ChangeRequestStatus = 'open' | 'applied' | 'rejected';
export type ChangeAction = 'set' | 'delete' | 'restore' | 'purge';

export interface ChangeRequestRow {
  id: string;
  org_id: string;
  env_id: string;
  requested_by: string;
  status: ChangeRequestStatus;
  created_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  reason: string;
}

export interface ChangeRow {
  org_id: string;
  request_id: string;
  position: number;
  key: string;
  action: ChangeAction;
  base_version: number;
  type: string;
  description: string;
  ciphertext: string | null;
  wrapped_dek: string | null;
  kms_key_id: string | null;
  kms_key_version: number | null;
}

/** A protected environment's flag, read under a share lock: it cannot be lifted until the write that read it commits. */
export interface ProtectionRow {
  protected: boolean;
}

/**
 * SQL for change requests. Every function takes a transaction already scoped to the caller's
 * organisation, so row-level security applies to each statement.
 */
export function createChangeRequestStore() {
  return {
    async isProtected(trx: Knex.Transaction, envId: string): Promise<boolean> {
      const row: ProtectionRow | undefined = await trx('environments').where({ id: envId }).first('protected').forShare();
      return row?.protected === true;
    },

    async insertRequest(
      trx: Knex.Transaction,
      row: Pick<ChangeRequestRow, 'id' | 'org_id' | 'env_id' | 'requested_by'>,
      changes: ChangeRow[],
    ): Promise<ChangeRequestRow> {
      const [inserted] = await trx<ChangeRequestRow>('change_requests').insert(row).returning('*');
      if (changes.length > 0) await trx('change_request_changes').insert(changes);
      return inserted as ChangeRequestRow;
    },

    async listRequests(trx: Knex.Transaction, envId: string, status: ChangeRequestStatus | undefined): Promise<ChangeRequestRow[]> {
      const query = trx<ChangeRequestRow>('change_requests')
        .where({ env_id: envId })
        .orderBy([{ column: 'created_at', order: 'desc' }, 'id']);
      if (status) query.andWhere({ status });
      return query.select('*');
    },

    async findRequest(trx: Knex.Transaction, envId: string, id: string, lock = false): Promise<ChangeRequestRow | undefined> {
      const query = trx<ChangeRequestRow>('change_requests').where({ env_id: envId, id }).first('*');
      return lock ? query.forUpdate() : query;
    },

    async changesOf(trx: Knex.Transaction, requestIds: string[]): Promise<ChangeRow[]> {
      if (requestIds.length === 0) return [];
      return trx<ChangeRow>('change_request_changes').whereIn('request_id', requestIds).orderBy(['request_id', 'position']).select('*');
    },

    async decide(trx: Knex.Transaction, id: string, decision: { status: ChangeRequestStatus; decided_by: string; reason?: string }): Promise<ChangeRequestRow> {
      const [updated] = await trx<ChangeRequestRow>('change_requests')
        .where({ id })
        .update({ ...decision, decided_at: trx.fn.now() } as unknown as Partial<ChangeRequestRow>)
        .returning('*');
      return updated as ChangeRequestRow;
    },
  };
}

export type ChangeRequestStore = ReturnType<typeof createChangeRequestStore>;
