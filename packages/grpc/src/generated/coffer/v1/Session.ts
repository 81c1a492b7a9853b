// Original file: proto/coffer/v1/auth.proto


export interface Session {
  'id'?: (string);
  'method'?: (string);
  'clientName'?: (string);
  'ip'?: (string);
  'userAgent'?: (string);
  'createdAt'?: (string);
  'lastUsedAt'?: (string);
  'expiresAt'?: (string);
  'current'?: (boolean);
  'secondFactor'?: (boolean);
}

export interface Session__Output {
  'id': (string);
  'method': (string);
  'clientName': (string);
  'ip': (string);
  'userAgent': (string);
  'createdAt': (string);
  'lastUsedAt': (string);
  'expiresAt': (string);
  'current': (boolean);
  'secondFactor': (boolean);
}
