// Original file: proto/coffer/v1/auth.proto

import type { User as _coffer_v1_User, User__Output as _coffer_v1_User__Output } from '../../coffer/v1/User.js';
import type { Membership as _coffer_v1_Membership, Membership__Output as _coffer_v1_Membership__Output } from '../../coffer/v1/Membership.js';
import type { TokenIdentity as _coffer_v1_TokenIdentity, TokenIdentity__Output as _coffer_v1_TokenIdentity__Output } from '../../coffer/v1/TokenIdentity.js';

export interface WhoAmIResponse {
  'kind'?: (string);
  'user'?: (_coffer_v1_User | null);
  'memberships'?: (_coffer_v1_Membership)[];
  'sessionId'?: (string);
  'token'?: (_coffer_v1_TokenIdentity | null);
}

export interface WhoAmIResponse__Output {
  'kind': (string);
  'user': (_coffer_v1_User__Output | null);
  'memberships': (_coffer_v1_Membership__Output)[];
  'sessionId': (string);
  'token': (_coffer_v1_TokenIdentity__Output | null);
}
