// Original file: proto/coffer/v1/secret.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ChangeRequest as _coffer_v1_ChangeRequest, ChangeRequest__Output as _coffer_v1_ChangeRequest__Output } from '../../coffer/v1/ChangeRequest.js';
import type { ChangeRequestIdRequest as _coffer_v1_ChangeRequestIdRequest, ChangeRequestIdRequest__Output as _coffer_v1_ChangeRequestIdRequest__Output } from '../../coffer/v1/ChangeRequestIdRequest.js';
import type { DiffVersionsRequest as _coffer_v1_DiffVersionsRequest, DiffVersionsRequest__Output as _coffer_v1_DiffVersionsRequest__Output } from '../../coffer/v1/DiffVersionsRequest.js';
import type { DiffVersionsResponse as _coffer_v1_DiffVersionsResponse, DiffVersionsResponse__Output as _coffer_v1_DiffVersionsResponse__Output } from '../../coffer/v1/DiffVersionsResponse.js';
import type { GetHistoryResponse as _coffer_v1_GetHistoryResponse, GetHistoryResponse__Output as _coffer_v1_GetHistoryResponse__Output } from '../../coffer/v1/GetHistoryResponse.js';
import type { GetSecretRequest as _coffer_v1_GetSecretRequest, GetSecretRequest__Output as _coffer_v1_GetSecretRequest__Output } from '../../coffer/v1/GetSecretRequest.js';
import type { ImportSecretsRequest as _coffer_v1_ImportSecretsRequest, ImportSecretsRequest__Output as _coffer_v1_ImportSecretsRequest__Output } from '../../coffer/v1/ImportSecretsRequest.js';
import type { ImportSecretsResponse as _coffer_v1_ImportSecretsResponse, ImportSecretsResponse__Output as _coffer_v1_ImportSecretsResponse__Output } from '../../coffer/v1/ImportSecretsResponse.js';
import type { InjectRequest as _coffer_v1_InjectRequest, InjectRequest__Output as _coffer_v1_InjectRequest__Output } from '../../coffer/v1/InjectRequest.js';
import type { InjectResponse as _coffer_v1_InjectResponse, InjectResponse__Output as _coffer_v1_InjectResponse__Output } from '../../coffer/v1/InjectResponse.js';
import type { ListChangeRequestsRequest as _coffer_v1_ListChangeRequestsRequest, ListChangeRequestsRequest__Output as _coffer_v1_ListChangeRequestsRequest__Output } from '../../coffer/v1/ListChangeRequestsRequest.js';
import type { ListChangeRequestsResponse as _coffer_v1_ListChangeRequestsResponse, ListChangeRequestsResponse__Output as _coffer_v1_ListChangeRequestsResponse__Output } from '../../coffer/v1/ListChangeRequestsResponse.js';
import type { ListSecretsRequest as _coffer_v1_ListSecretsRequest, ListSecretsRequest__Output as _coffer_v1_ListSecretsRequest__Output } from '../../coffer/v1/ListSecretsRequest.js';
import type { ListSecretsResponse as _coffer_v1_ListSecretsResponse, ListSecretsResponse__Output as _coffer_v1_ListSecretsResponse__Output } from '../../coffer/v1/ListSecretsResponse.js';
import type { PurgeSecretResponse as _coffer_v1_PurgeSecretResponse, PurgeSecretResponse__Output as _coffer_v1_PurgeSecretResponse__Output } from '../../coffer/v1/PurgeSecretResponse.js';
import type { RejectChangeRequestRequest as _coffer_v1_RejectChangeRequestRequest, RejectChangeRequestRequest__Output as _coffer_v1_RejectChangeRequestRequest__Output } from '../../coffer/v1/RejectChangeRequestRequest.js';
import type { RollbackRequest as _coffer_v1_RollbackRequest, RollbackRequest__Output as _coffer_v1_RollbackRequest__Output } from '../../coffer/v1/RollbackRequest.js';
import type { Secret as _coffer_v1_Secret, Secret__Output as _coffer_v1_Secret__Output } from '../../coffer/v1/Secret.js';
import type { SecretKeyRequest as _coffer_v1_SecretKeyRequest, SecretKeyRequest__Output as _coffer_v1_SecretKeyRequest__Output } from '../../coffer/v1/SecretKeyRequest.js';
import type { SetSecretRequest as _coffer_v1_SetSecretRequest, SetSecretRequest__Output as _coffer_v1_SetSecretRequest__Output } from '../../coffer/v1/SetSecretRequest.js';

