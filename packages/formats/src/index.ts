export { FORMATS, parseDocument, parseDocumentEntries, serializeDocument, type Format } from './document.js';
export { DocumentError } from './document-error.js';
export { keysWithoutDotenvSpelling } from './dotenv.js';
export type { DocumentEntry } from './entries.js';
export { dotenvMisreadKeys } from './env.js';
