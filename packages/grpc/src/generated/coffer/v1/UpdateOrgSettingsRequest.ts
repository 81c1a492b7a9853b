// Original file: proto/coffer/v1/auth.proto


export interface UpdateOrgSettingsRequest {
  'requireTwoFactor'?: (boolean);
  '_requireTwoFactor'?: "requireTwoFactor";
}

export interface UpdateOrgSettingsRequest__Output {
  'requireTwoFactor'?: (boolean);
  '_requireTwoFactor'?: "requireTwoFactor";
}
