// Original file: proto/coffer/v1/auth.proto

import type { ClientInfo as _coffer_v1_ClientInfo, ClientInfo__Output as _coffer_v1_ClientInfo__Output } from '../../coffer/v1/ClientInfo.js';

export interface ForgotPasswordRequest {
  'email'?: (string);
  'client'?: (_coffer_v1_ClientInfo | null);
}

export interface ForgotPasswordRequest__Output {
  'email': (string);
  'client': (_coffer_v1_ClientInfo__Output | null);
}
