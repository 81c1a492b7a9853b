// Original file: proto/coffer/v1/auth.proto


export interface BreakGlass {
  'id'?: (string);
  'project'?: (string);
  'environment'?: (string);
  'userId'?: (string);
  'email'?: (string);
  'reason'?: (string);
  'openedAt'?: (string);
  'expiresAt'?: (string);
  'closedAt'?: (string);
  'active'?: (boolean);
  'needsReview'?: (boolean);
  'reviewedAt'?: (string);
  'reviewedBy'?: (string);
  'reviewNote'?: (string);
}

export interface BreakGlass__Output {
  'id': (string);
  'project': (string);
  'environment': (string);
  'userId': (string);
  'email': (string);
  'reason': (string);
  'openedAt': (string);
  'expiresAt': (string);
  'closedAt': (string);
  'active': (boolean);
  'needsReview': (boolean);
  'reviewedAt': (string);
  'reviewedBy': (string);
  'reviewNote': (string);
}
