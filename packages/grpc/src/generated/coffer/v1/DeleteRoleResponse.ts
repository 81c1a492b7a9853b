// Original file: proto/coffer/v1/auth.proto


export interface DeleteRoleResponse {
  'deleted'?: (boolean);
}

export interface DeleteRoleResponse__Output {
  'deleted': (boolean);
}
