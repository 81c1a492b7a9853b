import type { Knex } from '@coffer/db';
import { addService, loadCofferPackage, type AddServiceOptions, type Server } from '@coffer/grpc';
import { auditHandlers } from './audit-grpc.js';
import { createAuditService } from './audit-service.js';
import { createAuditStore } from './audit-store.js';

export const AUDIT_SERVICE_NAME = 'coffer.v1.AuditService';

export interface AuditModuleDeps {
  knex: Knex;
  /** Error reporting, call accounting and principal verification for the gRPC adapter. */
  grpc: AddServiceOptions;
}

export function registerAuditService(server: Server, deps: AuditModuleDeps) {
  const service = createAuditService({ knex: deps.knex, store: createAuditStore() });
  addService(server, loadCofferPackage().coffer.v1.AuditService.service, auditHandlers(service), deps.grpc);
  return { service };
}
