// Original file: proto/coffer/v1/auth.proto

import type { Organization as _coffer_v1_Organization, Organization__Output as _coffer_v1_Organization__Output } from '../../coffer/v1/Organization.js';

export interface Membership {
  'org'?: (_coffer_v1_Organization | null);
  'role'?: (string);
}

export interface Membership__Output {
  'org': (_coffer_v1_Organization__Output | null);
  'role': (string);
}
