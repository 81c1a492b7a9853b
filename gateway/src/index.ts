export { createGatewayApp, type GatewayDeps } from './app.js';
export { createAuditRecorder, type AuditRecorder, type AuditEventInput } from './audit-recorder.js';
export { createPrincipalCache, type PrincipalCache } from './principal-cache.js';
export { listen, type HttpServer } from './http-server.js';
export type { Backends } from './backends.js';
export { CHECKSUM_HEADER, integrityKey, requestChecksum } from './request-integrity.js';
