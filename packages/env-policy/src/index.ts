export { isDangerousName, DANGEROUS_EXACT_NAMES, DANGEROUS_PREFIXES } from './dangerous-names.js';
