// Original file: proto/coffer/v1/auth.proto


export interface AuthenticateRequest {
  'token'?: (string);
  'orgSlug'?: (string);
  'clientIp'?: (string);
}

export interface AuthenticateRequest__Output {
  'token': (string);
  'orgSlug': (string);
  'clientIp': (string);
}
