// Original file: proto/coffer/v1/auth.proto


export interface ConfirmTwoFactorResponse {
  'recoveryCodes'?: (string)[];
}

export interface ConfirmTwoFactorResponse__Output {
  'recoveryCodes': (string)[];
}
