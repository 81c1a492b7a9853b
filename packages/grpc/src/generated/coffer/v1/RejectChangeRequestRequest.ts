// Original file: proto/coffer/v1/secret.proto

import type { Scope as _coffer_v1_Scope, Scope__Output as _coffer_v1_Scope__Output } from '../../coffer/v1/Scope.js';

export interface RejectChangeRequestRequest {
  'scope'?: (_coffer_v1_Scope | null);
  'id'?: (string);
  'reason'?: (string);
}

export interface RejectChangeRequestRequest__Output {
  'scope': (_coffer_v1_Scope__Output | null);
  'id': (string);
  'reason': (string);
}
