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
  break_glass_id: string | null;
}

/** A row as the batch's JSON carries it: `occurred_at` is an ISO 8601 time. */
export type AuditRowInput = Omit<AuditRow, 'occurred_at'> & { occurred_at: string };

/** What storing a batch did with its events: every event is in exactly one of the counts. */
export interface RecordCounts {
  /** Stored by this call. */
  recorded: number;
  /** Their id was stored already (a retry or a replay): not stored again. */
  alreadyRecorded: number;
  /** Of an organisation that no longer exists: not stored. */
  orphaned: number;
}

const RECORD_EVENTS: PreparedStatement = {
  name: 'coffer_record_audit_events_by_id',
  text: 'select recorded, already_recorded, orphaned from record_audit_events(?::jsonb)',
};

/** SQL for the append-only audit trail: insert and select are all the application role may do. */
export function createAuditStore() {
  return {
    /**
     * Inserts a batch of any organisations' rows in one statement, each under its organisation's RLS
     * scope, each id once (migration 006).
     */
    async insertMany(knex: Knex, rows: AuditRowInput[]): Promise<RecordCounts> {
      if (rows.length === 0) return { recorded: 0, alreadyRecorded: 0, orphaned: 0 };
      const [result] = await queryPrepared<{ recorded: number; already_recorded: number; orphaned: number }>(knex, RECORD_EVENTS, [JSON.stringify(rows)]);
      return { recorded: result!.recorded, alreadyRecorded: result!.already_recorded, orphaned: result!.orphaned };
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
