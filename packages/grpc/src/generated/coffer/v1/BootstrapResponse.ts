// Original file: proto/coffer/v1/auth.proto

import type { Organization as _coffer_v1_Organization, Organization__Output as _coffer_v1_Organization__Output } from '../../coffer/v1/Organization.js';
import type { Project as _coffer_v1_Project, Project__Output as _coffer_v1_Project__Output } from '../../coffer/v1/Project.js';
import type { Environment as _coffer_v1_Environment, Environment__Output as _coffer_v1_Environment__Output } from '../../coffer/v1/Environment.js';
import type { IssuedToken as _coffer_v1_IssuedToken, IssuedToken__Output as _coffer_v1_IssuedToken__Output } from '../../coffer/v1/IssuedToken.js';
import type { User as _coffer_v1_User, User__Output as _coffer_v1_User__Output } from '../../coffer/v1/User.js';

export interface BootstrapResponse {
  'org'?: (_coffer_v1_Organization | null);
  'project'?: (_coffer_v1_Project | null);
  'environments'?: (_coffer_v1_Environment)[];
  'token'?: (_coffer_v1_IssuedToken | null);
  'owner'?: (_coffer_v1_User | null);
}

export interface BootstrapResponse__Output {
  'org': (_coffer_v1_Organization__Output | null);
  'project': (_coffer_v1_Project__Output | null);
  'environments': (_coffer_v1_Environment__Output)[];
  'token': (_coffer_v1_IssuedToken__Output | null);
  'owner': (_coffer_v1_User__Output | null);
}
