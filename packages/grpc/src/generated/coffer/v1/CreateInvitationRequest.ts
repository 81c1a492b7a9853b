// Original file: proto/coffer/v1/auth.proto


export interface CreateInvitationRequest {
  'email'?: (string);
  'role'?: (string);
}

export interface CreateInvitationRequest__Output {
  'email': (string);
  'role': (string);
}
