// Original file: proto/coffer/v1/auth.proto


export interface Invitation {
  'id'?: (string);
  'email'?: (string);
  'role'?: (string);
  'expiresAt'?: (string);
  'createdAt'?: (string);
}

export interface Invitation__Output {
  'id': (string);
  'email': (string);
  'role': (string);
  'expiresAt': (string);
  'createdAt': (string);
}
