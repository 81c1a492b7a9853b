import { CofferError, requirePermissions, type AsyncHandlers, type AuditServiceHandlers } from '@coffer/grpc';
import type { AuditService } from './audit-service.js';

const MAX_BATCH = 5000;
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/** gRPC edge of the Audit service. */
export function auditHandlers(service: AuditService): AsyncHandlers<AuditServiceHandlers> {
  return {
    async Record(request) {
      if (request.events.length > MAX_BATCH) {
        throw new CofferError('INVALID_ARGUMENT', `events: at most ${MAX_BATCH} per batch`, { details: { field: 'events' } });
      }
      for (const [index, event] of request.events.entries()) {
        if (!event.orgId || !event.action || !event.resource || Number.isNaN(Date.parse(event.occurredAt))) {
          throw new CofferError('INVALID_ARGUMENT', `events.${index}: orgId, action, resource and occurredAt are required`, {
            details: { field: `events.${index}` },
          });
        }
      }
      return { recorded: await service.record(request.events) };
    },

    async Search(request, ctx) {
      if (!ctx.principal) throw new CofferError('UNAUTHENTICATED', 'call carries no principal');
      requirePermissions(ctx.principal.permissions, 'audit:read');
      const limit = Math.min(request.limit || DEFAULT_LIMIT, MAX_LIMIT);
      const events = await service.search(ctx.principal.orgId, {
        action: request.action || undefined,
        resourcePrefix: request.resourcePrefix || undefined,
        limit,
      });
      return { events };
    },
  };
}
