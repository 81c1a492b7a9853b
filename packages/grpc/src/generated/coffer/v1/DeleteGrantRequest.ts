// Original file: proto/coffer/v1/auth.proto


export interface DeleteGrantRequest {
  'grantId'?: (string);
}

export interface DeleteGrantRequest__Output {
  'grantId': (string);
}
