// Original file: proto/coffer/v1/auth.proto


export interface DeviceDecisionResponse {
  'approved'?: (boolean);
}

export interface DeviceDecisionResponse__Output {
  'approved': (boolean);
}
