import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { breakGlassOn, isCofferError } from '@coffer/contract';
import { actorIdOf, type Principal } from '@coffer/grpc';
import type { AuditEventInput, AuditRecorder } from './audit-recorder.js';

export type Outcome = AuditEventInput['outcome'];

export function outcomeOf(err: unknown): Outcome {
  if (isCofferError(err) && (err.code === 'PERMISSION_DENIED' || err.code === 'UNAUTHENTICATED')) return 'denied';
  return 'failure';
}

/**
 * The action of a read answered 304 because the caller already held the current entity-tag
 * (`secret.inject.unchanged`, `secret.pull.unchanged`): a check that opened and sent no value, on
 * record apart from the reads that did.
 */
export const unchangedAction = (action: string): string => `${action}.unchanged`;

/**
 * Records who did what to which resource, from where; never a value. The event's id, given here,
 * makes every later delivery of it (a retry, a replay of the spool) store it once.
 */
export function recordAudit(recorder: AuditRecorder, req: Request, res: Response, action: string, resource: string, outcome: Outcome): void {
  const principal = res.locals.principal as Principal | undefined;
  // The trail is per organisation: what a person does outside any (creating one) has no trail yet.
  if (!principal?.orgId) return;
  const { project, env } = req.params;
  const breakGlassId =
    principal.grants.length > 0 && typeof project === 'string' && typeof env === 'string'
      ? breakGlassOn(principal, { orgId: principal.orgId, project, environment: env })
      : undefined;
  recorder.record(
    {
      id: randomUUID(),
      orgId: principal.orgId,
      actorId: actorIdOf(principal),
      actorType: principal.actorType,
      action,
      resource,
      outcome,
      requestId: res.locals.requestId as string,
      ip: (res.locals.clientAddress as string | undefined) ?? '',
      userAgent: (req.get('user-agent') ?? '').slice(0, 512),
      occurredAt: new Date().toISOString(),
      ...(breakGlassId ? { breakGlassId } : {}),
    },
    principal.assertion,
  );
}
