export { registerAuthService, AUTH_SERVICE_NAME, TOKEN_REVOKED_CHANNEL, type AuthModuleDeps } from './module.js';
export { createAuthService, DEFAULT_ENVIRONMENTS, type AuthService, type Principal } from './auth-service.js';
export { createAuthStore } from './auth-store.js';
export { generateToken, hashToken, isWellFormedToken, TOKEN_PREFIX } from './tokens.js';
