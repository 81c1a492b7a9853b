import { randomUUID } from 'node:crypto';
import type { Knex } from '@coffer/db';

export interface BreakGlassRow {
  id: string;
  org_id: string;
  user_id: string;
  email: string;
  project: string;
  environment: string;
  reason: string;
  opened_at: Date;
  expires_at: Date;
  closed_at: Date | null;
  reviewed_at: Date | null;
  reviewed_by: string | null;
  review_note: string | null;
}

const COLUMNS = [
  'b.id',
  'b.org_id',
  'b.user_id',
  'u.email',
  'p.slug as project',
  'e.slug as environment',
  'b.reason',
  'b.opened_at',
  'b.expires_at',
  'b.closed_at',
  'b.reviewed_at',
  'b.reviewed_by',
  'b.review_note',
];

/** SQL of break-glass accesses. Callers pass a transaction scoped to the organisation. */
export function createBreakGlassStore() {
  const accesses = (trx: Knex.Transaction) =>
    trx('break_glass_accesses as b')
      .join('users as u', 'u.id', 'b.user_id')
      .join('projects as p', 'p.id', 'b.project_id')
      .join('environments as e', 'e.id', 'b.environment_id');

  return {
    /** A member's standing for break-glass: their role and whether they are named for it. */
    async findMembership(trx: Knex.Transaction, orgId: string, userId: string): Promise<{ role: string; break_glass: boolean } | undefined> {
      return trx('memberships').where({ org_id: orgId, user_id: userId }).first('role', 'break_glass');
    },

    async findEnvironment(trx: Knex.Transaction, project: string, environment: string): Promise<{ project_id: string; environment_id: string } | undefined> {
      return trx('environments as e')
        .join('projects as p', 'p.id', 'e.project_id')
        .where({ 'p.slug': project, 'e.slug': environment })
        .first('p.id as project_id', 'e.id as environment_id');
    },

    async insert(
      trx: Knex.Transaction,
      row: { id: string; org_id: string; user_id: string; project_id: string; environment_id: string; reason: string; seconds: number },
    ): Promise<void> {
      const { seconds, ...columns } = row;
      await trx('break_glass_accesses').insert({ ...columns, expires_at: trx.raw(`now() + make_interval(secs => ?)`, [seconds]) });
    },

    async find(trx: Knex.Transaction, id: string): Promise<BreakGlassRow | undefined> {
      return accesses(trx).where('b.id', id).first(COLUMNS);
    },

    async list(trx: Knex.Transaction, needsReview: boolean): Promise<BreakGlassRow[]> {
      const query = accesses(trx).orderBy('b.opened_at', 'desc').limit(1000);
      if (needsReview) query.whereNull('b.reviewed_at');
      return query.select(COLUMNS);
    },

    /** The user's accesses in force now: what their principal is granted. */
    async active(trx: Knex.Transaction, userId: string): Promise<BreakGlassRow[]> {
      return accesses(trx).where('b.user_id', userId).whereNull('b.closed_at').where('b.expires_at', '>', trx.fn.now()).orderBy('b.opened_at').select(COLUMNS);
    },

    async close(trx: Knex.Transaction, id: string): Promise<boolean> {
      const count = await trx('break_glass_accesses')
        .where({ id })
        .whereNull('closed_at')
        .where('expires_at', '>', trx.fn.now())
        .update({ closed_at: trx.fn.now() });
      return count === 1;
    },

    async review(trx: Knex.Transaction, id: string, reviewer: string, note: string): Promise<boolean> {
      const count = await trx('break_glass_accesses')
        .where({ id })
        .whereNull('reviewed_at')
        .update({ reviewed_at: trx.fn.now(), reviewed_by: reviewer, review_note: note });
      return count === 1;
    },

    /** Into the organisation's audit trail, in the transaction that opens the access: no access exists without its record. */
    async recordAudit(
      trx: Knex.Transaction,
      event: { orgId: string; userId: string; action: string; resource: string; breakGlassId: string; requestId: string; ip: string; userAgent: string },
    ): Promise<void> {
      const row = {
        id: randomUUID(),
        org_id: event.orgId,
        actor_id: event.userId,
        actor_type: 'user',
        action: event.action,
        resource: event.resource,
        outcome: 'success',
        request_id: event.requestId,
        ip: event.ip.slice(0, 64),
        user_agent: event.userAgent.slice(0, 512),
        occurred_at: new Date().toISOString(),
        break_glass_id: event.breakGlassId,
      };
      await trx.raw('select * from record_audit_events(?::jsonb)', [JSON.stringify([row])]);
    },
  };
}

export type BreakGlassStore = ReturnType<typeof createBreakGlassStore>;
