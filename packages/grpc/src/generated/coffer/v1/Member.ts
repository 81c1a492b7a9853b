// Original file: proto/coffer/v1/auth.proto


export interface Member {
  'userId'?: (string);
  'email'?: (string);
  'name'?: (string);
  'role'?: (string);
  'breakGlass'?: (boolean);
  'twoFactorEnabled'?: (boolean);
  'joinedAt'?: (string);
}

export interface Member__Output {
  'userId': (string);
  'email': (string);
  'name': (string);
  'role': (string);
  'breakGlass': (boolean);
  'twoFactorEnabled': (boolean);
  'joinedAt': (string);
}
