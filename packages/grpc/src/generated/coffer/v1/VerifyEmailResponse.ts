// Original file: proto/coffer/v1/auth.proto


export interface VerifyEmailResponse {
  'verified'?: (boolean);
}

export interface VerifyEmailResponse__Output {
  'verified': (boolean);
}
