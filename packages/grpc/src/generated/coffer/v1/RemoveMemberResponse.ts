// Original file: proto/coffer/v1/auth.proto


export interface RemoveMemberResponse {
  'removed'?: (boolean);
}

export interface RemoveMemberResponse__Output {
  'removed': (boolean);
}
