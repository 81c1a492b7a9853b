// Original file: proto/coffer/v1/auth.proto


export interface CreateEnvironmentRequest {
  'projectSlug'?: (string);
  'slug'?: (string);
  'name'?: (string);
}

export interface CreateEnvironmentRequest__Output {
  'projectSlug': (string);
  'slug': (string);
  'name': (string);
}
