// Original file: proto/coffer/v1/secret.proto


export interface InjectResponse {
  'values'?: ({[key: string]: string});
  'removed'?: (string)[];
  'etag'?: (string);
  'notModified'?: (boolean);
}

export interface InjectResponse__Output {
  'values': ({[key: string]: string});
  'removed': (string)[];
  'etag': (string);
  'notModified': (boolean);
}
