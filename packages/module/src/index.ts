export { defineModule, readyWhen, type ModuleContext, type ModuleDescriptor, type RequirementContext, type StartedModule } from './module.js';
export { platformSlice, LOG_LEVELS, type PlatformSettings } from './platform-settings.js';
export { embeddedKey } from './embedded-key.js';
