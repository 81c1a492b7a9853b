// Original file: proto/coffer/v1/auth.proto

import type { Long } from '@grpc/proto-loader';

export interface RotateTokenRequest {
  'tokenId'?: (string);
  'overlapSeconds'?: (number | string | Long);
}

export interface RotateTokenRequest__Output {
  'tokenId': (string);
  'overlapSeconds': (string);
}
