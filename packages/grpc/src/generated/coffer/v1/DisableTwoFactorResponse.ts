// Original file: proto/coffer/v1/auth.proto


export interface DisableTwoFactorResponse {
  'disabled'?: (boolean);
}

export interface DisableTwoFactorResponse__Output {
  'disabled': (boolean);
}
