export { ConfigError, loadSlices, type LoadSlicesOptions } from './load-config.js';
export { defineSlice, type ConfigSlice, type ConfigOf, type Problem } from './slice.js';
export * from './variables.js';
