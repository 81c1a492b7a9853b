import { createHash, randomUUID } from 'node:crypto';
import { withScope, type Knex } from '@coffer/db';
import { USER_ACTOR } from '@coffer/grpc';
import type { Logger } from '@coffer/telemetry';
import type { Attempt, AttemptKind, BruteForceGuard } from './brute-force.js';
import type { ClientInfo } from './client-info.js';
import type { IdentityStore } from './identity-store.js';

/** What a person's sign-in, or failed or refused proof, looks like in the audit trail. */
export interface IdentityAuditEvent {
  /** e.g. `auth.sign-in.password`, `auth.login.failure`, `auth.login.lockout`. */
  action: string;
  /** 'success': signed in; 'failure': the proof was wrong; 'denied': refused by a lock, whatever it proved. */
  outcome: 'success' | 'failure' | 'denied';
  /** Default `users/<id>`. */
  resource?: string;
  /** The account it concerns; undefined when none is known (an unknown email). */
  userId: string | undefined;
  /** Logged, hashed, when no account is known; never stored. */
  email?: string;
  ip: string;
  userAgent: string;
  /** Ties together the events of one attempt (a failure and the lockout it set). */
  requestId: string;
}

export interface IdentityAudit {
  /** Writes the event into the trail of every organisation the account belongs to, after the answer: it neither delays nor changes it. */
  record(event: IdentityAuditEvent): void;
  /** Resolves once every event recorded so far is written (or failed and was logged). */
  settled(): Promise<void>;
}

/** The first 16 hex digits of the email's SHA-256: a log line can tie attempts together without naming the address. */
export const emailDigest = (email: string) => createHash('sha256').update(email.trim().toLowerCase(), 'utf8').digest('hex').slice(0, 16);

/**
 * Sign-ins and attacks on people, in the trails of their organisations: each organisation's admins
 * see the sign-ins, failures and lockouts of their members. An account in no organisation, or an
 * unknown email, has no trail: a failure is logged instead (the email only as a digest).
 */
export function createIdentityAudit({
  knex,
  store,
  logger,
}: {
  knex: Knex;
  store: Pick<IdentityStore, 'listMembershipOrgIds'>;
  logger: Logger;
}): IdentityAudit {
  const pending = new Set<Promise<void>>();

  async function write(event: IdentityAuditEvent): Promise<void> {
    const { userId } = event;
    const occurredAt = new Date().toISOString();
    const written = userId
      ? await withScope(knex, { userId }, async (trx) => {
          const orgIds = await store.listMembershipOrgIds(trx, userId);
          if (orgIds.length === 0) return 0;
          const rows = orgIds.map((orgId) => ({
            id: randomUUID(),
            org_id: orgId,
            actor_id: userId,
            actor_type: USER_ACTOR,
            action: event.action,
            resource: event.resource ?? `users/${userId}`,
            outcome: event.outcome,
            request_id: event.requestId,
            ip: event.ip.slice(0, 64),
            user_agent: event.userAgent.slice(0, 512),
            occurred_at: occurredAt,
          }));
          await trx.raw('select * from record_audit_events(?::jsonb)', [JSON.stringify(rows)]);
          return rows.length;
        })
      : 0;
    // A sign-in of someone in no organisation yet (a newcomer) is no attack: nothing to log.
    if (written === 0 && event.outcome !== 'success') {
      logger.warn(
        { action: event.action, outcome: event.outcome, userId, emailDigest: event.email ? emailDigest(event.email) : undefined, requestId: event.requestId },
        'a failed attempt with no audit trail to go to: an unknown account, or one in no organisation',
      );
    }
  }

  return {
    record(event) {
      const done = write(event).catch((err: unknown) =>
        logger.error({ err, action: event.action, userId: event.userId }, 'an identity audit event could not be written'),
      );
      pending.add(done);
      void done.finally(() => pending.delete(done));
    },
    async settled() {
      while (pending.size > 0) await Promise.all(pending);
    },
  };
}

export interface AttemptAuditInput {
  kind: AttemptKind;
  /** The account's id when it is known. */
  userId: string | undefined;
  /** For the log when no account is known. */
  email?: string;
  client?: ClientInfo | undefined;
  /** `auth.<kind>.failure` unless given (a recovery code: `auth.recovery-code.failure`). */
  failureAction?: string;
}

/**
 * A sign-in that opened a session, in the trails of the person's organisations: the action names
 * how (`auth.sign-in.password`, `auth.sign-in.sso.<provider>`, `auth.sign-in.device`), the resource
 * the session.
 */
export function auditSignIn(audit: IdentityAudit, input: { userId: string; sessionId: string; method: string; ip: string; userAgent: string }): void {
  audit.record({
    action: `auth.sign-in.${input.method.replace(':', '.')}`,
    outcome: 'success',
    userId: input.userId,
    resource: `users/${input.userId}/sessions/${input.sessionId}`,
    ip: input.ip,
    userAgent: input.userAgent,
    requestId: randomUUID(),
  });
}

/**
 * Settles an attempt that did not succeed, and audits it: refused by a lock (`denied`), or a
 * failure (`failure`) followed by the lockout it set, if any: `auth.<kind>.lockout` for the
 * account, `auth.<kind>.address-lockout` for the address.
 */
export async function auditFailedAttempt(attempt: Attempt, audit: IdentityAudit, input: AttemptAuditInput): Promise<void> {
  const base = { userId: input.userId, email: input.email, ip: input.client?.ip ?? '', userAgent: input.client?.userAgent ?? '', requestId: randomUUID() };
  const failureAction = input.failureAction ?? `auth.${input.kind}.failure`;
  if (attempt.locked) return audit.record({ ...base, action: failureAction, outcome: 'denied' });
  const locks = await attempt.failed();
  audit.record({ ...base, action: failureAction, outcome: 'failure' });
  for (const scope of locks) audit.record({ ...base, action: `auth.${input.kind}.${scope === 'account' ? 'lockout' : 'address-lockout'}`, outcome: 'denied' });
}

/**
 * One guarded try of something a person proves, for a user already known (a second factor, a
 * device approval): counted per account and per address, answered late after repeated failures,
 * refused while locked without running `tryIt` at all (nothing it would spend is spent), and every
 * failure and lockout audited. `tryIt` answers undefined for a wrong proof; `refusal` makes the
 * error of a wrong proof, which a locked attempt answers too.
 */
export async function guardedAttempt<T>(
  deps: { guard: BruteForceGuard; audit: IdentityAudit },
  input: Omit<AttemptAuditInput, 'userId' | 'email'> & { userId: string },
  tryIt: () => Promise<T | undefined>,
  refusal: () => Error,
): Promise<T> {
  const attempt = await deps.guard.begin(input.kind, { account: input.userId, address: input.client?.ip });
  await attempt.wait();
  let result: T | undefined;
  try {
    result = attempt.locked ? undefined : await tryIt();
  } catch (err) {
    await attempt.withdrawn();
    throw err;
  }
  if (result === undefined) {
    await auditFailedAttempt(attempt, deps.audit, input);
    throw refusal();
  }
  await attempt.succeeded();
  return result;
}
