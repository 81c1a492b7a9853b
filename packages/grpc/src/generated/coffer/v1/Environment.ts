// Original file: proto/coffer/v1/auth.proto


export interface Environment {
  'id'?: (string);
  'projectId'?: (string);
  'slug'?: (string);
  'name'?: (string);
  'createdAt'?: (string);
  'protected'?: (boolean);
}

export interface Environment__Output {
  'id': (string);
  'projectId': (string);
  'slug': (string);
  'name': (string);
  'createdAt': (string);
  'protected': (boolean);
}
