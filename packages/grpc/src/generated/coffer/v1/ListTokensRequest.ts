// Original file: proto/coffer/v1/auth.proto


export interface ListTokensRequest {
  'includeRevoked'?: (boolean);
}

export interface ListTokensRequest__Output {
  'includeRevoked': (boolean);
}
