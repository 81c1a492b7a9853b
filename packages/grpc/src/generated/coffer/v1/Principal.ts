// Original file: proto/coffer/v1/auth.proto


export interface Principal {
  'tokenId'?: (string);
  'orgId'?: (string);
  'orgSlug'?: (string);
  'name'?: (string);
  'permissions'?: (string)[];
  'actorType'?: (string);
  'assertion'?: (string);
  'userId'?: (string);
}

export interface Principal__Output {
  'tokenId': (string);
  'orgId': (string);
  'orgSlug': (string);
  'name': (string);
  'permissions': (string)[];
  'actorType': (string);
  'assertion': (string);
  'userId': (string);
}
