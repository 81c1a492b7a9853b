// Original file: proto/coffer/v1/auth.proto


export interface RevokeSessionResponse {
  'revoked'?: (boolean);
}

export interface RevokeSessionResponse__Output {
  'revoked': (boolean);
}
