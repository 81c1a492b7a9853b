// Original file: proto/coffer/v1/secret.proto


export interface ImportWritten {
  'key'?: (string);
  'version'?: (number);
}

export interface ImportWritten__Output {
  'key': (string);
  'version': (number);
}
