// Original file: proto/coffer/v1/auth.proto


export interface Organization {
  'id'?: (string);
  'slug'?: (string);
  'name'?: (string);
  'createdAt'?: (string);
}

export interface Organization__Output {
  'id': (string);
  'slug': (string);
  'name': (string);
  'createdAt': (string);
}
