// Original file: proto/coffer/v1/secret.proto


export interface ImportEntry {
  'key'?: (string);
  'value'?: (string);
  'type'?: (string);
  'description'?: (string);
  '_description'?: "description";
}

export interface ImportEntry__Output {
  'key': (string);
  'value': (string);
  'type': (string);
  'description'?: (string);
  '_description'?: "description";
}
