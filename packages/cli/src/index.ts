export { buildProgram } from './program.js';
export { EXIT, CliError } from './errors.js';
export { isDangerousName, DANGEROUS_EXACT_NAMES, DANGEROUS_PREFIXES } from './dangerous-names.js';
export { sealToken, openToken, configPaths } from './config.js';
