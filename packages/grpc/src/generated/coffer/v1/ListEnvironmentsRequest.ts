// Original file: proto/coffer/v1/auth.proto


export interface ListEnvironmentsRequest {
  'projectSlug'?: (string);
}

export interface ListEnvironmentsRequest__Output {
  'projectSlug': (string);
}
