export { ConfigError, loadConfig } from './load-config.js';
export type { Config } from './schema.js';
