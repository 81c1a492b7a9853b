// Original file: proto/coffer/v1/auth.proto


export interface RevokeSessionRequest {
  'sessionId'?: (string);
}

export interface RevokeSessionRequest__Output {
  'sessionId': (string);
}
