// Original file: proto/coffer/v1/auth.proto


export interface DisableTwoFactorRequest {
  'code'?: (string);
}

export interface DisableTwoFactorRequest__Output {
  'code': (string);
}
