export { FORMATS, parseDocument, serializeDocument, type Format } from './document.js';
export { DocumentError } from './document-error.js';
export { parseEnv, serializeEnv } from './env.js';
export { parseJson, serializeJson } from './json.js';
export { parseYaml, serializeYaml } from './yaml.js';
