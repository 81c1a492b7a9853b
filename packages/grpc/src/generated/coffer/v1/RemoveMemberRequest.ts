// Original file: proto/coffer/v1/auth.proto


export interface RemoveMemberRequest {
  'userId'?: (string);
}

export interface RemoveMemberRequest__Output {
  'userId': (string);
}
