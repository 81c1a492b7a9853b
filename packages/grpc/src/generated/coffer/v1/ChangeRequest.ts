// Original file: proto/coffer/v1/secret.proto

import type { ProposedChange as _coffer_v1_ProposedChange, ProposedChange__Output as _coffer_v1_ProposedChange__Output } from '../../coffer/v1/ProposedChange.js';

export interface ChangeRequest {
  'id'?: (string);
  'status'?: (string);
  'requestedBy'?: (string);
  'createdAt'?: (string);
  'decidedBy'?: (string);
  'decidedAt'?: (string);
  'reason'?: (string);
  'changes'?: (_coffer_v1_ProposedChange)[];
  'valuesShown'?: (boolean);
}

export interface ChangeRequest__Output {
  'id': (string);
  'status': (string);
  'requestedBy': (string);
  'createdAt': (string);
  'decidedBy': (string);
  'decidedAt': (string);
  'reason': (string);
  'changes': (_coffer_v1_ProposedChange__Output)[];
  'valuesShown': (boolean);
}
