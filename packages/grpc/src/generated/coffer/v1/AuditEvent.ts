// Original file: proto/coffer/v1/audit.proto


export interface AuditEvent {
  'id'?: (string);
  'orgId'?: (string);
  'actorId'?: (string);
  'actorType'?: (string);
  'action'?: (string);
  'resource'?: (string);
  'outcome'?: (string);
  'requestId'?: (string);
  'ip'?: (string);
  'userAgent'?: (string);
  'occurredAt'?: (string);
  'breakGlassId'?: (string);
}

export interface AuditEvent__Output {
  'id': (string);
  'orgId': (string);
  'actorId': (string);
  'actorType': (string);
  'action': (string);
  'resource': (string);
  'outcome': (string);
  'requestId': (string);
  'ip': (string);
  'userAgent': (string);
  'occurredAt': (string);
  'breakGlassId': (string);
}
