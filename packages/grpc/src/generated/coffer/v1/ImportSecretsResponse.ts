// Original file: proto/coffer/v1/secret.proto

import type { ImportEntryError as _coffer_v1_ImportEntryError, ImportEntryError__Output as _coffer_v1_ImportEntryError__Output } from '../../coffer/v1/ImportEntryError.js';
import type { ImportWritten as _coffer_v1_ImportWritten, ImportWritten__Output as _coffer_v1_ImportWritten__Output } from '../../coffer/v1/ImportWritten.js';
import type { ChangeRequestRef as _coffer_v1_ChangeRequestRef, ChangeRequestRef__Output as _coffer_v1_ChangeRequestRef__Output } from '../../coffer/v1/ChangeRequestRef.js';

export interface ImportSecretsResponse {
  'created'?: (string)[];
  'updated'?: (string)[];
  'unchanged'?: (string)[];
  'errors'?: (_coffer_v1_ImportEntryError)[];
  'written'?: (_coffer_v1_ImportWritten)[];
  'changeRequest'?: (_coffer_v1_ChangeRequestRef | null);
}

export interface ImportSecretsResponse__Output {
  'created': (string)[];
  'updated': (string)[];
  'unchanged': (string)[];
  'errors': (_coffer_v1_ImportEntryError__Output)[];
  'written': (_coffer_v1_ImportWritten__Output)[];
  'changeRequest': (_coffer_v1_ChangeRequestRef__Output | null);
}
