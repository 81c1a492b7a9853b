// Original file: proto/coffer/v1/auth.proto


export interface SignupResponse {
  'message'?: (string);
}

export interface SignupResponse__Output {
  'message': (string);
}
