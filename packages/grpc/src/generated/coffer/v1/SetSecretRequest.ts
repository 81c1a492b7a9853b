// Original file: proto/coffer/v1/secret.proto

import type { Scope as _coffer_v1_Scope, Scope__Output as _coffer_v1_Scope__Output } from '../../coffer/v1/Scope.js';

export interface SetSecretRequest {
  'scope'?: (_coffer_v1_Scope | null);
  'key'?: (string);
  'value'?: (string);
  'type'?: (string);
  'description'?: (string);
  'expectedVersion'?: (number);
  '_description'?: "description";
  '_expectedVersion'?: "expectedVersion";
}

export interface SetSecretRequest__Output {
  'scope': (_coffer_v1_Scope__Output | null);
  'key': (string);
  'value': (string);
  'type': (string);
  'description'?: (string);
  'expectedVersion'?: (number);
  '_description'?: "description";
  '_expectedVersion'?: "expectedVersion";
}
