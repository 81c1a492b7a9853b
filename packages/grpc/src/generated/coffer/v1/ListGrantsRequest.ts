// Original file: proto/coffer/v1/auth.proto


export interface ListGrantsRequest {
  'project'?: (string);
  'userId'?: (string);
}

export interface ListGrantsRequest__Output {
  'project': (string);
  'userId': (string);
}
