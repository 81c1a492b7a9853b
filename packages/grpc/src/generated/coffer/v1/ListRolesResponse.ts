// Original file: proto/coffer/v1/auth.proto

import type { Role as _coffer_v1_Role, Role__Output as _coffer_v1_Role__Output } from '../../coffer/v1/Role.js';

export interface ListRolesResponse {
  'roles'?: (_coffer_v1_Role)[];
}

export interface ListRolesResponse__Output {
  'roles': (_coffer_v1_Role__Output)[];
}
