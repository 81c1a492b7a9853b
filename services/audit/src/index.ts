export { registerAuditService, AUDIT_SERVICE_NAME, type AuditModuleDeps } from './module.js';
export { createAuditService, type AuditService, type AuditEvent } from './audit-service.js';
export { createAuditStore } from './audit-store.js';
