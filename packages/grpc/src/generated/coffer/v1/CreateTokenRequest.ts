// Original file: proto/coffer/v1/auth.proto

import type { Long } from '@grpc/proto-loader';

export interface CreateTokenRequest {
  'name'?: (string);
  'permissions'?: (string)[];
  'serviceAccount'?: (string);
  'project'?: (string);
  'environments'?: (string)[];
  'expiresInSeconds'?: (number | string | Long);
  'allowedCidrs'?: (string)[];
}

export interface CreateTokenRequest__Output {
  'name': (string);
  'permissions': (string)[];
  'serviceAccount': (string);
  'project': (string);
  'environments': (string)[];
  'expiresInSeconds': (string);
  'allowedCidrs': (string)[];
}
