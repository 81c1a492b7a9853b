// Original file: proto/coffer/v1/auth.proto


export interface Role {
  'id'?: (string);
  'name'?: (string);
  'scope'?: (string);
  'description'?: (string);
  'permissions'?: (string)[];
  'builtin'?: (boolean);
  'createdAt'?: (string);
}

export interface Role__Output {
  'id': (string);
  'name': (string);
  'scope': (string);
  'description': (string);
  'permissions': (string)[];
  'builtin': (boolean);
  'createdAt': (string);
}
