// Original file: proto/coffer/v1/auth.proto

import type { Organization as _coffer_v1_Organization, Organization__Output as _coffer_v1_Organization__Output } from '../../coffer/v1/Organization.js';

export interface ListOrgsResponse {
  'orgs'?: (_coffer_v1_Organization)[];
}

export interface ListOrgsResponse__Output {
  'orgs': (_coffer_v1_Organization__Output)[];
}
