// Original file: proto/coffer/v1/auth.proto


export interface IssuedToken {
  'id'?: (string);
  'name'?: (string);
  'token'?: (string);
  'permissions'?: (string)[];
  'createdAt'?: (string);
  'serviceAccount'?: (string);
  'project'?: (string);
  'environments'?: (string)[];
  'allowedCidrs'?: (string)[];
  'expiresAt'?: (string);
}

export interface IssuedToken__Output {
  'id': (string);
  'name': (string);
  'token': (string);
  'permissions': (string)[];
  'createdAt': (string);
  'serviceAccount': (string);
  'project': (string);
  'environments': (string)[];
  'allowedCidrs': (string)[];
  'expiresAt': (string);
}
