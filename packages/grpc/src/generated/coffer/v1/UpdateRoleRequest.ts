// Original file: proto/coffer/v1/auth.proto


export interface UpdateRoleRequest {
  'name'?: (string);
  'description'?: (string);
  'permissions'?: (string)[];
  '_description'?: "description";
}

export interface UpdateRoleRequest__Output {
  'name': (string);
  'description'?: (string);
  'permissions': (string)[];
  '_description'?: "description";
}
