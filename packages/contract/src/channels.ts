/**
 * Pub/sub channel on which the Auth service announces revoked credentials, by the id principals
 * carry (`tokenId`: an API token's id, or a session's): every gateway evicts what it cached for it.
 */
export const TOKEN_REVOKED_CHANNEL = 'auth.token-revoked';

/**
 * A message on TOKEN_REVOKED_CHANNEL that drops every cached principal of one organisation (by its
 * id): a policy changed that those principals were decided under (two-factor required).
 */
export const orgRevocationMessage = (orgId: string): string => `org:${orgId}`;
export const ORG_REVOCATION_PREFIX = 'org:';
