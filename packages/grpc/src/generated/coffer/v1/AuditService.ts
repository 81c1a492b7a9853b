// Original file: proto/coffer/v1/audit.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { RecordRequest as _coffer_v1_RecordRequest, RecordRequest__Output as _coffer_v1_RecordRequest__Output } from '../../coffer/v1/RecordRequest.js';
import type { RecordResponse as _coffer_v1_RecordResponse, RecordResponse__Output as _coffer_v1_RecordResponse__Output } from '../../coffer/v1/RecordResponse.js';
import type { SearchRequest as _coffer_v1_SearchRequest, SearchRequest__Output as _coffer_v1_SearchRequest__Output } from '../../coffer/v1/SearchRequest.js';
import type { SearchResponse as _coffer_v1_SearchResponse, SearchResponse__Output as _coffer_v1_SearchResponse__Output } from '../../coffer/v1/SearchResponse.js';

export interface AuditServiceClient extends grpc.Client {
  Record(argument: _coffer_v1_RecordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_RecordResponse__Output>): grpc.ClientUnaryCall;
  Record(argument: _coffer_v1_RecordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_RecordResponse__Output>): grpc.ClientUnaryCall;
  Record(argument: _coffer_v1_RecordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_RecordResponse__Output>): grpc.ClientUnaryCall;
  Record(argument: _coffer_v1_RecordRequest, callback: grpc.requestCallback<_coffer_v1_RecordResponse__Output>): grpc.ClientUnaryCall;
  record(argument: _coffer_v1_RecordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_RecordResponse__Output>): grpc.ClientUnaryCall;
  record(argument: _coffer_v1_RecordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_RecordResponse__Output>): grpc.ClientUnaryCall;
  record(argument: _coffer_v1_RecordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_RecordResponse__Output>): grpc.ClientUnaryCall;
  record(argument: _coffer_v1_RecordRequest, callback: grpc.requestCallback<_coffer_v1_RecordResponse__Output>): grpc.ClientUnaryCall;
  
  Search(argument: _coffer_v1_SearchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_SearchResponse__Output>): grpc.ClientUnaryCall;
  Search(argument: _coffer_v1_SearchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_SearchResponse__Output>): grpc.ClientUnaryCall;
  Search(argument: _coffer_v1_SearchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_SearchResponse__Output>): grpc.ClientUnaryCall;
  Search(argument: _coffer_v1_SearchRequest, callback: grpc.requestCallback<_coffer_v1_SearchResponse__Output>): grpc.ClientUnaryCall;
  search(argument: _coffer_v1_SearchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_SearchResponse__Output>): grpc.ClientUnaryCall;
  search(argument: _coffer_v1_SearchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_SearchResponse__Output>): grpc.ClientUnaryCall;
  search(argument: _coffer_v1_SearchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_SearchResponse__Output>): grpc.ClientUnaryCall;
  search(argument: _coffer_v1_SearchRequest, callback: grpc.requestCallback<_coffer_v1_SearchResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface AuditServiceHandlers extends grpc.UntypedServiceImplementation {
  Record: grpc.handleUnaryCall<_coffer_v1_RecordRequest__Output, _coffer_v1_RecordResponse>;
  
  Search: grpc.handleUnaryCall<_coffer_v1_SearchRequest__Output, _coffer_v1_SearchResponse>;
  
}

export interface AuditServiceDefinition extends grpc.ServiceDefinition {
  Record: MethodDefinition<_coffer_v1_RecordRequest, _coffer_v1_RecordResponse, _coffer_v1_RecordRequest__Output, _coffer_v1_RecordResponse__Output>
  Search: MethodDefinition<_coffer_v1_SearchRequest, _coffer_v1_SearchResponse, _coffer_v1_SearchRequest__Output, _coffer_v1_SearchResponse__Output>
}
