// Original file: proto/coffer/v1/auth.proto


export interface OrgSettings {
  'requireTwoFactor'?: (boolean);
}

export interface OrgSettings__Output {
  'requireTwoFactor': (boolean);
}
