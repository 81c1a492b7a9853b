// Original file: proto/coffer/v1/auth.proto


export interface CreateTokenRequest {
  'name'?: (string);
  'permissions'?: (string)[];
}

export interface CreateTokenRequest__Output {
  'name': (string);
  'permissions': (string)[];
}
