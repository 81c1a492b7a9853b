import { randomUUID } from 'node:crypto';
import { withTenant, type Knex } from '@coffer/db';
import { CofferError, ENVIRONMENT_PERMISSION_NAMES, notFound, orgRevocationMessage } from '@coffer/contract';
import { USER_ACTOR, type PrincipalClaims as Principal } from '@coffer/grpc';
import type { BreakGlassRow, BreakGlassStore } from './break-glass-store.js';
import type { ResolvedGrant } from './access-store.js';

/** The longest a break-glass access lasts. */
export const MAX_BREAK_GLASS_SECONDS = 3_600;

export interface BreakGlass {
  id: string;
  project: string;
  environment: string;
  userId: string;
  email: string;
  reason: string;
  openedAt: string;
  expiresAt: string;
  closedAt: string;
  active: boolean;
  needsReview: boolean;
  reviewedAt: string;
  reviewedBy: string;
  reviewNote: string;
}

export interface BreakGlassServiceDeps {
  knex: Knex;
  store: BreakGlassStore;
  /** Tells every process to drop the organisation's cached principals; never rejects. */
  onTokenRevoked(message: string): Promise<void>;
  now?: () => number;
}

const iso = (date: Date | null) => (date ? new Date(date).toISOString() : '');

/** Where a request came from, for the audit record of an opening. */
export interface Origin {
  requestId: string;
  ip: string;
  userAgent: string;
}

/**
 * Break-glass: an owner or admin named for it (memberships.break_glass) opens emergency access to one
 * environment with a written reason, for at most an hour. While it lasts their principal carries a
 * grant of every environment permission marked with its id: changes there are applied at once
 * rather than becoming change requests, and every audit record of what is done there names it.
 * The opening is in the organisation's audit trail, written in the same transaction; the access
 * stays flagged until another admin records a review.
 */
export function createBreakGlassService({ knex, store, onTokenRevoked, now = Date.now }: BreakGlassServiceDeps) {
  const toBreakGlass = (row: BreakGlassRow): BreakGlass => ({
    id: row.id,
    project: row.project,
    environment: row.environment,
    userId: row.user_id,
    email: row.email,
    reason: row.reason,
    openedAt: iso(row.opened_at),
    expiresAt: iso(row.expires_at),
    closedAt: iso(row.closed_at),
    active: row.closed_at === null && new Date(row.expires_at).getTime() > now(),
    needsReview: row.reviewed_at === null,
    reviewedAt: iso(row.reviewed_at),
    reviewedBy: row.reviewed_by ?? '',
    reviewNote: row.review_note ?? '',
  });

  const missing = (id: string) => new CofferError('NOT_FOUND', `break-glass access '${id}' not found`);

  async function found(trx: Knex.Transaction, id: string): Promise<BreakGlassRow> {
    const row = await store.find(trx, id);
    if (!row) throw missing(id);
    return row;
  }

  return {
    async open(principal: Principal, input: { project: string; environment: string; reason: string; seconds: number }, origin: Origin): Promise<BreakGlass> {
      if (principal.actorType !== USER_ACTOR) throw new CofferError('PERMISSION_DENIED', 'break-glass access is opened by a person, not a token');
      const opened = await withTenant(knex, principal.orgId, async (trx) => {
        const membership = await store.findMembership(trx, principal.orgId, principal.userId);
        if (!membership || !['owner', 'admin'].includes(membership.role) || !membership.break_glass) {
          throw new CofferError('PERMISSION_DENIED', 'only an owner or admin named for break-glass access may open it');
        }
        const place = await store.findEnvironment(trx, input.project, input.environment);
        if (!place) throw notFound.environment(input.environment, input.project);
        const id = randomUUID();
        await store.insert(trx, { id, org_id: principal.orgId, user_id: principal.userId, ...place, reason: input.reason, seconds: input.seconds });
        const row = await found(trx, id);
        // Last: record_audit_events leaves the transaction without an organisation scope.
        await store.recordAudit(trx, {
          orgId: principal.orgId,
          userId: principal.userId,
          action: 'break-glass.opened',
          resource: `orgs/${principal.orgSlug}/projects/${input.project}/envs/${input.environment}`,
          breakGlassId: id,
          ...origin,
        });
        return row;
      });
      // The opener's next request carries the access; nobody's cached principal predates it.
      await onTokenRevoked(orgRevocationMessage(principal.orgId));
      return toBreakGlass(opened);
    },

    /** Ends an access before it expires: its opener, or an admin. */
    async close(principal: Principal, id: string): Promise<BreakGlass> {
      const closed = await withTenant(knex, principal.orgId, async (trx) => {
        const row = await found(trx, id);
        if (row.user_id !== principal.userId && !principal.permissions.includes('admin')) throw missing(id);
        if (!(await store.close(trx, id))) throw new CofferError('FAILED_PRECONDITION', `break-glass access '${id}' has already ended`);
        return found(trx, id);
      });
      await onTokenRevoked(orgRevocationMessage(principal.orgId));
      return toBreakGlass(closed);
    },

    async list(principal: Principal, needsReview: boolean): Promise<BreakGlass[]> {
      return withTenant(knex, principal.orgId, async (trx) => (await store.list(trx, needsReview)).map(toBreakGlass));
    },

    /** Clears the flag: by someone other than the opener, once the access has ended. */
    async review(principal: Principal, id: string, note: string): Promise<BreakGlass> {
      return withTenant(knex, principal.orgId, async (trx) => {
        const row = await found(trx, id);
        const reviewer = principal.userId || principal.tokenId;
        if (row.user_id === reviewer) throw new CofferError('PERMISSION_DENIED', 'a break-glass access is reviewed by someone other than who opened it');
        if (toBreakGlass(row).active) throw new CofferError('FAILED_PRECONDITION', `break-glass access '${id}' is still open: close it or let it expire first`);
        if (!(await store.review(trx, id, reviewer, note)))
          throw new CofferError('FAILED_PRECONDITION', `break-glass access '${id}' has already been reviewed`);
        return toBreakGlass(await found(trx, id));
      });
    },

    /**
     * What a member's open accesses add to their principal, and when the first of them ends (the
     * principal must not be trusted beyond it). Runs in the transaction that authenticates them.
     */
    async grantsOf(trx: Knex.Transaction, userId: string): Promise<{ grants: ResolvedGrant[]; until: string }> {
      const rows = await store.active(trx, userId);
      const grants = rows.map((row) => ({
        project: row.project,
        environments: [row.environment],
        permissions: [...ENVIRONMENT_PERMISSION_NAMES],
        breakGlassId: row.id,
      }));
      const until = rows.reduce((first, row) => Math.min(first, new Date(row.expires_at).getTime()), Infinity);
      return { grants, until: Number.isFinite(until) ? new Date(until).toISOString() : '' };
    },
  };
}

export type BreakGlassService = ReturnType<typeof createBreakGlassService>;
