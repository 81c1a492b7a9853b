// Original file: proto/coffer/v1/auth.proto


export interface PollDeviceTokenRequest {
  'deviceCode'?: (string);
}

export interface PollDeviceTokenRequest__Output {
  'deviceCode': (string);
}
