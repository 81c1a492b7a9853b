// Original file: proto/coffer/v1/auth.proto

import type { Grant as _coffer_v1_Grant, Grant__Output as _coffer_v1_Grant__Output } from '../../coffer/v1/Grant.js';

export interface Principal {
  'tokenId'?: (string);
  'orgId'?: (string);
  'orgSlug'?: (string);
  'name'?: (string);
  'permissions'?: (string)[];
  'actorType'?: (string);
  'assertion'?: (string);
  'userId'?: (string);
  'grants'?: (_coffer_v1_Grant)[];
  'allowedCidrs'?: (string)[];
  'expiresAt'?: (string);
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
  'grants': (_coffer_v1_Grant__Output)[];
  'allowedCidrs': (string)[];
  'expiresAt': (string);
}
