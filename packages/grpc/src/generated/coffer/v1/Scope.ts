// Original file: proto/coffer/v1/secret.proto


export interface Scope {
  'project'?: (string);
  'environment'?: (string);
}

export interface Scope__Output {
  'project': (string);
  'environment': (string);
}
