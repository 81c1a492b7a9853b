// Original file: proto/coffer/v1/auth.proto


export interface GrantRecord {
  'id'?: (string);
  'userId'?: (string);
  'email'?: (string);
  'project'?: (string);
  'environment'?: (string);
  'role'?: (string);
  'permissions'?: (string)[];
  'createdAt'?: (string);
  'createdBy'?: (string);
}

export interface GrantRecord__Output {
  'id': (string);
  'userId': (string);
  'email': (string);
  'project': (string);
  'environment': (string);
  'role': (string);
  'permissions': (string)[];
  'createdAt': (string);
  'createdBy': (string);
}
