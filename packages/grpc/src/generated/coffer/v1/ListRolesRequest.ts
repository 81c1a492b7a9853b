// Original file: proto/coffer/v1/auth.proto


export interface ListRolesRequest {
  'scope'?: (string);
}

export interface ListRolesRequest__Output {
  'scope': (string);
}
