// Original file: proto/coffer/v1/auth.proto


export interface DeviceAuthorization {
  'deviceCode'?: (string);
  'userCode'?: (string);
  'verificationUri'?: (string);
  'verificationUriComplete'?: (string);
  'expiresIn'?: (number);
  'interval'?: (number);
}

export interface DeviceAuthorization__Output {
  'deviceCode': (string);
  'userCode': (string);
  'verificationUri': (string);
  'verificationUriComplete': (string);
  'expiresIn': (number);
  'interval': (number);
}
