// Original file: proto/coffer/v1/secret.proto

import type { Scope as _coffer_v1_Scope, Scope__Output as _coffer_v1_Scope__Output } from '../../coffer/v1/Scope.js';

export interface DiffVersionsRequest {
  'scope'?: (_coffer_v1_Scope | null);
  'key'?: (string);
  'from'?: (number);
  'to'?: (number);
  'reveal'?: (boolean);
}

export interface DiffVersionsRequest__Output {
  'scope': (_coffer_v1_Scope__Output | null);
  'key': (string);
  'from': (number);
  'to': (number);
  'reveal': (boolean);
}
