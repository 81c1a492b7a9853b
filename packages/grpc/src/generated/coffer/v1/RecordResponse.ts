// Original file: proto/coffer/v1/audit.proto


export interface RecordResponse {
  'recorded'?: (number);
  'alreadyRecorded'?: (number);
  'orphaned'?: (number);
}

export interface RecordResponse__Output {
  'recorded': (number);
  'alreadyRecorded': (number);
  'orphaned': (number);
}
