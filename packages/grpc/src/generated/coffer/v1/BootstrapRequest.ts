// Original file: proto/coffer/v1/auth.proto


export interface BootstrapRequest {
  'orgSlug'?: (string);
  'orgName'?: (string);
  'projectSlug'?: (string);
  'projectName'?: (string);
  'ownerEmail'?: (string);
  'ownerPassword'?: (string);
}

export interface BootstrapRequest__Output {
  'orgSlug': (string);
  'orgName': (string);
  'projectSlug': (string);
  'projectName': (string);
  'ownerEmail': (string);
  'ownerPassword': (string);
}
