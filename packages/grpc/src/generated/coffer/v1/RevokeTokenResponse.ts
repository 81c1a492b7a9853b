// Original file: proto/coffer/v1/auth.proto


export interface RevokeTokenResponse {
  'revoked'?: (boolean);
}

export interface RevokeTokenResponse__Output {
  'revoked': (boolean);
}
