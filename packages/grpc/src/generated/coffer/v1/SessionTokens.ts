// Original file: proto/coffer/v1/auth.proto


export interface SessionTokens {
  'accessToken'?: (string);
  'tokenType'?: (string);
  'expiresIn'?: (number);
  'refreshToken'?: (string);
  'sessionId'?: (string);
}

export interface SessionTokens__Output {
  'accessToken': (string);
  'tokenType': (string);
  'expiresIn': (number);
  'refreshToken': (string);
  'sessionId': (string);
}
