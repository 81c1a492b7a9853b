import { z } from 'zod';
import { CofferError, parseInput } from '@coffer/contract';
import {
  actorIdOf,
  principalWith,
  requirePrincipal,
  servicesOnly,
  type AccessTable,
  type AsyncHandlers,
  type AuditServiceHandlers,
  type PrincipalVerifier,
} from '@coffer/grpc';
import type { AuditEvent, AuditService } from './audit-service.js';

const MAX_BATCH = 5000;
// A record may be sent a little after its principal was signed, never long before it happened.
const MAX_CLOCK_SKEW_MS = 5 * 60_000;
const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((value) => !value.includes('\u0000'), 'must not contain U+0000');
const eventSchema = z.object({
  id: z.union([z.literal(''), z.uuid()]),
  orgId: z.uuid(),
  actorId: text(128).min(1),
  actorType: text(64).min(1),
  action: text(64).min(1),
  resource: text(1024).min(1),
  outcome: z.enum(['success', 'denied', 'failure']),
  requestId: text(128),
  ip: text(64),
  userAgent: text(512),
  occurredAt: z.iso.datetime({ offset: true }),
  breakGlassId: z.union([z.literal(''), z.uuid()]),
});
const recordSchema = z.object({
  groups: z
    .array(z.object({ principal: z.string().min(1).max(8192), events: z.array(eventSchema) }))
    .refine((groups) => groups.reduce((sum, group) => sum + group.events.length, 0) <= MAX_BATCH, `at most ${MAX_BATCH} events in one batch`),
});
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/** Records come from the gateway (later sync) only; anyone else, even holding a principal, cannot write one. */
export const auditAccess: AccessTable<AuditServiceHandlers> = {
  Record: servicesOnly('gateway'),
  Search: principalWith(['audit:read']),
};

/**
 * Every event of a group must be of the organisation and actor its signed principal names, and
 * must have happened while that principal was valid: a service can only write what a real request
 * of that organisation did. Checked for the whole batch before any of it is stored.
 */
async function vouchedEvents(groups: z.output<typeof recordSchema>['groups'], verifyPrincipal: PrincipalVerifier): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  for (const [index, group] of groups.entries()) {
    if (group.events.length === 0) continue;
    const times = group.events.map((event) => Date.parse(event.occurredAt));
    if (Math.max(...times) > Date.now() + MAX_CLOCK_SKEW_MS) {
      throw new CofferError('INVALID_ARGUMENT', `groups.${index}: an event occurs in the future`, { details: { field: `groups.${index}` } });
    }
    const principal = await verifyPrincipal(group.principal, { at: Math.max(...times) }).catch((err: unknown) => {
      // Refused for what the group is, not for who sends it: a gateway drops such a group instead
      // of retrying it forever (events spooled under keys that are no longer trusted, say).
      throw new CofferError('PERMISSION_DENIED', `groups.${index}.principal: ${err instanceof Error ? err.message : 'does not verify'}`);
    });
    for (const [position, event] of group.events.entries()) {
      if (event.orgId !== principal.orgId || event.actorId !== actorIdOf(principal) || event.actorType !== principal.actorType) {
        throw new CofferError('PERMISSION_DENIED', `groups.${index}.events.${position}: not an event of the principal it is recorded for`);
      }
      // A break-glass marker is one the principal was signed with: nobody marks or unmarks at will.
      if (event.breakGlassId && !principal.grants.some((grant) => grant.breakGlassId === event.breakGlassId)) {
        throw new CofferError('PERMISSION_DENIED', `groups.${index}.events.${position}: breakGlassId is not one of the principal's break-glass accesses`);
      }
      events.push(event);
    }
  }
  return events;
}

/** gRPC edge of the Audit service. */
export function auditHandlers(service: AuditService, verifyPrincipal: PrincipalVerifier): AsyncHandlers<AuditServiceHandlers> {
  return {
    async Record(request) {
      const { groups } = parseInput(recordSchema, request);
      return service.record(await vouchedEvents(groups, verifyPrincipal));
    },

    async Search(request, ctx) {
      const principal = requirePrincipal(ctx);
      const limit = Math.min(request.limit || DEFAULT_LIMIT, MAX_LIMIT);
      const events = await service.search(principal.orgId, {
        action: request.action || undefined,
        resourcePrefix: request.resourcePrefix || undefined,
        limit,
      });
      return { events };
    },
  };
}
