// Original file: proto/coffer/v1/auth.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AuthenticateRequest as _coffer_v1_AuthenticateRequest, AuthenticateRequest__Output as _coffer_v1_AuthenticateRequest__Output } from '../../coffer/v1/AuthenticateRequest.js';
import type { BootstrapRequest as _coffer_v1_BootstrapRequest, BootstrapRequest__Output as _coffer_v1_BootstrapRequest__Output } from '../../coffer/v1/BootstrapRequest.js';
import type { BootstrapResponse as _coffer_v1_BootstrapResponse, BootstrapResponse__Output as _coffer_v1_BootstrapResponse__Output } from '../../coffer/v1/BootstrapResponse.js';
import type { CreateEnvironmentRequest as _coffer_v1_CreateEnvironmentRequest, CreateEnvironmentRequest__Output as _coffer_v1_CreateEnvironmentRequest__Output } from '../../coffer/v1/CreateEnvironmentRequest.js';
import type { CreateOrgRequest as _coffer_v1_CreateOrgRequest, CreateOrgRequest__Output as _coffer_v1_CreateOrgRequest__Output } from '../../coffer/v1/CreateOrgRequest.js';
import type { CreateOrgResponse as _coffer_v1_CreateOrgResponse, CreateOrgResponse__Output as _coffer_v1_CreateOrgResponse__Output } from '../../coffer/v1/CreateOrgResponse.js';
import type { CreateProjectRequest as _coffer_v1_CreateProjectRequest, CreateProjectRequest__Output as _coffer_v1_CreateProjectRequest__Output } from '../../coffer/v1/CreateProjectRequest.js';
import type { CreateTokenRequest as _coffer_v1_CreateTokenRequest, CreateTokenRequest__Output as _coffer_v1_CreateTokenRequest__Output } from '../../coffer/v1/CreateTokenRequest.js';
import type { CreateTokenResponse as _coffer_v1_CreateTokenResponse, CreateTokenResponse__Output as _coffer_v1_CreateTokenResponse__Output } from '../../coffer/v1/CreateTokenResponse.js';
import type { Environment as _coffer_v1_Environment, Environment__Output as _coffer_v1_Environment__Output } from '../../coffer/v1/Environment.js';
import type { ListEnvironmentsRequest as _coffer_v1_ListEnvironmentsRequest, ListEnvironmentsRequest__Output as _coffer_v1_ListEnvironmentsRequest__Output } from '../../coffer/v1/ListEnvironmentsRequest.js';
import type { ListEnvironmentsResponse as _coffer_v1_ListEnvironmentsResponse, ListEnvironmentsResponse__Output as _coffer_v1_ListEnvironmentsResponse__Output } from '../../coffer/v1/ListEnvironmentsResponse.js';
import type { ListOrgsRequest as _coffer_v1_ListOrgsRequest, ListOrgsRequest__Output as _coffer_v1_ListOrgsRequest__Output } from '../../coffer/v1/ListOrgsRequest.js';
import type { ListOrgsResponse as _coffer_v1_ListOrgsResponse, ListOrgsResponse__Output as _coffer_v1_ListOrgsResponse__Output } from '../../coffer/v1/ListOrgsResponse.js';
import type { ListProjectsRequest as _coffer_v1_ListProjectsRequest, ListProjectsRequest__Output as _coffer_v1_ListProjectsRequest__Output } from '../../coffer/v1/ListProjectsRequest.js';
import type { ListProjectsResponse as _coffer_v1_ListProjectsResponse, ListProjectsResponse__Output as _coffer_v1_ListProjectsResponse__Output } from '../../coffer/v1/ListProjectsResponse.js';
import type { Principal as _coffer_v1_Principal, Principal__Output as _coffer_v1_Principal__Output } from '../../coffer/v1/Principal.js';
import type { Project as _coffer_v1_Project, Project__Output as _coffer_v1_Project__Output } from '../../coffer/v1/Project.js';
import type { RevokeTokenRequest as _coffer_v1_RevokeTokenRequest, RevokeTokenRequest__Output as _coffer_v1_RevokeTokenRequest__Output } from '../../coffer/v1/RevokeTokenRequest.js';
import type { RevokeTokenResponse as _coffer_v1_RevokeTokenResponse, RevokeTokenResponse__Output as _coffer_v1_RevokeTokenResponse__Output } from '../../coffer/v1/RevokeTokenResponse.js';

