// Original file: proto/coffer/v1/auth.proto


export interface CreateServiceAccountRequest {
  'name'?: (string);
  'description'?: (string);
}

export interface CreateServiceAccountRequest__Output {
  'name': (string);
  'description': (string);
}
