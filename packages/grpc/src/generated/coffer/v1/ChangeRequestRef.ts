// Original file: proto/coffer/v1/secret.proto


export interface ChangeRequestRef {
  'id'?: (string);
  'status'?: (string);
}

export interface ChangeRequestRef__Output {
  'id': (string);
  'status': (string);
}
