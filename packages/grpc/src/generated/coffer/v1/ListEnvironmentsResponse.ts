// Original file: proto/coffer/v1/auth.proto

import type { Environment as _coffer_v1_Environment, Environment__Output as _coffer_v1_Environment__Output } from '../../coffer/v1/Environment.js';

export interface ListEnvironmentsResponse {
  'environments'?: (_coffer_v1_Environment)[];
}

export interface ListEnvironmentsResponse__Output {
  'environments': (_coffer_v1_Environment__Output)[];
}
