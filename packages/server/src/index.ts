export { startPlatform, type Platform, type PlatformOptions } from './platform.js';
export { parseTargets, startOrder, describeTargets, MODULES, TargetError, type ModuleName } from './targets.js';
export { bootstrapEmbedded, ADMIN_TOKEN_FILE } from './first-run.js';
export { resolveMasterKey, MASTER_KEY_FILE } from './master-key.js';
