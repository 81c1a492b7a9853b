// Original file: proto/coffer/v1/auth.proto


export interface DeviceAuthorizationDetails {
  'userCode'?: (string);
  'clientName'?: (string);
  'requesterIp'?: (string);
  'requesterAgent'?: (string);
  'createdAt'?: (string);
  'expiresAt'?: (string);
}

export interface DeviceAuthorizationDetails__Output {
  'userCode': (string);
  'clientName': (string);
  'requesterIp': (string);
  'requesterAgent': (string);
  'createdAt': (string);
  'expiresAt': (string);
}
