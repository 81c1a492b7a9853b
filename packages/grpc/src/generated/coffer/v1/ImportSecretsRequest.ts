// Original file: proto/coffer/v1/secret.proto

import type { Scope as _coffer_v1_Scope, Scope__Output as _coffer_v1_Scope__Output } from '../../coffer/v1/Scope.js';
import type { ImportEntry as _coffer_v1_ImportEntry, ImportEntry__Output as _coffer_v1_ImportEntry__Output } from '../../coffer/v1/ImportEntry.js';
import type { ImportPlanKeys as _coffer_v1_ImportPlanKeys, ImportPlanKeys__Output as _coffer_v1_ImportPlanKeys__Output } from '../../coffer/v1/ImportPlanKeys.js';

export interface ImportSecretsRequest {
  'scope'?: (_coffer_v1_Scope | null);
  'entries'?: (_coffer_v1_ImportEntry)[];
  'dryRun'?: (boolean);
  'expectedPlan'?: (_coffer_v1_ImportPlanKeys | null);
  'writeAll'?: (boolean);
}

export interface ImportSecretsRequest__Output {
  'scope': (_coffer_v1_Scope__Output | null);
  'entries': (_coffer_v1_ImportEntry__Output)[];
  'dryRun': (boolean);
  'expectedPlan': (_coffer_v1_ImportPlanKeys__Output | null);
  'writeAll': (boolean);
}
