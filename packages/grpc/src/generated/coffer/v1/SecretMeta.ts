// Original file: proto/coffer/v1/secret.proto


export interface SecretMeta {
  'id'?: (string);
  'key'?: (string);
  'type'?: (string);
  'version'?: (number);
  'description'?: (string);
  'deleted'?: (boolean);
  'createdAt'?: (string);
  'updatedAt'?: (string);
  'updatedBy'?: (string);
}

export interface SecretMeta__Output {
  'id': (string);
  'key': (string);
  'type': (string);
  'version': (number);
  'description': (string);
  'deleted': (boolean);
  'createdAt': (string);
  'updatedAt': (string);
  'updatedBy': (string);
}
