export type { Server } from '@grpc/grpc-js';
export * from './access.js';
export * from './client.js';
export { createInProcessChannel } from './in-process-channel.js';
export * from './error-status.js';
export type * from './generated/index.js';
export * from './health.js';
export * from './loader-options.js';
export * from './metadata.js';
// Named on purpose: `Principal` is the decoded principal of a call; it shadows the generated
// all-optional input type of the same name, which callers never need.
export type { Principal } from './metadata.js';
export * from './principal-assertion.js';
export * from './revocation-list.js';
export * from './proto-package.js';
export * from './server.js';
export * from './service-assertion.js';
export * from './signing-keys.js';
export * from './key-modules.js';
export * from './module-support.js';
