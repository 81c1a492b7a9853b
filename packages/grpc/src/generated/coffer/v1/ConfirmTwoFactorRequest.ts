// Original file: proto/coffer/v1/auth.proto


export interface ConfirmTwoFactorRequest {
  'code'?: (string);
}

export interface ConfirmTwoFactorRequest__Output {
  'code': (string);
}
