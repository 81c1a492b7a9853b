import { randomUUID } from 'node:crypto';
import { withTenant, type Knex } from '@coffer/db';
import type { AuditRow, AuditRowInput, AuditStore, RecordCounts } from './audit-store.js';

export interface AuditEvent {
  id?: string;
  orgId: string;
  actorId: string;
  actorType: string;
  action: string;
  resource: string;
  outcome: string;
  requestId: string;
  ip: string;
  userAgent: string;
  occurredAt: string;
  /** The break-glass access it was done under, or '' for none. */
  breakGlassId?: string;
}

export interface AuditServiceDeps {
  knex: Knex;
  store: AuditStore;
}

function toRow(event: AuditEvent): AuditRowInput {
  return {
    // Only an event sent without an id (no retry can follow it) gets one here.
    id: event.id || randomUUID(),
    org_id: event.orgId,
    actor_id: event.actorId,
    actor_type: event.actorType,
    action: event.action,
    resource: event.resource,
    outcome: event.outcome,
    request_id: event.requestId,
    ip: event.ip,
    user_agent: event.userAgent,
    occurred_at: event.occurredAt,
    break_glass_id: event.breakGlassId || null,
  };
}

function toEvent(row: AuditRow): Required<AuditEvent> {
  return {
    id: row.id,
    orgId: row.org_id,
    actorId: row.actor_id,
    actorType: row.actor_type,
    action: row.action,
    resource: row.resource,
    outcome: row.outcome,
    requestId: row.request_id,
    ip: row.ip,
    userAgent: row.user_agent,
    occurredAt: new Date(row.occurred_at).toISOString(),
    breakGlassId: row.break_glass_id ?? '',
  };
}

export function createAuditService({ knex, store }: AuditServiceDeps) {
  return {
    /** Stores a batch at once, each event id once; each organisation's events are written under that organisation's RLS scope. */
    async record(events: AuditEvent[]): Promise<RecordCounts> {
      return store.insertMany(knex, events.map(toRow));
    },

    async search(orgId: string, filter: { action?: string; resourcePrefix?: string; limit: number }): Promise<Required<AuditEvent>[]> {
      return withTenant(knex, orgId, async (trx) => (await store.search(trx, filter)).map(toEvent));
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