export interface SecretServiceClient extends grpc.Client {
  ApproveChangeRequest(argument: _coffer_v1_ChangeRequestIdRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ChangeRequest__Output>): grpc.ClientUnaryCall;
  ApproveChangeRequest(argument: _coffer_v1_ChangeRequestIdRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ChangeRequest__Output>): grpc.ClientUnaryCall;
  ApproveChangeRequest(argument: _coffer_v1_ChangeRequestIdRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ChangeRequest__Output>): grpc.ClientUnaryCall;
  ApproveChangeRequest(argument: _coffer_v1_ChangeRequestIdRequest, callback: grpc.requestCallback<_coffer_v1_ChangeRequest__Output>): grpc.ClientUnaryCall;
  approveChangeRequest(argument: _coffer_v1_ChangeRequestIdRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ChangeRequest__Output>): grpc.ClientUnaryCall;
  approveChangeRequest(argument: _coffer_v1_ChangeRequestIdRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ChangeRequest__Output>): grpc.ClientUnaryCall;
  approveChangeRequest(argument: _coffer_v1_ChangeRequestIdRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ChangeRequest__Output>): grpc.ClientUnaryCall;
  approveChangeRequest(argument: _coffer_v1_ChangeRequestIdRequest, callback: grpc.requestCallback<_coffer_v1_ChangeRequest__Output>): grpc.ClientUnaryCall;
  
