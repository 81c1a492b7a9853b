export { buildProgram } from './program.js';
export { EXIT, CliError } from './errors.js';
export { sealToken, openToken, configPaths, ConfigStore } from './config.js';
