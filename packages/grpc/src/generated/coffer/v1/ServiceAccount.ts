// Original file: proto/coffer/v1/auth.proto


export interface ServiceAccount {
  'id'?: (string);
  'name'?: (string);
  'description'?: (string);
  'createdAt'?: (string);
  'createdBy'?: (string);
}

export interface ServiceAccount__Output {
  'id': (string);
  'name': (string);
  'description': (string);
  'createdAt': (string);
  'createdBy': (string);
}
