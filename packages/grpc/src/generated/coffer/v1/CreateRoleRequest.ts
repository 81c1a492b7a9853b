// Original file: proto/coffer/v1/auth.proto


export interface CreateRoleRequest {
  'name'?: (string);
  'description'?: (string);
  'permissions'?: (string)[];
}

export interface CreateRoleRequest__Output {
  'name': (string);
  'description': (string);
  'permissions': (string)[];
}
