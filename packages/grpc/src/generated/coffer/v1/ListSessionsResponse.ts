// Original file: proto/coffer/v1/auth.proto

import type { Session as _coffer_v1_Session, Session__Output as _coffer_v1_Session__Output } from '../../coffer/v1/Session.js';

export interface ListSessionsResponse {
  'sessions'?: (_coffer_v1_Session)[];
}

export interface ListSessionsResponse__Output {
  'sessions': (_coffer_v1_Session__Output)[];
}
