// Original file: proto/coffer/v1/auth.proto

import type { ClientInfo as _coffer_v1_ClientInfo, ClientInfo__Output as _coffer_v1_ClientInfo__Output } from '../../coffer/v1/ClientInfo.js';
import type { Long } from '@grpc/proto-loader';

export interface OpenBreakGlassRequest {
  'project'?: (string);
  'environment'?: (string);
  'reason'?: (string);
  'durationSeconds'?: (number | string | Long);
  'client'?: (_coffer_v1_ClientInfo | null);
}

export interface OpenBreakGlassRequest__Output {
  'project': (string);
  'environment': (string);
  'reason': (string);
  'durationSeconds': (string);
  'client': (_coffer_v1_ClientInfo__Output | null);
}
