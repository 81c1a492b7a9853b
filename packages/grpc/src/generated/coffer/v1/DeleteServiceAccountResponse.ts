// Original file: proto/coffer/v1/auth.proto


export interface DeleteServiceAccountResponse {
  'deleted'?: (boolean);
}

export interface DeleteServiceAccountResponse__Output {
  'deleted': (boolean);
}
