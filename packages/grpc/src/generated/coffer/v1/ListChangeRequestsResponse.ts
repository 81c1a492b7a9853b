// Original file: proto/coffer/v1/secret.proto

import type { ChangeRequest as _coffer_v1_ChangeRequest, ChangeRequest__Output as _coffer_v1_ChangeRequest__Output } from '../../coffer/v1/ChangeRequest.js';

export interface ListChangeRequestsResponse {
  'changeRequests'?: (_coffer_v1_ChangeRequest)[];
}

export interface ListChangeRequestsResponse__Output {
  'changeRequests': (_coffer_v1_ChangeRequest__Output)[];
}
