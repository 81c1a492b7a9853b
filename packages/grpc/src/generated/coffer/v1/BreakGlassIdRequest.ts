// Original file: proto/coffer/v1/auth.proto


export interface BreakGlassIdRequest {
  'id'?: (string);
}

export interface BreakGlassIdRequest__Output {
  'id': (string);
}
