// Original file: proto/coffer/v1/auth.proto


export interface TwoFactorEnrolment {
  'secret'?: (string);
  'otpauthUri'?: (string);
  'qrCode'?: (string);
}

export interface TwoFactorEnrolment__Output {
  'secret': (string);
  'otpauthUri': (string);
  'qrCode': (string);
}
