// Original file: proto/coffer/v1/secret.proto

import type { VersionMeta as _coffer_v1_VersionMeta, VersionMeta__Output as _coffer_v1_VersionMeta__Output } from '../../coffer/v1/VersionMeta.js';

export interface DiffVersionsResponse {
  'key'?: (string);
  'from'?: (_coffer_v1_VersionMeta | null);
  'to'?: (_coffer_v1_VersionMeta | null);
  'valueChanged'?: (boolean);
  'typeChanged'?: (boolean);
  'descriptionChanged'?: (boolean);
  'fromValue'?: (string);
  'toValue'?: (string);
  '_fromValue'?: "fromValue";
  '_toValue'?: "toValue";
}

export interface DiffVersionsResponse__Output {
  'key': (string);
  'from': (_coffer_v1_VersionMeta__Output | null);
  'to': (_coffer_v1_VersionMeta__Output | null);
  'valueChanged': (boolean);
  'typeChanged': (boolean);
  'descriptionChanged': (boolean);
  'fromValue'?: (string);
  'toValue'?: (string);
  '_fromValue'?: "fromValue";
  '_toValue'?: "toValue";
}
