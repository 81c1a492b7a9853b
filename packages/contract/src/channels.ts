/** Pub/sub channel on which the Auth service announces revoked token hashes; every gateway evicts its cache entry. */
export const TOKEN_REVOKED_CHANNEL = 'auth.token-revoked';
