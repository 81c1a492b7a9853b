// Original file: proto/coffer/v1/auth.proto

import type { GrantRecord as _coffer_v1_GrantRecord, GrantRecord__Output as _coffer_v1_GrantRecord__Output } from '../../coffer/v1/GrantRecord.js';

export interface ListGrantsResponse {
  'grants'?: (_coffer_v1_GrantRecord)[];
}

export interface ListGrantsResponse__Output {
  'grants': (_coffer_v1_GrantRecord__Output)[];
}
