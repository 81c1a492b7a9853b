import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ChangeRequest as _coffer_v1_ChangeRequest, ChangeRequest__Output as _coffer_v1_ChangeRequest__Output } from './coffer/v1/ChangeRequest.js';
import type { ChangeRequestIdRequest as _coffer_v1_ChangeRequestIdRequest, ChangeRequestIdRequest__Output as _coffer_v1_ChangeRequestIdRequest__Output } from './coffer/v1/ChangeRequestIdRequest.js';
import type { ChangeRequestRef as _coffer_v1_ChangeRequestRef, ChangeRequestRef__Output as _coffer_v1_ChangeRequestRef__Output } from './coffer/v1/ChangeRequestRef.js';
import type { DiffVersionsRequest as _coffer_v1_DiffVersionsRequest, DiffVersionsRequest__Output as _coffer_v1_DiffVersionsRequest__Output } from './coffer/v1/DiffVersionsRequest.js';
import type { DiffVersionsResponse as _coffer_v1_DiffVersionsResponse, DiffVersionsResponse__Output as _coffer_v1_DiffVersionsResponse__Output } from './coffer/v1/DiffVersionsResponse.js';
import type { GetHistoryResponse as _coffer_v1_GetHistoryResponse, GetHistoryResponse__Output as _coffer_v1_GetHistoryResponse__Output } from './coffer/v1/GetHistoryResponse.js';
import type { GetSecretRequest as _coffer_v1_GetSecretRequest, GetSecretRequest__Output as _coffer_v1_GetSecretRequest__Output } from './coffer/v1/GetSecretRequest.js';
import type { ImportEntry as _coffer_v1_ImportEntry, ImportEntry__Output as _coffer_v1_ImportEntry__Output } from './coffer/v1/ImportEntry.js';
import type { ImportEntryError as _coffer_v1_ImportEntryError, ImportEntryError__Output as _coffer_v1_ImportEntryError__Output } from './coffer/v1/ImportEntryError.js';
import type { ImportPlanKeys as _coffer_v1_ImportPlanKeys, ImportPlanKeys__Output as _coffer_v1_ImportPlanKeys__Output } from './coffer/v1/ImportPlanKeys.js';
import type { ImportSecretsRequest as _coffer_v1_ImportSecretsRequest, ImportSecretsRequest__Output as _coffer_v1_ImportSecretsRequest__Output } from './coffer/v1/ImportSecretsRequest.js';
import type { ImportSecretsResponse as _coffer_v1_ImportSecretsResponse, ImportSecretsResponse__Output as _coffer_v1_ImportSecretsResponse__Output } from './coffer/v1/ImportSecretsResponse.js';
import type { ImportWritten as _coffer_v1_ImportWritten, ImportWritten__Output as _coffer_v1_ImportWritten__Output } from './coffer/v1/ImportWritten.js';
import type { InjectRequest as _coffer_v1_InjectRequest, InjectRequest__Output as _coffer_v1_InjectRequest__Output } from './coffer/v1/InjectRequest.js';
import type { InjectResponse as _coffer_v1_InjectResponse, InjectResponse__Output as _coffer_v1_InjectResponse__Output } from './coffer/v1/InjectResponse.js';
import type { ListChangeRequestsRequest as _coffer_v1_ListChangeRequestsRequest, ListChangeRequestsRequest__Output as _coffer_v1_ListChangeRequestsRequest__Output } from './coffer/v1/ListChangeRequestsRequest.js';
import type { ListChangeRequestsResponse as _coffer_v1_ListChangeRequestsResponse, ListChangeRequestsResponse__Output as _coffer_v1_ListChangeRequestsResponse__Output } from './coffer/v1/ListChangeRequestsResponse.js';
import type { ListSecretsRequest as _coffer_v1_ListSecretsRequest, ListSecretsRequest__Output as _coffer_v1_ListSecretsRequest__Output } from './coffer/v1/ListSecretsRequest.js';
import type { ListSecretsResponse as _coffer_v1_ListSecretsResponse, ListSecretsResponse__Output as _coffer_v1_ListSecretsResponse__Output } from './coffer/v1/ListSecretsResponse.js';
import type { ProposedChange as _coffer_v1_ProposedChange, ProposedChange__Output as _coffer_v1_ProposedChange__Output } from './coffer/v1/ProposedChange.js';
import type { PurgeSecretResponse as _coffer_v1_PurgeSecretResponse, PurgeSecretResponse__Output as _coffer_v1_PurgeSecretResponse__Output } from './coffer/v1/PurgeSecretResponse.js';
import type { RejectChangeRequestRequest as _coffer_v1_RejectChangeRequestRequest, RejectChangeRequestRequest__Output as _coffer_v1_RejectChangeRequestRequest__Output } from './coffer/v1/RejectChangeRequestRequest.js';
import type { RollbackRequest as _coffer_v1_RollbackRequest, RollbackRequest__Output as _coffer_v1_RollbackRequest__Output } from './coffer/v1/RollbackRequest.js';
import type { Scope as _coffer_v1_Scope, Scope__Output as _coffer_v1_Scope__Output } from './coffer/v1/Scope.js';
import type { Secret as _coffer_v1_Secret, Secret__Output as _coffer_v1_Secret__Output } from './coffer/v1/Secret.js';
import type { SecretKeyRequest as _coffer_v1_SecretKeyRequest, SecretKeyRequest__Output as _coffer_v1_SecretKeyRequest__Output } from './coffer/v1/SecretKeyRequest.js';
import type { SecretMeta as _coffer_v1_SecretMeta, SecretMeta__Output as _coffer_v1_SecretMeta__Output } from './coffer/v1/SecretMeta.js';
import type { SecretServiceClient as _coffer_v1_SecretServiceClient, SecretServiceDefinition as _coffer_v1_SecretServiceDefinition } from './coffer/v1/SecretService.js';
import type { SetSecretRequest as _coffer_v1_SetSecretRequest, SetSecretRequest__Output as _coffer_v1_SetSecretRequest__Output } from './coffer/v1/SetSecretRequest.js';
import type { VersionMeta as _coffer_v1_VersionMeta, VersionMeta__Output as _coffer_v1_VersionMeta__Output } from './coffer/v1/VersionMeta.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  coffer: {
    v1: {
      ChangeRequest: MessageTypeDefinition<_coffer_v1_ChangeRequest, _coffer_v1_ChangeRequest__Output>
      ChangeRequestIdRequest: MessageTypeDefinition<_coffer_v1_ChangeRequestIdRequest, _coffer_v1_ChangeRequestIdRequest__Output>
      ChangeRequestRef: MessageTypeDefinition<_coffer_v1_ChangeRequestRef, _coffer_v1_ChangeRequestRef__Output>
      DiffVersionsRequest: MessageTypeDefinition<_coffer_v1_DiffVersionsRequest, _coffer_v1_DiffVersionsRequest__Output>
      DiffVersionsResponse: MessageTypeDefinition<_coffer_v1_DiffVersionsResponse, _coffer_v1_DiffVersionsResponse__Output>
      GetHistoryResponse: MessageTypeDefinition<_coffer_v1_GetHistoryResponse, _coffer_v1_GetHistoryResponse__Output>
      GetSecretRequest: MessageTypeDefinition<_coffer_v1_GetSecretRequest, _coffer_v1_GetSecretRequest__Output>
      ImportEntry: MessageTypeDefinition<_coffer_v1_ImportEntry, _coffer_v1_ImportEntry__Output>
      ImportEntryError: MessageTypeDefinition<_coffer_v1_ImportEntryError, _coffer_v1_ImportEntryError__Output>
      ImportPlanKeys: MessageTypeDefinition<_coffer_v1_ImportPlanKeys, _coffer_v1_ImportPlanKeys__Output>
      ImportSecretsRequest: MessageTypeDefinition<_coffer_v1_ImportSecretsRequest, _coffer_v1_ImportSecretsRequest__Output>
      ImportSecretsResponse: MessageTypeDefinition<_coffer_v1_ImportSecretsResponse, _coffer_v1_ImportSecretsResponse__Output>
      ImportWritten: MessageTypeDefinition<_coffer_v1_ImportWritten, _coffer_v1_ImportWritten__Output>
      InjectRequest: MessageTypeDefinition<_coffer_v1_InjectRequest, _coffer_v1_InjectRequest__Output>
      InjectResponse: MessageTypeDefinition<_coffer_v1_InjectResponse, _coffer_v1_InjectResponse__Output>
      ListChangeRequestsRequest: MessageTypeDefinition<_coffer_v1_ListChangeRequestsRequest, _coffer_v1_ListChangeRequestsRequest__Output>
      ListChangeRequestsResponse: MessageTypeDefinition<_coffer_v1_ListChangeRequestsResponse, _coffer_v1_ListChangeRequestsResponse__Output>
      ListSecretsRequest: MessageTypeDefinition<_coffer_v1_ListSecretsRequest, _coffer_v1_ListSecretsRequest__Output>
      ListSecretsResponse: MessageTypeDefinition<_coffer_v1_ListSecretsResponse, _coffer_v1_ListSecretsResponse__Output>
      ProposedChange: MessageTypeDefinition<_coffer_v1_ProposedChange, _coffer_v1_ProposedChange__Output>
      PurgeSecretResponse: MessageTypeDefinition<_coffer_v1_PurgeSecretResponse, _coffer_v1_PurgeSecretResponse__Output>
      RejectChangeRequestRequest: MessageTypeDefinition<_coffer_v1_RejectChangeRequestRequest, _coffer_v1_RejectChangeRequestRequest__Output>
      RollbackRequest: MessageTypeDefinition<_coffer_v1_RollbackRequest, _coffer_v1_RollbackRequest__Output>
      Scope: MessageTypeDefinition<_coffer_v1_Scope, _coffer_v1_Scope__Output>
      Secret: MessageTypeDefinition<_coffer_v1_Secret, _coffer_v1_Secret__Output>
      SecretKeyRequest: MessageTypeDefinition<_coffer_v1_SecretKeyRequest, _coffer_v1_SecretKeyRequest__Output>
      SecretMeta: MessageTypeDefinition<_coffer_v1_SecretMeta, _coffer_v1_SecretMeta__Output>
      SecretService: SubtypeConstructor<typeof grpc.Client, _coffer_v1_SecretServiceClient> & { service: _coffer_v1_SecretServiceDefinition }
      SetSecretRequest: MessageTypeDefinition<_coffer_v1_SetSecretRequest, _coffer_v1_SetSecretRequest__Output>
      VersionMeta: MessageTypeDefinition<_coffer_v1_VersionMeta, _coffer_v1_VersionMeta__Output>
    }
  }
}

