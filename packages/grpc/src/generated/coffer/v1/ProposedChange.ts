// Original file: proto/coffer/v1/secret.proto


export interface ProposedChange {
  'key'?: (string);
  'action'?: (string);
  'baseVersion'?: (number);
  'baseType'?: (string);
  'type'?: (string);
  'description'?: (string);
  'baseValue'?: (string);
  'value'?: (string);
  '_baseValue'?: "baseValue";
  '_value'?: "value";
}

export interface ProposedChange__Output {
  'key': (string);
  'action': (string);
  'baseVersion': (number);
  'baseType': (string);
  'type': (string);
  'description': (string);
  'baseValue'?: (string);
  'value'?: (string);
  '_baseValue'?: "baseValue";
  '_value'?: "value";
}
