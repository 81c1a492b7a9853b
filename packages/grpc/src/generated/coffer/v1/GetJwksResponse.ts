// Original file: proto/coffer/v1/auth.proto


export interface GetJwksResponse {
  'jwksJson'?: (string);
  'issuer'?: (string);
}

export interface GetJwksResponse__Output {
  'jwksJson': (string);
  'issuer': (string);
}