export interface AuthServiceClient extends grpc.Client {
  Authenticate(argument: _coffer_v1_AuthenticateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Principal__Output>): grpc.ClientUnaryCall;
  Authenticate(argument: _coffer_v1_AuthenticateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_Principal__Output>): grpc.ClientUnaryCall;
  Authenticate(argument: _coffer_v1_AuthenticateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Principal__Output>): grpc.ClientUnaryCall;
  Authenticate(argument: _coffer_v1_AuthenticateRequest, callback: grpc.requestCallback<_coffer_v1_Principal__Output>): grpc.ClientUnaryCall;
  authenticate(argument: _coffer_v1_AuthenticateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Principal__Output>): grpc.ClientUnaryCall;
  authenticate(argument: _coffer_v1_AuthenticateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_Principal__Output>): grpc.ClientUnaryCall;
  authenticate(argument: _coffer_v1_AuthenticateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Principal__Output>): grpc.ClientUnaryCall;
  authenticate(argument: _coffer_v1_AuthenticateRequest, callback: grpc.requestCallback<_coffer_v1_Principal__Output>): grpc.ClientUnaryCall;
  
  Bootstrap(argument: _coffer_v1_BootstrapRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_BootstrapResponse__Output>): grpc.ClientUnaryCall;
  Bootstrap(argument: _coffer_v1_BootstrapRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_BootstrapResponse__Output>): grpc.ClientUnaryCall;
  Bootstrap(argument: _coffer_v1_BootstrapRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_BootstrapResponse__Output>): grpc.ClientUnaryCall;
  Bootstrap(argument: _coffer_v1_BootstrapRequest, callback: grpc.requestCallback<_coffer_v1_BootstrapResponse__Output>): grpc.ClientUnaryCall;
  bootstrap(argument: _coffer_v1_BootstrapRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_BootstrapResponse__Output>): grpc.ClientUnaryCall;
  bootstrap(argument: _coffer_v1_BootstrapRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_BootstrapResponse__Output>): grpc.ClientUnaryCall;
  bootstrap(argument: _coffer_v1_BootstrapRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_BootstrapResponse__Output>): grpc.ClientUnaryCall;
  bootstrap(argument: _coffer_v1_BootstrapRequest, callback: grpc.requestCallback<_coffer_v1_BootstrapResponse__Output>): grpc.ClientUnaryCall;
  
  CreateEnvironment(argument: _coffer_v1_CreateEnvironmentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Environment__Output>): grpc.ClientUnaryCall;
  CreateEnvironment(argument: _coffer_v1_CreateEnvironmentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_Environment__Output>): grpc.ClientUnaryCall;
  CreateEnvironment(argument: _coffer_v1_CreateEnvironmentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Environment__Output>): grpc.ClientUnaryCall;
  CreateEnvironment(argument: _coffer_v1_CreateEnvironmentRequest, callback: grpc.requestCallback<_coffer_v1_Environment__Output>): grpc.ClientUnaryCall;
  createEnvironment(argument: _coffer_v1_CreateEnvironmentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Environment__Output>): grpc.ClientUnaryCall;
  createEnvironment(argument: _coffer_v1_CreateEnvironmentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_Environment__Output>): grpc.ClientUnaryCall;
  createEnvironment(argument: _coffer_v1_CreateEnvironmentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Environment__Output>): grpc.ClientUnaryCall;
  createEnvironment(argument: _coffer_v1_CreateEnvironmentRequest, callback: grpc.requestCallback<_coffer_v1_Environment__Output>): grpc.ClientUnaryCall;
  
  CreateOrg(argument: _coffer_v1_CreateOrgRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_CreateOrgResponse__Output>): grpc.ClientUnaryCall;
  CreateOrg(argument: _coffer_v1_CreateOrgRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_CreateOrgResponse__Output>): grpc.ClientUnaryCall;
  CreateOrg(argument: _coffer_v1_CreateOrgRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_CreateOrgResponse__Output>): grpc.ClientUnaryCall;
  CreateOrg(argument: _coffer_v1_CreateOrgRequest, callback: grpc.requestCallback<_coffer_v1_CreateOrgResponse__Output>): grpc.ClientUnaryCall;
  createOrg(argument: _coffer_v1_CreateOrgRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_CreateOrgResponse__Output>): grpc.ClientUnaryCall;
  createOrg(argument: _coffer_v1_CreateOrgRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_CreateOrgResponse__Output>): grpc.ClientUnaryCall;
  createOrg(argument: _coffer_v1_CreateOrgRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_CreateOrgResponse__Output>): grpc.ClientUnaryCall;
  createOrg(argument: _coffer_v1_CreateOrgRequest, callback: grpc.requestCallback<_coffer_v1_CreateOrgResponse__Output>): grpc.ClientUnaryCall;
  
