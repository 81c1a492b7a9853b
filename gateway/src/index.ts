export { createGatewayApp, type GatewayDeps } from './app.js';
export { createAuditRecorder, type AuditRecorder, type AuditEventInput, type AuditGroup } from './audit-recorder.js';
export { createPrincipalCache, type PrincipalCache } from './principal-cache.js';
export { listen, type HttpServer } from './http-server.js';
export { gatewayModule, gatewaySlice, type GatewayExports } from './module.js';
export type { Backends } from './backends.js';
export { ROUTES } from './routes/index.js';
export { SCOPE_PATH } from './routes/secrets.js';
export type { Route, RouteAnswer, RouteInput } from './route.js';
