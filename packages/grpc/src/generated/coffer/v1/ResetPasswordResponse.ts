// Original file: proto/coffer/v1/auth.proto


export interface ResetPasswordResponse {
  'reset'?: (boolean);
}

export interface ResetPasswordResponse__Output {
  'reset': (boolean);
}
