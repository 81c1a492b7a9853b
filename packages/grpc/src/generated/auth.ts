import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AuthServiceClient as _coffer_v1_AuthServiceClient, AuthServiceDefinition as _coffer_v1_AuthServiceDefinition } from './coffer/v1/AuthService.js';
import type { AuthenticateRequest as _coffer_v1_AuthenticateRequest, AuthenticateRequest__Output as _coffer_v1_AuthenticateRequest__Output } from './coffer/v1/AuthenticateRequest.js';
import type { BootstrapRequest as _coffer_v1_BootstrapRequest, BootstrapRequest__Output as _coffer_v1_BootstrapRequest__Output } from './coffer/v1/BootstrapRequest.js';
import type { BootstrapResponse as _coffer_v1_BootstrapResponse, BootstrapResponse__Output as _coffer_v1_BootstrapResponse__Output } from './coffer/v1/BootstrapResponse.js';
import type { CreateEnvironmentRequest as _coffer_v1_CreateEnvironmentRequest, CreateEnvironmentRequest__Output as _coffer_v1_CreateEnvironmentRequest__Output } from './coffer/v1/CreateEnvironmentRequest.js';
import type { CreateOrgRequest as _coffer_v1_CreateOrgRequest, CreateOrgRequest__Output as _coffer_v1_CreateOrgRequest__Output } from './coffer/v1/CreateOrgRequest.js';
import type { CreateOrgResponse as _coffer_v1_CreateOrgResponse, CreateOrgResponse__Output as _coffer_v1_CreateOrgResponse__Output } from './coffer/v1/CreateOrgResponse.js';
import type { CreateProjectRequest as _coffer_v1_CreateProjectRequest, CreateProjectRequest__Output as _coffer_v1_CreateProjectRequest__Output } from './coffer/v1/CreateProjectRequest.js';
import type { CreateTokenRequest as _coffer_v1_CreateTokenRequest, CreateTokenRequest__Output as _coffer_v1_CreateTokenRequest__Output } from './coffer/v1/CreateTokenRequest.js';
import type { CreateTokenResponse as _coffer_v1_CreateTokenResponse, CreateTokenResponse__Output as _coffer_v1_CreateTokenResponse__Output } from './coffer/v1/CreateTokenResponse.js';
import type { Environment as _coffer_v1_Environment, Environment__Output as _coffer_v1_Environment__Output } from './coffer/v1/Environment.js';
import type { IssuedToken as _coffer_v1_IssuedToken, IssuedToken__Output as _coffer_v1_IssuedToken__Output } from './coffer/v1/IssuedToken.js';
import type { ListEnvironmentsRequest as _coffer_v1_ListEnvironmentsRequest, ListEnvironmentsRequest__Output as _coffer_v1_ListEnvironmentsRequest__Output } from './coffer/v1/ListEnvironmentsRequest.js';
import type { ListEnvironmentsResponse as _coffer_v1_ListEnvironmentsResponse, ListEnvironmentsResponse__Output as _coffer_v1_ListEnvironmentsResponse__Output } from './coffer/v1/ListEnvironmentsResponse.js';
import type { ListOrgsRequest as _coffer_v1_ListOrgsRequest, ListOrgsRequest__Output as _coffer_v1_ListOrgsRequest__Output } from './coffer/v1/ListOrgsRequest.js';
import type { ListOrgsResponse as _coffer_v1_ListOrgsResponse, ListOrgsResponse__Output as _coffer_v1_ListOrgsResponse__Output } from './coffer/v1/ListOrgsResponse.js';
import type { ListProjectsRequest as _coffer_v1_ListProjectsRequest, ListProjectsRequest__Output as _coffer_v1_ListProjectsRequest__Output } from './coffer/v1/ListProjectsRequest.js';
import type { ListProjectsResponse as _coffer_v1_ListProjectsResponse, ListProjectsResponse__Output as _coffer_v1_ListProjectsResponse__Output } from './coffer/v1/ListProjectsResponse.js';
import type { Organization as _coffer_v1_Organization, Organization__Output as _coffer_v1_Organization__Output } from './coffer/v1/Organization.js';
import type { Principal as _coffer_v1_Principal, Principal__Output as _coffer_v1_Principal__Output } from './coffer/v1/Principal.js';
import type { Project as _coffer_v1_Project, Project__Output as _coffer_v1_Project__Output } from './coffer/v1/Project.js';
import type { RevokeTokenRequest as _coffer_v1_RevokeTokenRequest, RevokeTokenRequest__Output as _coffer_v1_RevokeTokenRequest__Output } from './coffer/v1/RevokeTokenRequest.js';
import type { RevokeTokenResponse as _coffer_v1_RevokeTokenResponse, RevokeTokenResponse__Output as _coffer_v1_RevokeTokenResponse__Output } from './coffer/v1/RevokeTokenResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  coffer: {
    v1: {
      AuthService: SubtypeConstructor<typeof grpc.Client, _coffer_v1_AuthServiceClient> & { service: _coffer_v1_AuthServiceDefinition }
      AuthenticateRequest: MessageTypeDefinition<_coffer_v1_AuthenticateRequest, _coffer_v1_AuthenticateRequest__Output>
      BootstrapRequest: MessageTypeDefinition<_coffer_v1_BootstrapRequest, _coffer_v1_BootstrapRequest__Output>
      BootstrapResponse: MessageTypeDefinition<_coffer_v1_BootstrapResponse, _coffer_v1_BootstrapResponse__Output>
      CreateEnvironmentRequest: MessageTypeDefinition<_coffer_v1_CreateEnvironmentRequest, _coffer_v1_CreateEnvironmentRequest__Output>
      CreateOrgRequest: MessageTypeDefinition<_coffer_v1_CreateOrgRequest, _coffer_v1_CreateOrgRequest__Output>
      CreateOrgResponse: MessageTypeDefinition<_coffer_v1_CreateOrgResponse, _coffer_v1_CreateOrgResponse__Output>
      CreateProjectRequest: MessageTypeDefinition<_coffer_v1_CreateProjectRequest, _coffer_v1_CreateProjectRequest__Output>
      CreateTokenRequest: MessageTypeDefinition<_coffer_v1_CreateTokenRequest, _coffer_v1_CreateTokenRequest__Output>
      CreateTokenResponse: MessageTypeDefinition<_coffer_v1_CreateTokenResponse, _coffer_v1_CreateTokenResponse__Output>
      Environment: MessageTypeDefinition<_coffer_v1_Environment, _coffer_v1_Environment__Output>
      IssuedToken: MessageTypeDefinition<_coffer_v1_IssuedToken, _coffer_v1_IssuedToken__Output>
      ListEnvironmentsRequest: MessageTypeDefinition<_coffer_v1_ListEnvironmentsRequest, _coffer_v1_ListEnvironmentsRequest__Output>
      ListEnvironmentsResponse: MessageTypeDefinition<_coffer_v1_ListEnvironmentsResponse, _coffer_v1_ListEnvironmentsResponse__Output>
      ListOrgsRequest: MessageTypeDefinition<_coffer_v1_ListOrgsRequest, _coffer_v1_ListOrgsRequest__Output>
      ListOrgsResponse: MessageTypeDefinition<_coffer_v1_ListOrgsResponse, _coffer_v1_ListOrgsResponse__Output>
      ListProjectsRequest: MessageTypeDefinition<_coffer_v1_ListProjectsRequest, _coffer_v1_ListProjectsRequest__Output>
      ListProjectsResponse: MessageTypeDefinition<_coffer_v1_ListProjectsResponse, _coffer_v1_ListProjectsResponse__Output>
      Organization: MessageTypeDefinition<_coffer_v1_Organization, _coffer_v1_Organization__Output>
      Principal: MessageTypeDefinition<_coffer_v1_Principal, _coffer_v1_Principal__Output>
      Project: MessageTypeDefinition<_coffer_v1_Project, _coffer_v1_Project__Output>
      RevokeTokenRequest: MessageTypeDefinition<_coffer_v1_RevokeTokenRequest, _coffer_v1_RevokeTokenRequest__Output>
      RevokeTokenResponse: MessageTypeDefinition<_coffer_v1_RevokeTokenResponse, _coffer_v1_RevokeTokenResponse__Output>
    }
  }
}

