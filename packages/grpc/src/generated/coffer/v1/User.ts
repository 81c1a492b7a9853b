// Original file: proto/coffer/v1/auth.proto


export interface User {
  'id'?: (string);
  'email'?: (string);
  'name'?: (string);
  'emailVerified'?: (boolean);
  'twoFactorEnabled'?: (boolean);
  'createdAt'?: (string);
}

export interface User__Output {
  'id': (string);
  'email': (string);
  'name': (string);
  'emailVerified': (boolean);
  'twoFactorEnabled': (boolean);
  'createdAt': (string);
}
