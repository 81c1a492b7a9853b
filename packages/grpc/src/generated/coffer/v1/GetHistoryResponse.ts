// Original file: proto/coffer/v1/secret.proto

import type { VersionMeta as _coffer_v1_VersionMeta, VersionMeta__Output as _coffer_v1_VersionMeta__Output } from '../../coffer/v1/VersionMeta.js';

export interface GetHistoryResponse {
  'key'?: (string);
  'versions'?: (_coffer_v1_VersionMeta)[];
}

export interface GetHistoryResponse__Output {
  'key': (string);
  'versions': (_coffer_v1_VersionMeta__Output)[];
}
