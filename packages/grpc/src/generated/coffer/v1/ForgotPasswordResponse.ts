// Original file: proto/coffer/v1/auth.proto


export interface ForgotPasswordResponse {
  'message'?: (string);
}

export interface ForgotPasswordResponse__Output {
  'message': (string);
}
