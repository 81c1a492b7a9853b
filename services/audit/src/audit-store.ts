import { queryPrepared, type Knex, type PreparedStatement } from '@coffer/db';

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

/** A row as the batch's JSON carries it: `occurred_at` is an ISO 8601 time. */
export type AuditRowInput = Omit<AuditRow, 'occurred_at'> & { occurred_at: string };

const RECORD_EVENTS: PreparedStatement = { name: 'coffer_record_audit_events', text: 'select record_audit_events(?::jsonb) as recorded' };

/** SQL for the append-only audit trail: insert and select are all the application role may do. */
export function createAuditStore() {
  return {
    /** Inserts a batch of any organisations' rows in one statement, each under its organisation's RLS scope (migration 005). */
    async insertMany(knex: Knex, rows: AuditRowInput[]): Promise<number> {
      if (rows.length === 0) return 0;
      const [result] = await queryPrepared<{ recorded: number }>(knex, RECORD_EVENTS, [JSON.stringify(rows)]);
      return result!.recorded;
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
