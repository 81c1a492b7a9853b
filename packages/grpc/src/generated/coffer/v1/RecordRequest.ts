// Original file: proto/coffer/v1/audit.proto

import type { RecordGroup as _coffer_v1_RecordGroup, RecordGroup__Output as _coffer_v1_RecordGroup__Output } from '../../coffer/v1/RecordGroup.js';

export interface RecordRequest {
  'groups'?: (_coffer_v1_RecordGroup)[];
}

export interface RecordRequest__Output {
  'groups': (_coffer_v1_RecordGroup__Output)[];
}
