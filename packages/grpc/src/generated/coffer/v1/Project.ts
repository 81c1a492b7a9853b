// Original file: proto/coffer/v1/auth.proto


export interface Project {
  'id'?: (string);
  'orgId'?: (string);
  'slug'?: (string);
  'name'?: (string);
  'createdAt'?: (string);
}

export interface Project__Output {
  'id': (string);
  'orgId': (string);
  'slug': (string);
  'name': (string);
  'createdAt': (string);
}
