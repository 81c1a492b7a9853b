// Original file: proto/coffer/v1/auth.proto

import type { Organization as _coffer_v1_Organization, Organization__Output as _coffer_v1_Organization__Output } from '../../coffer/v1/Organization.js';

export interface TokenIdentity {
  'id'?: (string);
  'name'?: (string);
  'permissions'?: (string)[];
  'org'?: (_coffer_v1_Organization | null);
}

export interface TokenIdentity__Output {
  'id': (string);
  'name': (string);
  'permissions': (string)[];
  'org': (_coffer_v1_Organization__Output | null);
}
