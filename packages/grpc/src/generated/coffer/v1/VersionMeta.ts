// Original file: proto/coffer/v1/secret.proto


export interface VersionMeta {
  'version'?: (number);
  'type'?: (string);
  'description'?: (string);
  'createdAt'?: (string);
  'createdBy'?: (string);
  'kmsKeyVersion'?: (number);
}

export interface VersionMeta__Output {
  'version': (number);
  'type': (string);
  'description': (string);
  'createdAt': (string);
  'createdBy': (string);
  'kmsKeyVersion': (number);
}
