export { buildProgram } from './program.js';
export { EXIT, CliError } from './errors.js';
export { sealToken, openToken, configPaths } from './config.js';
