// Original file: proto/coffer/v1/auth.proto


export interface DeleteGrantResponse {
  'deleted'?: (boolean);
}

export interface DeleteGrantResponse__Output {
  'deleted': (boolean);
}
