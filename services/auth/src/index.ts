export { authModule } from './module.js';
export { authAccess, authHandlers } from './auth-grpc.js';
export { createAuthService, DEFAULT_ENVIRONMENTS, type AuthService, type Principal } from './auth-service.js';
export { createAuthStore } from './auth-store.js';
export { generateToken, hashToken, isWellFormedToken, TOKEN_PREFIX } from './tokens.js';
