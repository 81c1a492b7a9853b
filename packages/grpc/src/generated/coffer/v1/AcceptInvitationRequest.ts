// Original file: proto/coffer/v1/auth.proto


export interface AcceptInvitationRequest {
  'token'?: (string);
  'password'?: (string);
  'name'?: (string);
}

export interface AcceptInvitationRequest__Output {
  'token': (string);
  'password': (string);
  'name': (string);
}
