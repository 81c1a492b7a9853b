/**
 * The contract without its zod schemas, for clients that must start fast (the coffer CLI through
 * tsx would load zod on every run): `@coffer/contract/rules`.
 */
export * from './errors.js';
export * from './permissions.js';
export * from './slugs.js';
export * from './secrets.js';
export * from './envelope.js';
export * from './checksum.js';
export * from './channels.js';
export * from './text.js';
export * from './strict-json.js';
export * from './formats.js';
export * from './entity-tags.js';
export * from './identity.js';
export * from './networks.js';