  CreateProject(argument: _coffer_v1_CreateProjectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Project__Output>): grpc.ClientUnaryCall;
  CreateProject(argument: _coffer_v1_CreateProjectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_Project__Output>): grpc.ClientUnaryCall;
  CreateProject(argument: _coffer_v1_CreateProjectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Project__Output>): grpc.ClientUnaryCall;
  CreateProject(argument: _coffer_v1_CreateProjectRequest, callback: grpc.requestCallback<_coffer_v1_Project__Output>): grpc.ClientUnaryCall;
  createProject(argument: _coffer_v1_CreateProjectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Project__Output>): grpc.ClientUnaryCall;
  createProject(argument: _coffer_v1_CreateProjectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_Project__Output>): grpc.ClientUnaryCall;
  createProject(argument: _coffer_v1_CreateProjectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Project__Output>): grpc.ClientUnaryCall;
  createProject(argument: _coffer_v1_CreateProjectRequest, callback: grpc.requestCallback<_coffer_v1_Project__Output>): grpc.ClientUnaryCall;
  
  CreateToken(argument: _coffer_v1_CreateTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  CreateToken(argument: _coffer_v1_CreateTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  CreateToken(argument: _coffer_v1_CreateTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  CreateToken(argument: _coffer_v1_CreateTokenRequest, callback: grpc.requestCallback<_coffer_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  createToken(argument: _coffer_v1_CreateTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  createToken(argument: _coffer_v1_CreateTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  createToken(argument: _coffer_v1_CreateTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  createToken(argument: _coffer_v1_CreateTokenRequest, callback: grpc.requestCallback<_coffer_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  
  ListEnvironments(argument: _coffer_v1_ListEnvironmentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListEnvironmentsResponse__Output>): grpc.ClientUnaryCall;
  ListEnvironments(argument: _coffer_v1_ListEnvironmentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ListEnvironmentsResponse__Output>): grpc.ClientUnaryCall;
  ListEnvironments(argument: _coffer_v1_ListEnvironmentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListEnvironmentsResponse__Output>): grpc.ClientUnaryCall;
  ListEnvironments(argument: _coffer_v1_ListEnvironmentsRequest, callback: grpc.requestCallback<_coffer_v1_ListEnvironmentsResponse__Output>): grpc.ClientUnaryCall;
  listEnvironments(argument: _coffer_v1_ListEnvironmentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListEnvironmentsResponse__Output>): grpc.ClientUnaryCall;
  listEnvironments(argument: _coffer_v1_ListEnvironmentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ListEnvironmentsResponse__Output>): grpc.ClientUnaryCall;
  listEnvironments(argument: _coffer_v1_ListEnvironmentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListEnvironmentsResponse__Output>): grpc.ClientUnaryCall;
  listEnvironments(argument: _coffer_v1_ListEnvironmentsRequest, callback: grpc.requestCallback<_coffer_v1_ListEnvironmentsResponse__Output>): grpc.ClientUnaryCall;
  
  ListOrgs(argument: _coffer_v1_ListOrgsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListOrgsResponse__Output>): grpc.ClientUnaryCall;
  ListOrgs(argument: _coffer_v1_ListOrgsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ListOrgsResponse__Output>): grpc.ClientUnaryCall;
  ListOrgs(argument: _coffer_v1_ListOrgsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListOrgsResponse__Output>): grpc.ClientUnaryCall;
  ListOrgs(argument: _coffer_v1_ListOrgsRequest, callback: grpc.requestCallback<_coffer_v1_ListOrgsResponse__Output>): grpc.ClientUnaryCall;
  listOrgs(argument: _coffer_v1_ListOrgsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListOrgsResponse__Output>): grpc.ClientUnaryCall;
  listOrgs(argument: _coffer_v1_ListOrgsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ListOrgsResponse__Output>): grpc.ClientUnaryCall;
  listOrgs(argument: _coffer_v1_ListOrgsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListOrgsResponse__Output>): grpc.ClientUnaryCall;
  listOrgs(argument: _coffer_v1_ListOrgsRequest, callback: grpc.requestCallback<_coffer_v1_ListOrgsResponse__Output>): grpc.ClientUnaryCall;
  
  ListProjects(argument: _coffer_v1_ListProjectsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListProjectsResponse__Output>): grpc.ClientUnaryCall;
  ListProjects(argument: _coffer_v1_ListProjectsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ListProjectsResponse__Output>): grpc.ClientUnaryCall;
  ListProjects(argument: _coffer_v1_ListProjectsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListProjectsResponse__Output>): grpc.ClientUnaryCall;
  ListProjects(argument: _coffer_v1_ListProjectsRequest, callback: grpc.requestCallback<_coffer_v1_ListProjectsResponse__Output>): grpc.ClientUnaryCall;
  listProjects(argument: _coffer_v1_ListProjectsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListProjectsResponse__Output>): grpc.ClientUnaryCall;
  listProjects(argument: _coffer_v1_ListProjectsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ListProjectsResponse__Output>): grpc.ClientUnaryCall;
  listProjects(argument: _coffer_v1_ListProjectsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListProjectsResponse__Output>): grpc.ClientUnaryCall;
  listProjects(argument: _coffer_v1_ListProjectsRequest, callback: grpc.requestCallback<_coffer_v1_ListProjectsResponse__Output>): grpc.ClientUnaryCall;
  
  RevokeToken(argument: _coffer_v1_RevokeTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  RevokeToken(argument: _coffer_v1_RevokeTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  RevokeToken(argument: _coffer_v1_RevokeTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  RevokeToken(argument: _coffer_v1_RevokeTokenRequest, callback: grpc.requestCallback<_coffer_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _coffer_v1_RevokeTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _coffer_v1_RevokeTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _coffer_v1_RevokeTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _coffer_v1_RevokeTokenRequest, callback: grpc.requestCallback<_coffer_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface AuthServiceHandlers extends grpc.UntypedServiceImplementation {
  Authenticate: grpc.handleUnaryCall<_coffer_v1_AuthenticateRequest__Output, _coffer_v1_Principal>;
  
  Bootstrap: grpc.handleUnaryCall<_coffer_v1_BootstrapRequest__Output, _coffer_v1_BootstrapResponse>;
  
  CreateEnvironment: grpc.handleUnaryCall<_coffer_v1_CreateEnvironmentRequest__Output, _coffer_v1_Environment>;
  
  CreateOrg: grpc.handleUnaryCall<_coffer_v1_CreateOrgRequest__Output, _coffer_v1_CreateOrgResponse>;
  
  CreateProject: grpc.handleUnaryCall<_coffer_v1_CreateProjectRequest__Output, _coffer_v1_Project>;
  
  CreateToken: grpc.handleUnaryCall<_coffer_v1_CreateTokenRequest__Output, _coffer_v1_CreateTokenResponse>;
  
  ListEnvironments: grpc.handleUnaryCall<_coffer_v1_ListEnvironmentsRequest__Output, _coffer_v1_ListEnvironmentsResponse>;
  
  ListOrgs: grpc.handleUnaryCall<_coffer_v1_ListOrgsRequest__Output, _coffer_v1_ListOrgsResponse>;
  
  ListProjects: grpc.handleUnaryCall<_coffer_v1_ListProjectsRequest__Output, _coffer_v1_ListProjectsResponse>;
  
  RevokeToken: grpc.handleUnaryCall<_coffer_v1_RevokeTokenRequest__Output, _coffer_v1_RevokeTokenResponse>;
  
}

export interface AuthServiceDefinition extends grpc.ServiceDefinition {
  Authenticate: MethodDefinition<_coffer_v1_AuthenticateRequest, _coffer_v1_Principal, _coffer_v1_AuthenticateRequest__Output, _coffer_v1_Principal__Output>
  Bootstrap: MethodDefinition<_coffer_v1_BootstrapRequest, _coffer_v1_BootstrapResponse, _coffer_v1_BootstrapRequest__Output, _coffer_v1_BootstrapResponse__Output>
  CreateEnvironment: MethodDefinition<_coffer_v1_CreateEnvironmentRequest, _coffer_v1_Environment, _coffer_v1_CreateEnvironmentRequest__Output, _coffer_v1_Environment__Output>
  CreateOrg: MethodDefinition<_coffer_v1_CreateOrgRequest, _coffer_v1_CreateOrgResponse, _coffer_v1_CreateOrgRequest__Output, _coffer_v1_CreateOrgResponse__Output>
  CreateProject: MethodDefinition<_coffer_v1_CreateProjectRequest, _coffer_v1_Project, _coffer_v1_CreateProjectRequest__Output, _coffer_v1_Project__Output>
  CreateToken: MethodDefinition<_coffer_v1_CreateTokenRequest, _coffer_v1_CreateTokenResponse, _coffer_v1_CreateTokenRequest__Output, _coffer_v1_CreateTokenResponse__Output>
  ListEnvironments: MethodDefinition<_coffer_v1_ListEnvironmentsRequest, _coffer_v1_ListEnvironmentsResponse, _coffer_v1_ListEnvironmentsRequest__Output, _coffer_v1_ListEnvironmentsResponse__Output>
  ListOrgs: MethodDefinition<_coffer_v1_ListOrgsRequest, _coffer_v1_ListOrgsResponse, _coffer_v1_ListOrgsRequest__Output, _coffer_v1_ListOrgsResponse__Output>
  ListProjects: MethodDefinition<_coffer_v1_ListProjectsRequest, _coffer_v1_ListProjectsResponse, _coffer_v1_ListProjectsRequest__Output, _coffer_v1_ListProjectsResponse__Output>
  RevokeToken: MethodDefinition<_coffer_v1_RevokeTokenRequest, _coffer_v1_RevokeTokenResponse, _coffer_v1_RevokeTokenRequest__Output, _coffer_v1_RevokeTokenResponse__Output>
}
