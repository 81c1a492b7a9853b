// Original file: proto/coffer/v1/auth.proto

import type { Project as _coffer_v1_Project, Project__Output as _coffer_v1_Project__Output } from '../../coffer/v1/Project.js';

export interface ListProjectsResponse {
  'projects'?: (_coffer_v1_Project)[];
}

export interface ListProjectsResponse__Output {
  'projects': (_coffer_v1_Project__Output)[];
}
