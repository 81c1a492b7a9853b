// Original file: proto/coffer/v1/secret.proto

import type { Scope as _coffer_v1_Scope, Scope__Output as _coffer_v1_Scope__Output } from '../../coffer/v1/Scope.js';
import type { ImportEntry as _coffer_v1_ImportEntry, ImportEntry__Output as _coffer_v1_ImportEntry__Output } from '../../coffer/v1/ImportEntry.js';

export interface ImportSecretsRequest {
  'scope'?: (_coffer_v1_Scope | null);
  'entries'?: (_coffer_v1_ImportEntry)[];
  'dryRun'?: (boolean);
}

export interface ImportSecretsRequest__Output {
  'scope': (_coffer_v1_Scope__Output | null);
  'entries': (_coffer_v1_ImportEntry__Output)[];
  'dryRun': (boolean);
}
