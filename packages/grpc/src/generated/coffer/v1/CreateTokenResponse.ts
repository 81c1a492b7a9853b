// Original file: proto/coffer/v1/auth.proto

import type { IssuedToken as _coffer_v1_IssuedToken, IssuedToken__Output as _coffer_v1_IssuedToken__Output } from '../../coffer/v1/IssuedToken.js';

export interface CreateTokenResponse {
  'token'?: (_coffer_v1_IssuedToken | null);
}

export interface CreateTokenResponse__Output {
  'token': (_coffer_v1_IssuedToken__Output | null);
}
