// Original file: proto/coffer/v1/auth.proto

import type { ServiceAccount as _coffer_v1_ServiceAccount, ServiceAccount__Output as _coffer_v1_ServiceAccount__Output } from '../../coffer/v1/ServiceAccount.js';

export interface ListServiceAccountsResponse {
  'serviceAccounts'?: (_coffer_v1_ServiceAccount)[];
}

export interface ListServiceAccountsResponse__Output {
  'serviceAccounts': (_coffer_v1_ServiceAccount__Output)[];
}
