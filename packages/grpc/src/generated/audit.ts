import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AuditEvent as _coffer_v1_AuditEvent, AuditEvent__Output as _coffer_v1_AuditEvent__Output } from './coffer/v1/AuditEvent.js';
import type { AuditServiceClient as _coffer_v1_AuditServiceClient, AuditServiceDefinition as _coffer_v1_AuditServiceDefinition } from './coffer/v1/AuditService.js';
import type { RecordGroup as _coffer_v1_RecordGroup, RecordGroup__Output as _coffer_v1_RecordGroup__Output } from './coffer/v1/RecordGroup.js';
import type { RecordRequest as _coffer_v1_RecordRequest, RecordRequest__Output as _coffer_v1_RecordRequest__Output } from './coffer/v1/RecordRequest.js';
import type { RecordResponse as _coffer_v1_RecordResponse, RecordResponse__Output as _coffer_v1_RecordResponse__Output } from './coffer/v1/RecordResponse.js';
import type { SearchRequest as _coffer_v1_SearchRequest, SearchRequest__Output as _coffer_v1_SearchRequest__Output } from './coffer/v1/SearchRequest.js';
import type { SearchResponse as _coffer_v1_SearchResponse, SearchResponse__Output as _coffer_v1_SearchResponse__Output } from './coffer/v1/SearchResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  coffer: {
    v1: {
      AuditEvent: MessageTypeDefinition<_coffer_v1_AuditEvent, _coffer_v1_AuditEvent__Output>
      AuditService: SubtypeConstructor<typeof grpc.Client, _coffer_v1_AuditServiceClient> & { service: _coffer_v1_AuditServiceDefinition }
      RecordGroup: MessageTypeDefinition<_coffer_v1_RecordGroup, _coffer_v1_RecordGroup__Output>
      RecordRequest: MessageTypeDefinition<_coffer_v1_RecordRequest, _coffer_v1_RecordRequest__Output>
      RecordResponse: MessageTypeDefinition<_coffer_v1_RecordResponse, _coffer_v1_RecordResponse__Output>
      SearchRequest: MessageTypeDefinition<_coffer_v1_SearchRequest, _coffer_v1_SearchRequest__Output>
      SearchResponse: MessageTypeDefinition<_coffer_v1_SearchResponse, _coffer_v1_SearchResponse__Output>
    }
  }
}

