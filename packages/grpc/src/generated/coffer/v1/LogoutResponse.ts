// Original file: proto/coffer/v1/auth.proto


export interface LogoutResponse {
  'revoked'?: (boolean);
}

export interface LogoutResponse__Output {
  'revoked': (boolean);
}
