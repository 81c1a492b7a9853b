// Original file: proto/coffer/v1/auth.proto


export interface DeviceUserCodeRequest {
  'userCode'?: (string);
}

export interface DeviceUserCodeRequest__Output {
  'userCode': (string);
}
