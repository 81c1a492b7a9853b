export { startPlatform, configure, type Platform, type PlatformOptions } from './runner.js';
export { createRegistry, parseTargets, startOrder, describeTargets, TargetError, type Registry } from './registry.js';
export { MODULES } from './modules.js';
export { bootstrapEmbedded, firstRunModule, ADMIN_TOKEN_FILE } from './first-run.js';
export { serve } from './serve.js';
