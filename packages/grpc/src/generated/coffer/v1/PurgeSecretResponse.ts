// Original file: proto/coffer/v1/secret.proto

import type { ChangeRequestRef as _coffer_v1_ChangeRequestRef, ChangeRequestRef__Output as _coffer_v1_ChangeRequestRef__Output } from '../../coffer/v1/ChangeRequestRef.js';

export interface PurgeSecretResponse {
  'key'?: (string);
  'versionsPurged'?: (number);
  'changeRequest'?: (_coffer_v1_ChangeRequestRef | null);
}

export interface PurgeSecretResponse__Output {
  'key': (string);
  'versionsPurged': (number);
  'changeRequest': (_coffer_v1_ChangeRequestRef__Output | null);
}
