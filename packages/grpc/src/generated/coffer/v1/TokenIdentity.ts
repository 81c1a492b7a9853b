// Original file: proto/coffer/v1/auth.proto

import type { Organization as _coffer_v1_Organization, Organization__Output as _coffer_v1_Organization__Output } from '../../coffer/v1/Organization.js';
import type { Grant as _coffer_v1_Grant, Grant__Output as _coffer_v1_Grant__Output } from '../../coffer/v1/Grant.js';

export interface TokenIdentity {
  'id'?: (string);
  'name'?: (string);
  'permissions'?: (string)[];
  'org'?: (_coffer_v1_Organization | null);
  'grants'?: (_coffer_v1_Grant)[];
  'expiresAt'?: (string);
}

export interface TokenIdentity__Output {
  'id': (string);
  'name': (string);
  'permissions': (string)[];
  'org': (_coffer_v1_Organization__Output | null);
  'grants': (_coffer_v1_Grant__Output)[];
  'expiresAt': (string);
}
