// Original file: proto/coffer/v1/secret.proto


export interface InjectResponse {
  'values'?: ({[key: string]: string});
  'removed'?: (string)[];
}

export interface InjectResponse__Output {
  'values': ({[key: string]: string});
  'removed': (string)[];
}
