// Original file: proto/coffer/v1/auth.proto

import type { BreakGlass as _coffer_v1_BreakGlass, BreakGlass__Output as _coffer_v1_BreakGlass__Output } from '../../coffer/v1/BreakGlass.js';

export interface ListBreakGlassResponse {
  'accesses'?: (_coffer_v1_BreakGlass)[];
}

export interface ListBreakGlassResponse__Output {
  'accesses': (_coffer_v1_BreakGlass__Output)[];
}
