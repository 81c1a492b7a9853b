// Original file: proto/coffer/v1/auth.proto


export interface CreateOrgRequest {
  'slug'?: (string);
  'name'?: (string);
}

export interface CreateOrgRequest__Output {
  'slug': (string);
  'name': (string);
}