  DeleteSecret(argument: _coffer_v1_SecretKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  DeleteSecret(argument: _coffer_v1_SecretKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  DeleteSecret(argument: _coffer_v1_SecretKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  DeleteSecret(argument: _coffer_v1_SecretKeyRequest, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  deleteSecret(argument: _coffer_v1_SecretKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  deleteSecret(argument: _coffer_v1_SecretKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  deleteSecret(argument: _coffer_v1_SecretKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  deleteSecret(argument: _coffer_v1_SecretKeyRequest, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  
  DiffVersions(argument: _coffer_v1_DiffVersionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_DiffVersionsResponse__Output>): grpc.ClientUnaryCall;
  DiffVersions(argument: _coffer_v1_DiffVersionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_DiffVersionsResponse__Output>): grpc.ClientUnaryCall;
  DiffVersions(argument: _coffer_v1_DiffVersionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_DiffVersionsResponse__Output>): grpc.ClientUnaryCall;
  DiffVersions(argument: _coffer_v1_DiffVersionsRequest, callback: grpc.requestCallback<_coffer_v1_DiffVersionsResponse__Output>): grpc.ClientUnaryCall;
  diffVersions(argument: _coffer_v1_DiffVersionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_DiffVersionsResponse__Output>): grpc.ClientUnaryCall;
  diffVersions(argument: _coffer_v1_DiffVersionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_DiffVersionsResponse__Output>): grpc.ClientUnaryCall;
  diffVersions(argument: _coffer_v1_DiffVersionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_DiffVersionsResponse__Output>): grpc.ClientUnaryCall;
  diffVersions(argument: _coffer_v1_DiffVersionsRequest, callback: grpc.requestCallback<_coffer_v1_DiffVersionsResponse__Output>): grpc.ClientUnaryCall;
  
  GetChangeRequest(argument: _coffer_v1_ChangeRequestIdRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ChangeRequest__Output>): grpc.ClientUnaryCall;
  GetChangeRequest(argument: _coffer_v1_ChangeRequestIdRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ChangeRequest__Output>): grpc.ClientUnaryCall;
  GetChangeRequest(argument: _coffer_v1_ChangeRequestIdRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ChangeRequest__Output>): grpc.ClientUnaryCall;
  GetChangeRequest(argument: _coffer_v1_ChangeRequestIdRequest, callback: grpc.requestCallback<_coffer_v1_ChangeRequest__Output>): grpc.ClientUnaryCall;
  getChangeRequest(argument: _coffer_v1_ChangeRequestIdRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ChangeRequest__Output>): grpc.ClientUnaryCall;
  getChangeRequest(argument: _coffer_v1_ChangeRequestIdRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ChangeRequest__Output>): grpc.ClientUnaryCall;
  getChangeRequest(argument: _coffer_v1_ChangeRequestIdRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ChangeRequest__Output>): grpc.ClientUnaryCall;
  getChangeRequest(argument: _coffer_v1_ChangeRequestIdRequest, callback: grpc.requestCallback<_coffer_v1_ChangeRequest__Output>): grpc.ClientUnaryCall;
  
  GetHistory(argument: _coffer_v1_SecretKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  GetHistory(argument: _coffer_v1_SecretKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  GetHistory(argument: _coffer_v1_SecretKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  GetHistory(argument: _coffer_v1_SecretKeyRequest, callback: grpc.requestCallback<_coffer_v1_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  getHistory(argument: _coffer_v1_SecretKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  getHistory(argument: _coffer_v1_SecretKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  getHistory(argument: _coffer_v1_SecretKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  getHistory(argument: _coffer_v1_SecretKeyRequest, callback: grpc.requestCallback<_coffer_v1_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  
  GetSecret(argument: _coffer_v1_GetSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  GetSecret(argument: _coffer_v1_GetSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  GetSecret(argument: _coffer_v1_GetSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  GetSecret(argument: _coffer_v1_GetSecretRequest, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  getSecret(argument: _coffer_v1_GetSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  getSecret(argument: _coffer_v1_GetSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  getSecret(argument: _coffer_v1_GetSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  getSecret(argument: _coffer_v1_GetSecretRequest, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  
  ImportSecrets(argument: _coffer_v1_ImportSecretsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ImportSecretsResponse__Output>): grpc.ClientUnaryCall;
  ImportSecrets(argument: _coffer_v1_ImportSecretsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ImportSecretsResponse__Output>): grpc.ClientUnaryCall;
  ImportSecrets(argument: _coffer_v1_ImportSecretsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ImportSecretsResponse__Output>): grpc.ClientUnaryCall;
  ImportSecrets(argument: _coffer_v1_ImportSecretsRequest, callback: grpc.requestCallback<_coffer_v1_ImportSecretsResponse__Output>): grpc.ClientUnaryCall;
  importSecrets(argument: _coffer_v1_ImportSecretsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ImportSecretsResponse__Output>): grpc.ClientUnaryCall;
  importSecrets(argument: _coffer_v1_ImportSecretsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ImportSecretsResponse__Output>): grpc.ClientUnaryCall;
  importSecrets(argument: _coffer_v1_ImportSecretsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ImportSecretsResponse__Output>): grpc.ClientUnaryCall;
  importSecrets(argument: _coffer_v1_ImportSecretsRequest, callback: grpc.requestCallback<_coffer_v1_ImportSecretsResponse__Output>): grpc.ClientUnaryCall;
  
  Inject(argument: _coffer_v1_InjectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_InjectResponse__Output>): grpc.ClientUnaryCall;
  Inject(argument: _coffer_v1_InjectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_InjectResponse__Output>): grpc.ClientUnaryCall;
  Inject(argument: _coffer_v1_InjectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_InjectResponse__Output>): grpc.ClientUnaryCall;
  Inject(argument: _coffer_v1_InjectRequest, callback: grpc.requestCallback<_coffer_v1_InjectResponse__Output>): grpc.ClientUnaryCall;
  inject(argument: _coffer_v1_InjectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_InjectResponse__Output>): grpc.ClientUnaryCall;
  inject(argument: _coffer_v1_InjectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_InjectResponse__Output>): grpc.ClientUnaryCall;
  inject(argument: _coffer_v1_InjectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_InjectResponse__Output>): grpc.ClientUnaryCall;
  inject(argument: _coffer_v1_InjectRequest, callback: grpc.requestCallback<_coffer_v1_InjectResponse__Output>): grpc.ClientUnaryCall;
  
  ListChangeRequests(argument: _coffer_v1_ListChangeRequestsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListChangeRequestsResponse__Output>): grpc.ClientUnaryCall;
  ListChangeRequests(argument: _coffer_v1_ListChangeRequestsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ListChangeRequestsResponse__Output>): grpc.ClientUnaryCall;
  ListChangeRequests(argument: _coffer_v1_ListChangeRequestsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListChangeRequestsResponse__Output>): grpc.ClientUnaryCall;
  ListChangeRequests(argument: _coffer_v1_ListChangeRequestsRequest, callback: grpc.requestCallback<_coffer_v1_ListChangeRequestsResponse__Output>): grpc.ClientUnaryCall;
  listChangeRequests(argument: _coffer_v1_ListChangeRequestsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListChangeRequestsResponse__Output>): grpc.ClientUnaryCall;
  listChangeRequests(argument: _coffer_v1_ListChangeRequestsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ListChangeRequestsResponse__Output>): grpc.ClientUnaryCall;
  listChangeRequests(argument: _coffer_v1_ListChangeRequestsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListChangeRequestsResponse__Output>): grpc.ClientUnaryCall;
  listChangeRequests(argument: _coffer_v1_ListChangeRequestsRequest, callback: grpc.requestCallback<_coffer_v1_ListChangeRequestsResponse__Output>): grpc.ClientUnaryCall;
  
  ListSecrets(argument: _coffer_v1_ListSecretsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListSecretsResponse__Output>): grpc.ClientUnaryCall;
  ListSecrets(argument: _coffer_v1_ListSecretsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ListSecretsResponse__Output>): grpc.ClientUnaryCall;
  ListSecrets(argument: _coffer_v1_ListSecretsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListSecretsResponse__Output>): grpc.ClientUnaryCall;
  ListSecrets(argument: _coffer_v1_ListSecretsRequest, callback: grpc.requestCallback<_coffer_v1_ListSecretsResponse__Output>): grpc.ClientUnaryCall;
  listSecrets(argument: _coffer_v1_ListSecretsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListSecretsResponse__Output>): grpc.ClientUnaryCall;
  listSecrets(argument: _coffer_v1_ListSecretsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ListSecretsResponse__Output>): grpc.ClientUnaryCall;
  listSecrets(argument: _coffer_v1_ListSecretsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListSecretsResponse__Output>): grpc.ClientUnaryCall;
  listSecrets(argument: _coffer_v1_ListSecretsRequest, callback: grpc.requestCallback<_coffer_v1_ListSecretsResponse__Output>): grpc.ClientUnaryCall;
  
  PurgeSecret(argument: _coffer_v1_SecretKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_PurgeSecretResponse__Output>): grpc.ClientUnaryCall;
  PurgeSecret(argument: _coffer_v1_SecretKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_PurgeSecretResponse__Output>): grpc.ClientUnaryCall;
  PurgeSecret(argument: _coffer_v1_SecretKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_PurgeSecretResponse__Output>): grpc.ClientUnaryCall;
  PurgeSecret(argument: _coffer_v1_SecretKeyRequest, callback: grpc.requestCallback<_coffer_v1_PurgeSecretResponse__Output>): grpc.ClientUnaryCall;
  purgeSecret(argument: _coffer_v1_SecretKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_PurgeSecretResponse__Output>): grpc.ClientUnaryCall;
  purgeSecret(argument: _coffer_v1_SecretKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_PurgeSecretResponse__Output>): grpc.ClientUnaryCall;
  purgeSecret(argument: _coffer_v1_SecretKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_PurgeSecretResponse__Output>): grpc.ClientUnaryCall;
  purgeSecret(argument: _coffer_v1_SecretKeyRequest, callback: grpc.requestCallback<_coffer_v1_PurgeSecretResponse__Output>): grpc.ClientUnaryCall;
  
  RejectChangeRequest(argument: _coffer_v1_RejectChangeRequestRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ChangeRequest__Output>): grpc.ClientUnaryCall;
  RejectChangeRequest(argument: _coffer_v1_RejectChangeRequestRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ChangeRequest__Output>): grpc.ClientUnaryCall;
  RejectChangeRequest(argument: _coffer_v1_RejectChangeRequestRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ChangeRequest__Output>): grpc.ClientUnaryCall;
  RejectChangeRequest(argument: _coffer_v1_RejectChangeRequestRequest, callback: grpc.requestCallback<_coffer_v1_ChangeRequest__Output>): grpc.ClientUnaryCall;
  rejectChangeRequest(argument: _coffer_v1_RejectChangeRequestRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ChangeRequest__Output>): grpc.ClientUnaryCall;
  rejectChangeRequest(argument: _coffer_v1_RejectChangeRequestRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ChangeRequest__Output>): grpc.ClientUnaryCall;
  rejectChangeRequest(argument: _coffer_v1_RejectChangeRequestRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ChangeRequest__Output>): grpc.ClientUnaryCall;
  rejectChangeRequest(argument: _coffer_v1_RejectChangeRequestRequest, callback: grpc.requestCallback<_coffer_v1_ChangeRequest__Output>): grpc.ClientUnaryCall;
  
  RestoreSecret(argument: _coffer_v1_SecretKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  RestoreSecret(argument: _coffer_v1_SecretKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  RestoreSecret(argument: _coffer_v1_SecretKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  RestoreSecret(argument: _coffer_v1_SecretKeyRequest, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  restoreSecret(argument: _coffer_v1_SecretKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  restoreSecret(argument: _coffer_v1_SecretKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  restoreSecret(argument: _coffer_v1_SecretKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  restoreSecret(argument: _coffer_v1_SecretKeyRequest, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  
  Rollback(argument: _coffer_v1_RollbackRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  Rollback(argument: _coffer_v1_RollbackRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  Rollback(argument: _coffer_v1_RollbackRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  Rollback(argument: _coffer_v1_RollbackRequest, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  rollback(argument: _coffer_v1_RollbackRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  rollback(argument: _coffer_v1_RollbackRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  rollback(argument: _coffer_v1_RollbackRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  rollback(argument: _coffer_v1_RollbackRequest, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  
  SetSecret(argument: _coffer_v1_SetSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  SetSecret(argument: _coffer_v1_SetSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  SetSecret(argument: _coffer_v1_SetSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  SetSecret(argument: _coffer_v1_SetSecretRequest, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  setSecret(argument: _coffer_v1_SetSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  setSecret(argument: _coffer_v1_SetSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  setSecret(argument: _coffer_v1_SetSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  setSecret(argument: _coffer_v1_SetSecretRequest, callback: grpc.requestCallback<_coffer_v1_Secret__Output>): grpc.ClientUnaryCall;
  
}

export interface SecretServiceHandlers extends grpc.UntypedServiceImplementation {
  ApproveChangeRequest: grpc.handleUnaryCall<_coffer_v1_ChangeRequestIdRequest__Output, _coffer_v1_ChangeRequest>;
  
  DeleteSecret: grpc.handleUnaryCall<_coffer_v1_SecretKeyRequest__Output, _coffer_v1_Secret>;
  
  DiffVersions: grpc.handleUnaryCall<_coffer_v1_DiffVersionsRequest__Output, _coffer_v1_DiffVersionsResponse>;
  
  GetChangeRequest: grpc.handleUnaryCall<_coffer_v1_ChangeRequestIdRequest__Output, _coffer_v1_ChangeRequest>;
  
  GetHistory: grpc.handleUnaryCall<_coffer_v1_SecretKeyRequest__Output, _coffer_v1_GetHistoryResponse>;
  
  GetSecret: grpc.handleUnaryCall<_coffer_v1_GetSecretRequest__Output, _coffer_v1_Secret>;
  
  ImportSecrets: grpc.handleUnaryCall<_coffer_v1_ImportSecretsRequest__Output, _coffer_v1_ImportSecretsResponse>;
  
  Inject: grpc.handleUnaryCall<_coffer_v1_InjectRequest__Output, _coffer_v1_InjectResponse>;
  
  ListChangeRequests: grpc.handleUnaryCall<_coffer_v1_ListChangeRequestsRequest__Output, _coffer_v1_ListChangeRequestsResponse>;
  
  ListSecrets: grpc.handleUnaryCall<_coffer_v1_ListSecretsRequest__Output, _coffer_v1_ListSecretsResponse>;
  
  PurgeSecret: grpc.handleUnaryCall<_coffer_v1_SecretKeyRequest__Output, _coffer_v1_PurgeSecretResponse>;
  
  RejectChangeRequest: grpc.handleUnaryCall<_coffer_v1_RejectChangeRequestRequest__Output, _coffer_v1_ChangeRequest>;
  
  RestoreSecret: grpc.handleUnaryCall<_coffer_v1_SecretKeyRequest__Output, _coffer_v1_Secret>;
  
  Rollback: grpc.handleUnaryCall<_coffer_v1_RollbackRequest__Output, _coffer_v1_Secret>;
  
  SetSecret: grpc.handleUnaryCall<_coffer_v1_SetSecretRequest__Output, _coffer_v1_Secret>;
  
}

export interface SecretServiceDefinition extends grpc.ServiceDefinition {
  ApproveChangeRequest: MethodDefinition<_coffer_v1_ChangeRequestIdRequest, _coffer_v1_ChangeRequest, _coffer_v1_ChangeRequestIdRequest__Output, _coffer_v1_ChangeRequest__Output>
  DeleteSecret: MethodDefinition<_coffer_v1_SecretKeyRequest, _coffer_v1_Secret, _coffer_v1_SecretKeyRequest__Output, _coffer_v1_Secret__Output>
  DiffVersions: MethodDefinition<_coffer_v1_DiffVersionsRequest, _coffer_v1_DiffVersionsResponse, _coffer_v1_DiffVersionsRequest__Output, _coffer_v1_DiffVersionsResponse__Output>
  GetChangeRequest: MethodDefinition<_coffer_v1_ChangeRequestIdRequest, _coffer_v1_ChangeRequest, _coffer_v1_ChangeRequestIdRequest__Output, _coffer_v1_ChangeRequest__Output>
  GetHistory: MethodDefinition<_coffer_v1_SecretKeyRequest, _coffer_v1_GetHistoryResponse, _coffer_v1_SecretKeyRequest__Output, _coffer_v1_GetHistoryResponse__Output>
  GetSecret: MethodDefinition<_coffer_v1_GetSecretRequest, _coffer_v1_Secret, _coffer_v1_GetSecretRequest__Output, _coffer_v1_Secret__Output>
  ImportSecrets: MethodDefinition<_coffer_v1_ImportSecretsRequest, _coffer_v1_ImportSecretsResponse, _coffer_v1_ImportSecretsRequest__Output, _coffer_v1_ImportSecretsResponse__Output>
  Inject: MethodDefinition<_coffer_v1_InjectRequest, _coffer_v1_InjectResponse, _coffer_v1_InjectRequest__Output, _coffer_v1_InjectResponse__Output>
  ListChangeRequests: MethodDefinition<_coffer_v1_ListChangeRequestsRequest, _coffer_v1_ListChangeRequestsResponse, _coffer_v1_ListChangeRequestsRequest__Output, _coffer_v1_ListChangeRequestsResponse__Output>
  ListSecrets: MethodDefinition<_coffer_v1_ListSecretsRequest, _coffer_v1_ListSecretsResponse, _coffer_v1_ListSecretsRequest__Output, _coffer_v1_ListSecretsResponse__Output>
  PurgeSecret: MethodDefinition<_coffer_v1_SecretKeyRequest, _coffer_v1_PurgeSecretResponse, _coffer_v1_SecretKeyRequest__Output, _coffer_v1_PurgeSecretResponse__Output>
  RejectChangeRequest: MethodDefinition<_coffer_v1_RejectChangeRequestRequest, _coffer_v1_ChangeRequest, _coffer_v1_RejectChangeRequestRequest__Output, _coffer_v1_ChangeRequest__Output>
  RestoreSecret: MethodDefinition<_coffer_v1_SecretKeyRequest, _coffer_v1_Secret, _coffer_v1_SecretKeyRequest__Output, _coffer_v1_Secret__Output>
  Rollback: MethodDefinition<_coffer_v1_RollbackRequest, _coffer_v1_Secret, _coffer_v1_RollbackRequest__Output, _coffer_v1_Secret__Output>
  SetSecret: MethodDefinition<_coffer_v1_SetSecretRequest, _coffer_v1_Secret, _coffer_v1_SetSecretRequest__Output, _coffer_v1_Secret__Output>
}
