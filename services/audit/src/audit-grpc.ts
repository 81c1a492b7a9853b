import { requirePermissions, requirePrincipal, validRequest, type AsyncHandlers, type AuditServiceHandlers } from '@coffer/grpc';
import { z } from 'zod';
import type { AuditService } from './audit-service.js';

const MAX_BATCH = 5000;
const text = (max: number) => z.string().max(max).refine((value) => !value.includes('\u0000'), 'must not contain U+0000');
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
});
const recordSchema = z.object({ events: z.array(eventSchema).max(MAX_BATCH) });
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/** gRPC edge of the Audit service. */
export function auditHandlers(service: AuditService): AsyncHandlers<AuditServiceHandlers> {
  return {
    async Record(request) {
      const { events } = validRequest(recordSchema, request);
      return { recorded: await service.record(events) };
    },

    async Search(request, ctx) {
      const principal = requirePrincipal(ctx);
      requirePermissions(principal.permissions, 'audit:read');
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
