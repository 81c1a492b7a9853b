// Original file: proto/coffer/v1/auth.proto


export interface DeleteServiceAccountRequest {
  'name'?: (string);
}

export interface DeleteServiceAccountRequest__Output {
  'name': (string);
}
