// Original file: proto/coffer/v1/auth.proto

import type { Organization as _coffer_v1_Organization, Organization__Output as _coffer_v1_Organization__Output } from '../../coffer/v1/Organization.js';
import type { User as _coffer_v1_User, User__Output as _coffer_v1_User__Output } from '../../coffer/v1/User.js';

export interface AcceptInvitationResponse {
  'org'?: (_coffer_v1_Organization | null);
  'role'?: (string);
  'user'?: (_coffer_v1_User | null);
}

export interface AcceptInvitationResponse__Output {
  'org': (_coffer_v1_Organization__Output | null);
  'role': (string);
  'user': (_coffer_v1_User__Output | null);
}
