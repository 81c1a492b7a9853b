// Original file: proto/coffer/v1/secret.proto


export interface PurgeSecretResponse {
  'key'?: (string);
  'versionsPurged'?: (number);
}

export interface PurgeSecretResponse__Output {
  'key': (string);
  'versionsPurged': (number);
}
