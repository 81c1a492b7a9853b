// Original file: proto/coffer/v1/secret.proto

import type { SecretMeta as _coffer_v1_SecretMeta, SecretMeta__Output as _coffer_v1_SecretMeta__Output } from '../../coffer/v1/SecretMeta.js';

export interface Secret {
  'meta'?: (_coffer_v1_SecretMeta | null);
  'value'?: (string);
  '_value'?: "value";
}

export interface Secret__Output {
  'meta': (_coffer_v1_SecretMeta__Output | null);
  'value'?: (string);
  '_value'?: "value";
}
