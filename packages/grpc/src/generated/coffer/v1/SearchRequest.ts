// Original file: proto/coffer/v1/audit.proto


export interface SearchRequest {
  'action'?: (string);
  'resourcePrefix'?: (string);
  'limit'?: (number);
}

export interface SearchRequest__Output {
  'action': (string);
  'resourcePrefix': (string);
  'limit': (number);
}
