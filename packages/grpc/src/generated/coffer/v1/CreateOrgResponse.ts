// Original file: proto/coffer/v1/auth.proto

import type { Organization as _coffer_v1_Organization, Organization__Output as _coffer_v1_Organization__Output } from '../../coffer/v1/Organization.js';
import type { IssuedToken as _coffer_v1_IssuedToken, IssuedToken__Output as _coffer_v1_IssuedToken__Output } from '../../coffer/v1/IssuedToken.js';

export interface CreateOrgResponse {
  'org'?: (_coffer_v1_Organization | null);
  'token'?: (_coffer_v1_IssuedToken | null);
}

export interface CreateOrgResponse__Output {
  'org': (_coffer_v1_Organization__Output | null);
  'token': (_coffer_v1_IssuedToken__Output | null);
}
