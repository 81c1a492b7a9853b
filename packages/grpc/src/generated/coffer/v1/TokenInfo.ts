// Original file: proto/coffer/v1/auth.proto


export interface TokenInfo {
  'id'?: (string);
  'name'?: (string);
  'serviceAccount'?: (string);
  'project'?: (string);
  'environments'?: (string)[];
  'permissions'?: (string)[];
  'allowedCidrs'?: (string)[];
  'expiresAt'?: (string);
  'createdAt'?: (string);
  'createdBy'?: (string);
  'lastUsedAt'?: (string);
  'lastUsedIp'?: (string);
  'revokedAt'?: (string);
  'rotatedFrom'?: (string);
}

export interface TokenInfo__Output {
  'id': (string);
  'name': (string);
  'serviceAccount': (string);
  'project': (string);
  'environments': (string)[];
  'permissions': (string)[];
  'allowedCidrs': (string)[];
  'expiresAt': (string);
  'createdAt': (string);
  'createdBy': (string);
  'lastUsedAt': (string);
  'lastUsedIp': (string);
  'revokedAt': (string);
  'rotatedFrom': (string);
}
