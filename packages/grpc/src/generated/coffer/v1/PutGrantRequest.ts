// Original file: proto/coffer/v1/auth.proto


export interface PutGrantRequest {
  'userId'?: (string);
  'email'?: (string);
  'project'?: (string);
  'environment'?: (string);
  'role'?: (string);
  'permissions'?: (string)[];
}

export interface PutGrantRequest__Output {
  'userId': (string);
  'email': (string);
  'project': (string);
  'environment': (string);
  'role': (string);
  'permissions': (string)[];
}
