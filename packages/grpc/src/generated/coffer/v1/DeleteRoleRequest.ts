// Original file: proto/coffer/v1/auth.proto


export interface DeleteRoleRequest {
  'name'?: (string);
}

export interface DeleteRoleRequest__Output {
  'name': (string);
}
