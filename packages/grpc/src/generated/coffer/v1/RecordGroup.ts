// Original file: proto/coffer/v1/audit.proto

import type { AuditEvent as _coffer_v1_AuditEvent, AuditEvent__Output as _coffer_v1_AuditEvent__Output } from '../../coffer/v1/AuditEvent.js';

export interface RecordGroup {
  'principal'?: (string);
  'events'?: (_coffer_v1_AuditEvent)[];
}

export interface RecordGroup__Output {
  'principal': (string);
  'events': (_coffer_v1_AuditEvent__Output)[];
}
