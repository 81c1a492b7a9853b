// Original file: proto/coffer/v1/secret.proto

import type { SecretMeta as _coffer_v1_SecretMeta, SecretMeta__Output as _coffer_v1_SecretMeta__Output } from '../../coffer/v1/SecretMeta.js';

export interface ListSecretsResponse {
  'secrets'?: (_coffer_v1_SecretMeta)[];
}

export interface ListSecretsResponse__Output {
  'secrets': (_coffer_v1_SecretMeta__Output)[];
}
