// Original file: proto/coffer/v1/auth.proto


export interface CreateProjectRequest {
  'slug'?: (string);
  'name'?: (string);
}

export interface CreateProjectRequest__Output {
  'slug': (string);
  'name': (string);
}
