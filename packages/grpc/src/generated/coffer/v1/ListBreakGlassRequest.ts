// Original file: proto/coffer/v1/auth.proto


export interface ListBreakGlassRequest {
  'needsReview'?: (boolean);
}

export interface ListBreakGlassRequest__Output {
  'needsReview': (boolean);
}
