// Original file: proto/coffer/v1/secret.proto


export interface ImportEntryError {
  'key'?: (string);
  'message'?: (string);
  'entry'?: (number);
}

export interface ImportEntryError__Output {
  'key': (string);
  'message': (string);
  'entry': (number);
}
