// Original file: proto/coffer/v1/auth.proto

import type { SessionTokens as _coffer_v1_SessionTokens, SessionTokens__Output as _coffer_v1_SessionTokens__Output } from '../../coffer/v1/SessionTokens.js';

export interface LoginResponse {
  'secondFactorRequired'?: (boolean);
  'challenge'?: (string);
  'tokens'?: (_coffer_v1_SessionTokens | null);
}

export interface LoginResponse__Output {
  'secondFactorRequired': (boolean);
  'challenge': (string);
  'tokens': (_coffer_v1_SessionTokens__Output | null);
}
