// Original file: proto/coffer/v1/auth.proto


export interface TwoFactorStatus {
  'enabled'?: (boolean);
  'pending'?: (boolean);
  'recoveryCodesLeft'?: (number);
}

export interface TwoFactorStatus__Output {
  'enabled': (boolean);
  'pending': (boolean);
  'recoveryCodesLeft': (number);
}
