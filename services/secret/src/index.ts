export { registerSecretService, SECRET_SERVICE_NAME, type SecretModuleDeps } from './module.js';
export { createSecretService, type SecretService, type Caller, type Scope } from './secret-service.js';
export { createSecretStore } from './secret-store.js';
export { SECRET_TYPES, SECRET_KEY_PATTERN, valueProblem, type SecretType } from './secret-values.js';
