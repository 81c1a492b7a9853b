// Original file: proto/coffer/v1/auth.proto


export interface Grant {
  'project'?: (string);
  'environments'?: (string)[];
  'permissions'?: (string)[];
  'breakGlassId'?: (string);
}

export interface Grant__Output {
  'project': (string);
  'environments': (string)[];
  'permissions': (string)[];
  'breakGlassId': (string);
}
