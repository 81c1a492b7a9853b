// Original file: proto/coffer/v1/auth.proto


export interface UpdateEnvironmentRequest {
  'projectSlug'?: (string);
  'slug'?: (string);
  'protected'?: (boolean);
  '_protected'?: "protected";
}

export interface UpdateEnvironmentRequest__Output {
  'projectSlug': (string);
  'slug': (string);
  'protected'?: (boolean);
  '_protected'?: "protected";
}
