import type { Knex } from '@coffer/db';

export interface AuditRow {
  id: string;
  org_id: string;
  actor_id: string;
  actor_type: string;
  action: string;
  resource: string;
  outcome: string;
  request_id: string;
  ip: string;
  user_agent: string;
  occurred_at: Date;
}

/** SQL for the append-only audit trail: insert and select are all the application role may do. */
export function createAuditStore() {
  return {
    async insertMany(trx: Knex.Transaction, rows: AuditRow[]): Promise<void> {
      if (rows.length > 0) await trx('audit_logs').insert(rows);
    },

    async search(trx: Knex.Transaction, filter: { action?: string; resourcePrefix?: string; limit: number }): Promise<AuditRow[]> {
      const query = trx<AuditRow>('audit_logs').orderBy('occurred_at', 'desc').orderBy('id').limit(filter.limit);
      if (filter.action) query.where({ action: filter.action });
      if (filter.resourcePrefix) query.whereLike('resource', `${filter.resourcePrefix.replace(/[\\%_]/g, '\\$&')}%`);
      return query.select('*');
    },
  };
}

export type AuditStore = ReturnType<typeof createAuditStore>;
