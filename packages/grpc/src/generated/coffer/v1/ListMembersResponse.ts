// Original file: proto/coffer/v1/auth.proto

import type { Member as _coffer_v1_Member, Member__Output as _coffer_v1_Member__Output } from '../../coffer/v1/Member.js';

export interface ListMembersResponse {
  'members'?: (_coffer_v1_Member)[];
}

export interface ListMembersResponse__Output {
  'members': (_coffer_v1_Member__Output)[];
}
