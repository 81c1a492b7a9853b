/**
 * RFC 8414 authorization server metadata: where a client finds the keys that sign access tokens.
 * Coffer is not an OpenID provider (it signs people in through them), so this is the OAuth
 * document, not `openid-configuration`; it names an endpoint only once it speaks the OAuth protocol.
 */
export function authorizationServerMetadata(issuer: string) {
  return {
    issuer,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    // No authorization endpoint: people sign in at the API (or the approval page), not by redirect.
    response_types_supported: [],
    // RFC 8628 §4: the device authorization grant, the one OAuth grant the token endpoint serves.
    device_authorization_endpoint: `${issuer}/api/v1/auth/device/code`,
    token_endpoint: `${issuer}/api/v1/auth/device/token`,
    grant_types_supported: ['urn:ietf:params:oauth:grant-type:device_code'],
    token_endpoint_auth_methods_supported: ['none'],
  };
}
