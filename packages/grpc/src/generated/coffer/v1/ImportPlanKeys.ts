// Original file: proto/coffer/v1/secret.proto


export interface ImportPlanKeys {
  'created'?: (string)[];
  'updated'?: (string)[];
  'unchanged'?: (string)[];
}

export interface ImportPlanKeys__Output {
  'created': (string)[];
  'updated': (string)[];
  'unchanged': (string)[];
}
