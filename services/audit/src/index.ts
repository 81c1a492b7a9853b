export { auditModule } from './module.js';
export { auditAccess, auditHandlers } from './audit-grpc.js';
export { createAuditService, type AuditService, type AuditEvent } from './audit-service.js';
export { createAuditStore } from './audit-store.js';
