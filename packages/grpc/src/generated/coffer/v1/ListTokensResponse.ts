// Original file: proto/coffer/v1/auth.proto

import type { TokenInfo as _coffer_v1_TokenInfo, TokenInfo__Output as _coffer_v1_TokenInfo__Output } from '../../coffer/v1/TokenInfo.js';

export interface ListTokensResponse {
  'tokens'?: (_coffer_v1_TokenInfo)[];
}

export interface ListTokensResponse__Output {
  'tokens': (_coffer_v1_TokenInfo__Output)[];
}
