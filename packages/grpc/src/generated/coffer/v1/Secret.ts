// Original file: proto/coffer/v1/secret.proto

import type { SecretMeta as _coffer_v1_SecretMeta, SecretMeta__Output as _coffer_v1_SecretMeta__Output } from '../../coffer/v1/SecretMeta.js';
import type { ChangeRequestRef as _coffer_v1_ChangeRequestRef, ChangeRequestRef__Output as _coffer_v1_ChangeRequestRef__Output } from '../../coffer/v1/ChangeRequestRef.js';

export interface Secret {
  'meta'?: (_coffer_v1_SecretMeta | null);
  'value'?: (string);
  'changeRequest'?: (_coffer_v1_ChangeRequestRef | null);
  '_value'?: "value";
}

export interface Secret__Output {
  'meta': (_coffer_v1_SecretMeta__Output | null);
  'value'?: (string);
  'changeRequest': (_coffer_v1_ChangeRequestRef__Output | null);
  '_value'?: "value";
}
