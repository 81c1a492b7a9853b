// Original file: proto/coffer/v1/auth.proto


export interface ReviewBreakGlassRequest {
  'id'?: (string);
  'note'?: (string);
}

export interface ReviewBreakGlassRequest__Output {
  'id': (string);
  'note': (string);
}
