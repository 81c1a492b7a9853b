// Original file: proto/coffer/v1/auth.proto


export interface UpdateMemberRequest {
  'userId'?: (string);
  'role'?: (string);
  'breakGlass'?: (boolean);
  '_role'?: "role";
  '_breakGlass'?: "breakGlass";
}

export interface UpdateMemberRequest__Output {
  'userId': (string);
  'role'?: (string);
  'breakGlass'?: (boolean);
  '_role'?: "role";
  '_breakGlass'?: "breakGlass";
}
