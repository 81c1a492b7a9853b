// Original file: proto/coffer/v1/auth.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AcceptInvitationRequest as _coffer_v1_AcceptInvitationRequest, AcceptInvitationRequest__Output as _coffer_v1_AcceptInvitationRequest__Output } from '../../coffer/v1/AcceptInvitationRequest.js';
import type { AcceptInvitationResponse as _coffer_v1_AcceptInvitationResponse, AcceptInvitationResponse__Output as _coffer_v1_AcceptInvitationResponse__Output } from '../../coffer/v1/AcceptInvitationResponse.js';
import type { AuthenticateRequest as _coffer_v1_AuthenticateRequest, AuthenticateRequest__Output as _coffer_v1_AuthenticateRequest__Output } from '../../coffer/v1/AuthenticateRequest.js';
import type { BeginTwoFactorRequest as _coffer_v1_BeginTwoFactorRequest, BeginTwoFactorRequest__Output as _coffer_v1_BeginTwoFactorRequest__Output } from '../../coffer/v1/BeginTwoFactorRequest.js';
import type { BootstrapRequest as _coffer_v1_BootstrapRequest, BootstrapRequest__Output as _coffer_v1_BootstrapRequest__Output } from '../../coffer/v1/BootstrapRequest.js';
import type { BootstrapResponse as _coffer_v1_BootstrapResponse, BootstrapResponse__Output as _coffer_v1_BootstrapResponse__Output } from '../../coffer/v1/BootstrapResponse.js';
import type { ConfirmTwoFactorRequest as _coffer_v1_ConfirmTwoFactorRequest, ConfirmTwoFactorRequest__Output as _coffer_v1_ConfirmTwoFactorRequest__Output } from '../../coffer/v1/ConfirmTwoFactorRequest.js';
import type { ConfirmTwoFactorResponse as _coffer_v1_ConfirmTwoFactorResponse, ConfirmTwoFactorResponse__Output as _coffer_v1_ConfirmTwoFactorResponse__Output } from '../../coffer/v1/ConfirmTwoFactorResponse.js';
import type { CreateEnvironmentRequest as _coffer_v1_CreateEnvironmentRequest, CreateEnvironmentRequest__Output as _coffer_v1_CreateEnvironmentRequest__Output } from '../../coffer/v1/CreateEnvironmentRequest.js';
import type { CreateInvitationRequest as _coffer_v1_CreateInvitationRequest, CreateInvitationRequest__Output as _coffer_v1_CreateInvitationRequest__Output } from '../../coffer/v1/CreateInvitationRequest.js';
import type { CreateOrgRequest as _coffer_v1_CreateOrgRequest, CreateOrgRequest__Output as _coffer_v1_CreateOrgRequest__Output } from '../../coffer/v1/CreateOrgRequest.js';
import type { CreateOrgResponse as _coffer_v1_CreateOrgResponse, CreateOrgResponse__Output as _coffer_v1_CreateOrgResponse__Output } from '../../coffer/v1/CreateOrgResponse.js';
import type { CreateProjectRequest as _coffer_v1_CreateProjectRequest, CreateProjectRequest__Output as _coffer_v1_CreateProjectRequest__Output } from '../../coffer/v1/CreateProjectRequest.js';
import type { CreateTokenRequest as _coffer_v1_CreateTokenRequest, CreateTokenRequest__Output as _coffer_v1_CreateTokenRequest__Output } from '../../coffer/v1/CreateTokenRequest.js';
import type { CreateTokenResponse as _coffer_v1_CreateTokenResponse, CreateTokenResponse__Output as _coffer_v1_CreateTokenResponse__Output } from '../../coffer/v1/CreateTokenResponse.js';
import type { DeviceAuthorization as _coffer_v1_DeviceAuthorization, DeviceAuthorization__Output as _coffer_v1_DeviceAuthorization__Output } from '../../coffer/v1/DeviceAuthorization.js';
import type { DeviceAuthorizationDetails as _coffer_v1_DeviceAuthorizationDetails, DeviceAuthorizationDetails__Output as _coffer_v1_DeviceAuthorizationDetails__Output } from '../../coffer/v1/DeviceAuthorizationDetails.js';
import type { DeviceDecisionResponse as _coffer_v1_DeviceDecisionResponse, DeviceDecisionResponse__Output as _coffer_v1_DeviceDecisionResponse__Output } from '../../coffer/v1/DeviceDecisionResponse.js';
import type { DeviceUserCodeRequest as _coffer_v1_DeviceUserCodeRequest, DeviceUserCodeRequest__Output as _coffer_v1_DeviceUserCodeRequest__Output } from '../../coffer/v1/DeviceUserCodeRequest.js';
import type { DisableTwoFactorRequest as _coffer_v1_DisableTwoFactorRequest, DisableTwoFactorRequest__Output as _coffer_v1_DisableTwoFactorRequest__Output } from '../../coffer/v1/DisableTwoFactorRequest.js';
import type { DisableTwoFactorResponse as _coffer_v1_DisableTwoFactorResponse, DisableTwoFactorResponse__Output as _coffer_v1_DisableTwoFactorResponse__Output } from '../../coffer/v1/DisableTwoFactorResponse.js';
import type { Environment as _coffer_v1_Environment, Environment__Output as _coffer_v1_Environment__Output } from '../../coffer/v1/Environment.js';
import type { ForgotPasswordRequest as _coffer_v1_ForgotPasswordRequest, ForgotPasswordRequest__Output as _coffer_v1_ForgotPasswordRequest__Output } from '../../coffer/v1/ForgotPasswordRequest.js';
import type { ForgotPasswordResponse as _coffer_v1_ForgotPasswordResponse, ForgotPasswordResponse__Output as _coffer_v1_ForgotPasswordResponse__Output } from '../../coffer/v1/ForgotPasswordResponse.js';
import type { GetJwksRequest as _coffer_v1_GetJwksRequest, GetJwksRequest__Output as _coffer_v1_GetJwksRequest__Output } from '../../coffer/v1/GetJwksRequest.js';
import type { GetJwksResponse as _coffer_v1_GetJwksResponse, GetJwksResponse__Output as _coffer_v1_GetJwksResponse__Output } from '../../coffer/v1/GetJwksResponse.js';
import type { GetOrgSettingsRequest as _coffer_v1_GetOrgSettingsRequest, GetOrgSettingsRequest__Output as _coffer_v1_GetOrgSettingsRequest__Output } from '../../coffer/v1/GetOrgSettingsRequest.js';
import type { GetTwoFactorRequest as _coffer_v1_GetTwoFactorRequest, GetTwoFactorRequest__Output as _coffer_v1_GetTwoFactorRequest__Output } from '../../coffer/v1/GetTwoFactorRequest.js';
import type { Invitation as _coffer_v1_Invitation, Invitation__Output as _coffer_v1_Invitation__Output } from '../../coffer/v1/Invitation.js';
import type { ListEnvironmentsRequest as _coffer_v1_ListEnvironmentsRequest, ListEnvironmentsRequest__Output as _coffer_v1_ListEnvironmentsRequest__Output } from '../../coffer/v1/ListEnvironmentsRequest.js';
import type { ListEnvironmentsResponse as _coffer_v1_ListEnvironmentsResponse, ListEnvironmentsResponse__Output as _coffer_v1_ListEnvironmentsResponse__Output } from '../../coffer/v1/ListEnvironmentsResponse.js';
import type { ListOrgsRequest as _coffer_v1_ListOrgsRequest, ListOrgsRequest__Output as _coffer_v1_ListOrgsRequest__Output } from '../../coffer/v1/ListOrgsRequest.js';
import type { ListOrgsResponse as _coffer_v1_ListOrgsResponse, ListOrgsResponse__Output as _coffer_v1_ListOrgsResponse__Output } from '../../coffer/v1/ListOrgsResponse.js';
import type { ListProjectsRequest as _coffer_v1_ListProjectsRequest, ListProjectsRequest__Output as _coffer_v1_ListProjectsRequest__Output } from '../../coffer/v1/ListProjectsRequest.js';
import type { ListProjectsResponse as _coffer_v1_ListProjectsResponse, ListProjectsResponse__Output as _coffer_v1_ListProjectsResponse__Output } from '../../coffer/v1/ListProjectsResponse.js';
import type { ListSessionsRequest as _coffer_v1_ListSessionsRequest, ListSessionsRequest__Output as _coffer_v1_ListSessionsRequest__Output } from '../../coffer/v1/ListSessionsRequest.js';
import type { ListSessionsResponse as _coffer_v1_ListSessionsResponse, ListSessionsResponse__Output as _coffer_v1_ListSessionsResponse__Output } from '../../coffer/v1/ListSessionsResponse.js';
import type { LoginRequest as _coffer_v1_LoginRequest, LoginRequest__Output as _coffer_v1_LoginRequest__Output } from '../../coffer/v1/LoginRequest.js';
import type { LoginResponse as _coffer_v1_LoginResponse, LoginResponse__Output as _coffer_v1_LoginResponse__Output } from '../../coffer/v1/LoginResponse.js';
import type { LoginSecondFactorRequest as _coffer_v1_LoginSecondFactorRequest, LoginSecondFactorRequest__Output as _coffer_v1_LoginSecondFactorRequest__Output } from '../../coffer/v1/LoginSecondFactorRequest.js';
import type { LogoutRequest as _coffer_v1_LogoutRequest, LogoutRequest__Output as _coffer_v1_LogoutRequest__Output } from '../../coffer/v1/LogoutRequest.js';
import type { LogoutResponse as _coffer_v1_LogoutResponse, LogoutResponse__Output as _coffer_v1_LogoutResponse__Output } from '../../coffer/v1/LogoutResponse.js';
import type { OrgSettings as _coffer_v1_OrgSettings, OrgSettings__Output as _coffer_v1_OrgSettings__Output } from '../../coffer/v1/OrgSettings.js';
import type { PollDeviceTokenRequest as _coffer_v1_PollDeviceTokenRequest, PollDeviceTokenRequest__Output as _coffer_v1_PollDeviceTokenRequest__Output } from '../../coffer/v1/PollDeviceTokenRequest.js';
import type { PollDeviceTokenResponse as _coffer_v1_PollDeviceTokenResponse, PollDeviceTokenResponse__Output as _coffer_v1_PollDeviceTokenResponse__Output } from '../../coffer/v1/PollDeviceTokenResponse.js';
import type { Principal as _coffer_v1_Principal, Principal__Output as _coffer_v1_Principal__Output } from '../../coffer/v1/Principal.js';
import type { Project as _coffer_v1_Project, Project__Output as _coffer_v1_Project__Output } from '../../coffer/v1/Project.js';
import type { RefreshRequest as _coffer_v1_RefreshRequest, RefreshRequest__Output as _coffer_v1_RefreshRequest__Output } from '../../coffer/v1/RefreshRequest.js';
import type { ResetPasswordRequest as _coffer_v1_ResetPasswordRequest, ResetPasswordRequest__Output as _coffer_v1_ResetPasswordRequest__Output } from '../../coffer/v1/ResetPasswordRequest.js';
import type { ResetPasswordResponse as _coffer_v1_ResetPasswordResponse, ResetPasswordResponse__Output as _coffer_v1_ResetPasswordResponse__Output } from '../../coffer/v1/ResetPasswordResponse.js';
import type { RevokeSessionRequest as _coffer_v1_RevokeSessionRequest, RevokeSessionRequest__Output as _coffer_v1_RevokeSessionRequest__Output } from '../../coffer/v1/RevokeSessionRequest.js';
import type { RevokeSessionResponse as _coffer_v1_RevokeSessionResponse, RevokeSessionResponse__Output as _coffer_v1_RevokeSessionResponse__Output } from '../../coffer/v1/RevokeSessionResponse.js';
import type { RevokeTokenRequest as _coffer_v1_RevokeTokenRequest, RevokeTokenRequest__Output as _coffer_v1_RevokeTokenRequest__Output } from '../../coffer/v1/RevokeTokenRequest.js';
import type { RevokeTokenResponse as _coffer_v1_RevokeTokenResponse, RevokeTokenResponse__Output as _coffer_v1_RevokeTokenResponse__Output } from '../../coffer/v1/RevokeTokenResponse.js';
import type { SessionTokens as _coffer_v1_SessionTokens, SessionTokens__Output as _coffer_v1_SessionTokens__Output } from '../../coffer/v1/SessionTokens.js';
import type { SignInWithIdentityRequest as _coffer_v1_SignInWithIdentityRequest, SignInWithIdentityRequest__Output as _coffer_v1_SignInWithIdentityRequest__Output } from '../../coffer/v1/SignInWithIdentityRequest.js';
import type { SignupRequest as _coffer_v1_SignupRequest, SignupRequest__Output as _coffer_v1_SignupRequest__Output } from '../../coffer/v1/SignupRequest.js';
import type { SignupResponse as _coffer_v1_SignupResponse, SignupResponse__Output as _coffer_v1_SignupResponse__Output } from '../../coffer/v1/SignupResponse.js';
import type { StartDeviceAuthorizationRequest as _coffer_v1_StartDeviceAuthorizationRequest, StartDeviceAuthorizationRequest__Output as _coffer_v1_StartDeviceAuthorizationRequest__Output } from '../../coffer/v1/StartDeviceAuthorizationRequest.js';
import type { TwoFactorEnrolment as _coffer_v1_TwoFactorEnrolment, TwoFactorEnrolment__Output as _coffer_v1_TwoFactorEnrolment__Output } from '../../coffer/v1/TwoFactorEnrolment.js';
import type { TwoFactorStatus as _coffer_v1_TwoFactorStatus, TwoFactorStatus__Output as _coffer_v1_TwoFactorStatus__Output } from '../../coffer/v1/TwoFactorStatus.js';
import type { UpdateOrgSettingsRequest as _coffer_v1_UpdateOrgSettingsRequest, UpdateOrgSettingsRequest__Output as _coffer_v1_UpdateOrgSettingsRequest__Output } from '../../coffer/v1/UpdateOrgSettingsRequest.js';
import type { VerifyEmailRequest as _coffer_v1_VerifyEmailRequest, VerifyEmailRequest__Output as _coffer_v1_VerifyEmailRequest__Output } from '../../coffer/v1/VerifyEmailRequest.js';
import type { VerifyEmailResponse as _coffer_v1_VerifyEmailResponse, VerifyEmailResponse__Output as _coffer_v1_VerifyEmailResponse__Output } from '../../coffer/v1/VerifyEmailResponse.js';
import type { WhoAmIRequest as _coffer_v1_WhoAmIRequest, WhoAmIRequest__Output as _coffer_v1_WhoAmIRequest__Output } from '../../coffer/v1/WhoAmIRequest.js';
import type { WhoAmIResponse as _coffer_v1_WhoAmIResponse, WhoAmIResponse__Output as _coffer_v1_WhoAmIResponse__Output } from '../../coffer/v1/WhoAmIResponse.js';

export interface AuthServiceClient extends grpc.Client {
  AcceptInvitation(argument: _coffer_v1_AcceptInvitationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_AcceptInvitationResponse__Output>): grpc.ClientUnaryCall;
  AcceptInvitation(argument: _coffer_v1_AcceptInvitationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_AcceptInvitationResponse__Output>): grpc.ClientUnaryCall;
  AcceptInvitation(argument: _coffer_v1_AcceptInvitationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_AcceptInvitationResponse__Output>): grpc.ClientUnaryCall;
  AcceptInvitation(argument: _coffer_v1_AcceptInvitationRequest, callback: grpc.requestCallback<_coffer_v1_AcceptInvitationResponse__Output>): grpc.ClientUnaryCall;
  acceptInvitation(argument: _coffer_v1_AcceptInvitationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_AcceptInvitationResponse__Output>): grpc.ClientUnaryCall;
  acceptInvitation(argument: _coffer_v1_AcceptInvitationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_AcceptInvitationResponse__Output>): grpc.ClientUnaryCall;
  acceptInvitation(argument: _coffer_v1_AcceptInvitationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_AcceptInvitationResponse__Output>): grpc.ClientUnaryCall;
  acceptInvitation(argument: _coffer_v1_AcceptInvitationRequest, callback: grpc.requestCallback<_coffer_v1_AcceptInvitationResponse__Output>): grpc.ClientUnaryCall;
  
  ApproveDeviceAuthorization(argument: _coffer_v1_DeviceUserCodeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_DeviceDecisionResponse__Output>): grpc.ClientUnaryCall;
  ApproveDeviceAuthorization(argument: _coffer_v1_DeviceUserCodeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_DeviceDecisionResponse__Output>): grpc.ClientUnaryCall;
  ApproveDeviceAuthorization(argument: _coffer_v1_DeviceUserCodeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_DeviceDecisionResponse__Output>): grpc.ClientUnaryCall;
  ApproveDeviceAuthorization(argument: _coffer_v1_DeviceUserCodeRequest, callback: grpc.requestCallback<_coffer_v1_DeviceDecisionResponse__Output>): grpc.ClientUnaryCall;
  approveDeviceAuthorization(argument: _coffer_v1_DeviceUserCodeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_DeviceDecisionResponse__Output>): grpc.ClientUnaryCall;
  approveDeviceAuthorization(argument: _coffer_v1_DeviceUserCodeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_DeviceDecisionResponse__Output>): grpc.ClientUnaryCall;
  approveDeviceAuthorization(argument: _coffer_v1_DeviceUserCodeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_DeviceDecisionResponse__Output>): grpc.ClientUnaryCall;
  approveDeviceAuthorization(argument: _coffer_v1_DeviceUserCodeRequest, callback: grpc.requestCallback<_coffer_v1_DeviceDecisionResponse__Output>): grpc.ClientUnaryCall;
  
  Authenticate(argument: _coffer_v1_AuthenticateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Principal__Output>): grpc.ClientUnaryCall;
  Authenticate(argument: _coffer_v1_AuthenticateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_Principal__Output>): grpc.ClientUnaryCall;
  Authenticate(argument: _coffer_v1_AuthenticateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Principal__Output>): grpc.ClientUnaryCall;
  Authenticate(argument: _coffer_v1_AuthenticateRequest, callback: grpc.requestCallback<_coffer_v1_Principal__Output>): grpc.ClientUnaryCall;
  authenticate(argument: _coffer_v1_AuthenticateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Principal__Output>): grpc.ClientUnaryCall;
  authenticate(argument: _coffer_v1_AuthenticateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_Principal__Output>): grpc.ClientUnaryCall;
  authenticate(argument: _coffer_v1_AuthenticateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Principal__Output>): grpc.ClientUnaryCall;
  authenticate(argument: _coffer_v1_AuthenticateRequest, callback: grpc.requestCallback<_coffer_v1_Principal__Output>): grpc.ClientUnaryCall;
  
  BeginTwoFactor(argument: _coffer_v1_BeginTwoFactorRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_TwoFactorEnrolment__Output>): grpc.ClientUnaryCall;
  BeginTwoFactor(argument: _coffer_v1_BeginTwoFactorRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_TwoFactorEnrolment__Output>): grpc.ClientUnaryCall;
  BeginTwoFactor(argument: _coffer_v1_BeginTwoFactorRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_TwoFactorEnrolment__Output>): grpc.ClientUnaryCall;
  BeginTwoFactor(argument: _coffer_v1_BeginTwoFactorRequest, callback: grpc.requestCallback<_coffer_v1_TwoFactorEnrolment__Output>): grpc.ClientUnaryCall;
  beginTwoFactor(argument: _coffer_v1_BeginTwoFactorRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_TwoFactorEnrolment__Output>): grpc.ClientUnaryCall;
  beginTwoFactor(argument: _coffer_v1_BeginTwoFactorRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_TwoFactorEnrolment__Output>): grpc.ClientUnaryCall;
  beginTwoFactor(argument: _coffer_v1_BeginTwoFactorRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_TwoFactorEnrolment__Output>): grpc.ClientUnaryCall;
  beginTwoFactor(argument: _coffer_v1_BeginTwoFactorRequest, callback: grpc.requestCallback<_coffer_v1_TwoFactorEnrolment__Output>): grpc.ClientUnaryCall;
  
  Bootstrap(argument: _coffer_v1_BootstrapRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_BootstrapResponse__Output>): grpc.ClientUnaryCall;
  Bootstrap(argument: _coffer_v1_BootstrapRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_BootstrapResponse__Output>): grpc.ClientUnaryCall;
  Bootstrap(argument: _coffer_v1_BootstrapRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_BootstrapResponse__Output>): grpc.ClientUnaryCall;
  Bootstrap(argument: _coffer_v1_BootstrapRequest, callback: grpc.requestCallback<_coffer_v1_BootstrapResponse__Output>): grpc.ClientUnaryCall;
  bootstrap(argument: _coffer_v1_BootstrapRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_BootstrapResponse__Output>): grpc.ClientUnaryCall;
  bootstrap(argument: _coffer_v1_BootstrapRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_BootstrapResponse__Output>): grpc.ClientUnaryCall;
  bootstrap(argument: _coffer_v1_BootstrapRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_BootstrapResponse__Output>): grpc.ClientUnaryCall;
  bootstrap(argument: _coffer_v1_BootstrapRequest, callback: grpc.requestCallback<_coffer_v1_BootstrapResponse__Output>): grpc.ClientUnaryCall;
  
  ConfirmTwoFactor(argument: _coffer_v1_ConfirmTwoFactorRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ConfirmTwoFactorResponse__Output>): grpc.ClientUnaryCall;
  ConfirmTwoFactor(argument: _coffer_v1_ConfirmTwoFactorRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ConfirmTwoFactorResponse__Output>): grpc.ClientUnaryCall;
  ConfirmTwoFactor(argument: _coffer_v1_ConfirmTwoFactorRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ConfirmTwoFactorResponse__Output>): grpc.ClientUnaryCall;
  ConfirmTwoFactor(argument: _coffer_v1_ConfirmTwoFactorRequest, callback: grpc.requestCallback<_coffer_v1_ConfirmTwoFactorResponse__Output>): grpc.ClientUnaryCall;
  confirmTwoFactor(argument: _coffer_v1_ConfirmTwoFactorRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ConfirmTwoFactorResponse__Output>): grpc.ClientUnaryCall;
  confirmTwoFactor(argument: _coffer_v1_ConfirmTwoFactorRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ConfirmTwoFactorResponse__Output>): grpc.ClientUnaryCall;
  confirmTwoFactor(argument: _coffer_v1_ConfirmTwoFactorRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ConfirmTwoFactorResponse__Output>): grpc.ClientUnaryCall;
  confirmTwoFactor(argument: _coffer_v1_ConfirmTwoFactorRequest, callback: grpc.requestCallback<_coffer_v1_ConfirmTwoFactorResponse__Output>): grpc.ClientUnaryCall;
  
  CreateEnvironment(argument: _coffer_v1_CreateEnvironmentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Environment__Output>): grpc.ClientUnaryCall;
  CreateEnvironment(argument: _coffer_v1_CreateEnvironmentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_Environment__Output>): grpc.ClientUnaryCall;
  CreateEnvironment(argument: _coffer_v1_CreateEnvironmentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Environment__Output>): grpc.ClientUnaryCall;
  CreateEnvironment(argument: _coffer_v1_CreateEnvironmentRequest, callback: grpc.requestCallback<_coffer_v1_Environment__Output>): grpc.ClientUnaryCall;
  createEnvironment(argument: _coffer_v1_CreateEnvironmentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Environment__Output>): grpc.ClientUnaryCall;
  createEnvironment(argument: _coffer_v1_CreateEnvironmentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_Environment__Output>): grpc.ClientUnaryCall;
  createEnvironment(argument: _coffer_v1_CreateEnvironmentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Environment__Output>): grpc.ClientUnaryCall;
  createEnvironment(argument: _coffer_v1_CreateEnvironmentRequest, callback: grpc.requestCallback<_coffer_v1_Environment__Output>): grpc.ClientUnaryCall;
  
  CreateInvitation(argument: _coffer_v1_CreateInvitationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Invitation__Output>): grpc.ClientUnaryCall;
  CreateInvitation(argument: _coffer_v1_CreateInvitationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_Invitation__Output>): grpc.ClientUnaryCall;
  CreateInvitation(argument: _coffer_v1_CreateInvitationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Invitation__Output>): grpc.ClientUnaryCall;
  CreateInvitation(argument: _coffer_v1_CreateInvitationRequest, callback: grpc.requestCallback<_coffer_v1_Invitation__Output>): grpc.ClientUnaryCall;
  createInvitation(argument: _coffer_v1_CreateInvitationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Invitation__Output>): grpc.ClientUnaryCall;
  createInvitation(argument: _coffer_v1_CreateInvitationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_Invitation__Output>): grpc.ClientUnaryCall;
  createInvitation(argument: _coffer_v1_CreateInvitationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Invitation__Output>): grpc.ClientUnaryCall;
  createInvitation(argument: _coffer_v1_CreateInvitationRequest, callback: grpc.requestCallback<_coffer_v1_Invitation__Output>): grpc.ClientUnaryCall;
  
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
  
  DenyDeviceAuthorization(argument: _coffer_v1_DeviceUserCodeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_DeviceDecisionResponse__Output>): grpc.ClientUnaryCall;
  DenyDeviceAuthorization(argument: _coffer_v1_DeviceUserCodeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_DeviceDecisionResponse__Output>): grpc.ClientUnaryCall;
  DenyDeviceAuthorization(argument: _coffer_v1_DeviceUserCodeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_DeviceDecisionResponse__Output>): grpc.ClientUnaryCall;
  DenyDeviceAuthorization(argument: _coffer_v1_DeviceUserCodeRequest, callback: grpc.requestCallback<_coffer_v1_DeviceDecisionResponse__Output>): grpc.ClientUnaryCall;
  denyDeviceAuthorization(argument: _coffer_v1_DeviceUserCodeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_DeviceDecisionResponse__Output>): grpc.ClientUnaryCall;
  denyDeviceAuthorization(argument: _coffer_v1_DeviceUserCodeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_DeviceDecisionResponse__Output>): grpc.ClientUnaryCall;
  denyDeviceAuthorization(argument: _coffer_v1_DeviceUserCodeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_DeviceDecisionResponse__Output>): grpc.ClientUnaryCall;
  denyDeviceAuthorization(argument: _coffer_v1_DeviceUserCodeRequest, callback: grpc.requestCallback<_coffer_v1_DeviceDecisionResponse__Output>): grpc.ClientUnaryCall;
  
  DescribeDeviceAuthorization(argument: _coffer_v1_DeviceUserCodeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_DeviceAuthorizationDetails__Output>): grpc.ClientUnaryCall;
  DescribeDeviceAuthorization(argument: _coffer_v1_DeviceUserCodeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_DeviceAuthorizationDetails__Output>): grpc.ClientUnaryCall;
  DescribeDeviceAuthorization(argument: _coffer_v1_DeviceUserCodeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_DeviceAuthorizationDetails__Output>): grpc.ClientUnaryCall;
  DescribeDeviceAuthorization(argument: _coffer_v1_DeviceUserCodeRequest, callback: grpc.requestCallback<_coffer_v1_DeviceAuthorizationDetails__Output>): grpc.ClientUnaryCall;
  describeDeviceAuthorization(argument: _coffer_v1_DeviceUserCodeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_DeviceAuthorizationDetails__Output>): grpc.ClientUnaryCall;
  describeDeviceAuthorization(argument: _coffer_v1_DeviceUserCodeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_DeviceAuthorizationDetails__Output>): grpc.ClientUnaryCall;
  describeDeviceAuthorization(argument: _coffer_v1_DeviceUserCodeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_DeviceAuthorizationDetails__Output>): grpc.ClientUnaryCall;
  describeDeviceAuthorization(argument: _coffer_v1_DeviceUserCodeRequest, callback: grpc.requestCallback<_coffer_v1_DeviceAuthorizationDetails__Output>): grpc.ClientUnaryCall;
  
  DisableTwoFactor(argument: _coffer_v1_DisableTwoFactorRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_DisableTwoFactorResponse__Output>): grpc.ClientUnaryCall;
  DisableTwoFactor(argument: _coffer_v1_DisableTwoFactorRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_DisableTwoFactorResponse__Output>): grpc.ClientUnaryCall;
  DisableTwoFactor(argument: _coffer_v1_DisableTwoFactorRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_DisableTwoFactorResponse__Output>): grpc.ClientUnaryCall;
  DisableTwoFactor(argument: _coffer_v1_DisableTwoFactorRequest, callback: grpc.requestCallback<_coffer_v1_DisableTwoFactorResponse__Output>): grpc.ClientUnaryCall;
  disableTwoFactor(argument: _coffer_v1_DisableTwoFactorRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_DisableTwoFactorResponse__Output>): grpc.ClientUnaryCall;
  disableTwoFactor(argument: _coffer_v1_DisableTwoFactorRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_DisableTwoFactorResponse__Output>): grpc.ClientUnaryCall;
  disableTwoFactor(argument: _coffer_v1_DisableTwoFactorRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_DisableTwoFactorResponse__Output>): grpc.ClientUnaryCall;
  disableTwoFactor(argument: _coffer_v1_DisableTwoFactorRequest, callback: grpc.requestCallback<_coffer_v1_DisableTwoFactorResponse__Output>): grpc.ClientUnaryCall;
  
  ForgotPassword(argument: _coffer_v1_ForgotPasswordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ForgotPasswordResponse__Output>): grpc.ClientUnaryCall;
  ForgotPassword(argument: _coffer_v1_ForgotPasswordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ForgotPasswordResponse__Output>): grpc.ClientUnaryCall;
  ForgotPassword(argument: _coffer_v1_ForgotPasswordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ForgotPasswordResponse__Output>): grpc.ClientUnaryCall;
  ForgotPassword(argument: _coffer_v1_ForgotPasswordRequest, callback: grpc.requestCallback<_coffer_v1_ForgotPasswordResponse__Output>): grpc.ClientUnaryCall;
  forgotPassword(argument: _coffer_v1_ForgotPasswordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ForgotPasswordResponse__Output>): grpc.ClientUnaryCall;
  forgotPassword(argument: _coffer_v1_ForgotPasswordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ForgotPasswordResponse__Output>): grpc.ClientUnaryCall;
  forgotPassword(argument: _coffer_v1_ForgotPasswordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ForgotPasswordResponse__Output>): grpc.ClientUnaryCall;
  forgotPassword(argument: _coffer_v1_ForgotPasswordRequest, callback: grpc.requestCallback<_coffer_v1_ForgotPasswordResponse__Output>): grpc.ClientUnaryCall;
  
  GetJwks(argument: _coffer_v1_GetJwksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_GetJwksResponse__Output>): grpc.ClientUnaryCall;
  GetJwks(argument: _coffer_v1_GetJwksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_GetJwksResponse__Output>): grpc.ClientUnaryCall;
  GetJwks(argument: _coffer_v1_GetJwksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_GetJwksResponse__Output>): grpc.ClientUnaryCall;
  GetJwks(argument: _coffer_v1_GetJwksRequest, callback: grpc.requestCallback<_coffer_v1_GetJwksResponse__Output>): grpc.ClientUnaryCall;
  getJwks(argument: _coffer_v1_GetJwksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_GetJwksResponse__Output>): grpc.ClientUnaryCall;
  getJwks(argument: _coffer_v1_GetJwksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_GetJwksResponse__Output>): grpc.ClientUnaryCall;
  getJwks(argument: _coffer_v1_GetJwksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_GetJwksResponse__Output>): grpc.ClientUnaryCall;
  getJwks(argument: _coffer_v1_GetJwksRequest, callback: grpc.requestCallback<_coffer_v1_GetJwksResponse__Output>): grpc.ClientUnaryCall;
  
  GetOrgSettings(argument: _coffer_v1_GetOrgSettingsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_OrgSettings__Output>): grpc.ClientUnaryCall;
  GetOrgSettings(argument: _coffer_v1_GetOrgSettingsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_OrgSettings__Output>): grpc.ClientUnaryCall;
  GetOrgSettings(argument: _coffer_v1_GetOrgSettingsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_OrgSettings__Output>): grpc.ClientUnaryCall;
  GetOrgSettings(argument: _coffer_v1_GetOrgSettingsRequest, callback: grpc.requestCallback<_coffer_v1_OrgSettings__Output>): grpc.ClientUnaryCall;
  getOrgSettings(argument: _coffer_v1_GetOrgSettingsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_OrgSettings__Output>): grpc.ClientUnaryCall;
  getOrgSettings(argument: _coffer_v1_GetOrgSettingsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_OrgSettings__Output>): grpc.ClientUnaryCall;
  getOrgSettings(argument: _coffer_v1_GetOrgSettingsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_OrgSettings__Output>): grpc.ClientUnaryCall;
  getOrgSettings(argument: _coffer_v1_GetOrgSettingsRequest, callback: grpc.requestCallback<_coffer_v1_OrgSettings__Output>): grpc.ClientUnaryCall;
  
  GetTwoFactor(argument: _coffer_v1_GetTwoFactorRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_TwoFactorStatus__Output>): grpc.ClientUnaryCall;
  GetTwoFactor(argument: _coffer_v1_GetTwoFactorRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_TwoFactorStatus__Output>): grpc.ClientUnaryCall;
  GetTwoFactor(argument: _coffer_v1_GetTwoFactorRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_TwoFactorStatus__Output>): grpc.ClientUnaryCall;
  GetTwoFactor(argument: _coffer_v1_GetTwoFactorRequest, callback: grpc.requestCallback<_coffer_v1_TwoFactorStatus__Output>): grpc.ClientUnaryCall;
  getTwoFactor(argument: _coffer_v1_GetTwoFactorRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_TwoFactorStatus__Output>): grpc.ClientUnaryCall;
  getTwoFactor(argument: _coffer_v1_GetTwoFactorRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_TwoFactorStatus__Output>): grpc.ClientUnaryCall;
  getTwoFactor(argument: _coffer_v1_GetTwoFactorRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_TwoFactorStatus__Output>): grpc.ClientUnaryCall;
  getTwoFactor(argument: _coffer_v1_GetTwoFactorRequest, callback: grpc.requestCallback<_coffer_v1_TwoFactorStatus__Output>): grpc.ClientUnaryCall;
  
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
  
  ListSessions(argument: _coffer_v1_ListSessionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  ListSessions(argument: _coffer_v1_ListSessionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  ListSessions(argument: _coffer_v1_ListSessionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  ListSessions(argument: _coffer_v1_ListSessionsRequest, callback: grpc.requestCallback<_coffer_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  listSessions(argument: _coffer_v1_ListSessionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  listSessions(argument: _coffer_v1_ListSessionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  listSessions(argument: _coffer_v1_ListSessionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  listSessions(argument: _coffer_v1_ListSessionsRequest, callback: grpc.requestCallback<_coffer_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  
  Login(argument: _coffer_v1_LoginRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  Login(argument: _coffer_v1_LoginRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  Login(argument: _coffer_v1_LoginRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  Login(argument: _coffer_v1_LoginRequest, callback: grpc.requestCallback<_coffer_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  login(argument: _coffer_v1_LoginRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  login(argument: _coffer_v1_LoginRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  login(argument: _coffer_v1_LoginRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  login(argument: _coffer_v1_LoginRequest, callback: grpc.requestCallback<_coffer_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  
  LoginSecondFactor(argument: _coffer_v1_LoginSecondFactorRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  LoginSecondFactor(argument: _coffer_v1_LoginSecondFactorRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  LoginSecondFactor(argument: _coffer_v1_LoginSecondFactorRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  LoginSecondFactor(argument: _coffer_v1_LoginSecondFactorRequest, callback: grpc.requestCallback<_coffer_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  loginSecondFactor(argument: _coffer_v1_LoginSecondFactorRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  loginSecondFactor(argument: _coffer_v1_LoginSecondFactorRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  loginSecondFactor(argument: _coffer_v1_LoginSecondFactorRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  loginSecondFactor(argument: _coffer_v1_LoginSecondFactorRequest, callback: grpc.requestCallback<_coffer_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  
  Logout(argument: _coffer_v1_LogoutRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  Logout(argument: _coffer_v1_LogoutRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  Logout(argument: _coffer_v1_LogoutRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  Logout(argument: _coffer_v1_LogoutRequest, callback: grpc.requestCallback<_coffer_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  logout(argument: _coffer_v1_LogoutRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  logout(argument: _coffer_v1_LogoutRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  logout(argument: _coffer_v1_LogoutRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  logout(argument: _coffer_v1_LogoutRequest, callback: grpc.requestCallback<_coffer_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  
  PollDeviceToken(argument: _coffer_v1_PollDeviceTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_PollDeviceTokenResponse__Output>): grpc.ClientUnaryCall;
  PollDeviceToken(argument: _coffer_v1_PollDeviceTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_PollDeviceTokenResponse__Output>): grpc.ClientUnaryCall;
  PollDeviceToken(argument: _coffer_v1_PollDeviceTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_PollDeviceTokenResponse__Output>): grpc.ClientUnaryCall;
  PollDeviceToken(argument: _coffer_v1_PollDeviceTokenRequest, callback: grpc.requestCallback<_coffer_v1_PollDeviceTokenResponse__Output>): grpc.ClientUnaryCall;
  pollDeviceToken(argument: _coffer_v1_PollDeviceTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_PollDeviceTokenResponse__Output>): grpc.ClientUnaryCall;
  pollDeviceToken(argument: _coffer_v1_PollDeviceTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_PollDeviceTokenResponse__Output>): grpc.ClientUnaryCall;
  pollDeviceToken(argument: _coffer_v1_PollDeviceTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_PollDeviceTokenResponse__Output>): grpc.ClientUnaryCall;
  pollDeviceToken(argument: _coffer_v1_PollDeviceTokenRequest, callback: grpc.requestCallback<_coffer_v1_PollDeviceTokenResponse__Output>): grpc.ClientUnaryCall;
  
  Refresh(argument: _coffer_v1_RefreshRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_SessionTokens__Output>): grpc.ClientUnaryCall;
  Refresh(argument: _coffer_v1_RefreshRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_SessionTokens__Output>): grpc.ClientUnaryCall;
  Refresh(argument: _coffer_v1_RefreshRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_SessionTokens__Output>): grpc.ClientUnaryCall;
  Refresh(argument: _coffer_v1_RefreshRequest, callback: grpc.requestCallback<_coffer_v1_SessionTokens__Output>): grpc.ClientUnaryCall;
  refresh(argument: _coffer_v1_RefreshRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_SessionTokens__Output>): grpc.ClientUnaryCall;
  refresh(argument: _coffer_v1_RefreshRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_SessionTokens__Output>): grpc.ClientUnaryCall;
  refresh(argument: _coffer_v1_RefreshRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_SessionTokens__Output>): grpc.ClientUnaryCall;
  refresh(argument: _coffer_v1_RefreshRequest, callback: grpc.requestCallback<_coffer_v1_SessionTokens__Output>): grpc.ClientUnaryCall;
  
  ResetPassword(argument: _coffer_v1_ResetPasswordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ResetPasswordResponse__Output>): grpc.ClientUnaryCall;
  ResetPassword(argument: _coffer_v1_ResetPasswordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ResetPasswordResponse__Output>): grpc.ClientUnaryCall;
  ResetPassword(argument: _coffer_v1_ResetPasswordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ResetPasswordResponse__Output>): grpc.ClientUnaryCall;
  ResetPassword(argument: _coffer_v1_ResetPasswordRequest, callback: grpc.requestCallback<_coffer_v1_ResetPasswordResponse__Output>): grpc.ClientUnaryCall;
  resetPassword(argument: _coffer_v1_ResetPasswordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ResetPasswordResponse__Output>): grpc.ClientUnaryCall;
  resetPassword(argument: _coffer_v1_ResetPasswordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ResetPasswordResponse__Output>): grpc.ClientUnaryCall;
  resetPassword(argument: _coffer_v1_ResetPasswordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ResetPasswordResponse__Output>): grpc.ClientUnaryCall;
  resetPassword(argument: _coffer_v1_ResetPasswordRequest, callback: grpc.requestCallback<_coffer_v1_ResetPasswordResponse__Output>): grpc.ClientUnaryCall;
  
  RevokeSession(argument: _coffer_v1_RevokeSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_RevokeSessionResponse__Output>): grpc.ClientUnaryCall;
  RevokeSession(argument: _coffer_v1_RevokeSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_RevokeSessionResponse__Output>): grpc.ClientUnaryCall;
  RevokeSession(argument: _coffer_v1_RevokeSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_RevokeSessionResponse__Output>): grpc.ClientUnaryCall;
  RevokeSession(argument: _coffer_v1_RevokeSessionRequest, callback: grpc.requestCallback<_coffer_v1_RevokeSessionResponse__Output>): grpc.ClientUnaryCall;
  revokeSession(argument: _coffer_v1_RevokeSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_RevokeSessionResponse__Output>): grpc.ClientUnaryCall;
  revokeSession(argument: _coffer_v1_RevokeSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_RevokeSessionResponse__Output>): grpc.ClientUnaryCall;
  revokeSession(argument: _coffer_v1_RevokeSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_RevokeSessionResponse__Output>): grpc.ClientUnaryCall;
  revokeSession(argument: _coffer_v1_RevokeSessionRequest, callback: grpc.requestCallback<_coffer_v1_RevokeSessionResponse__Output>): grpc.ClientUnaryCall;
  
  RevokeToken(argument: _coffer_v1_RevokeTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  RevokeToken(argument: _coffer_v1_RevokeTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  RevokeToken(argument: _coffer_v1_RevokeTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  RevokeToken(argument: _coffer_v1_RevokeTokenRequest, callback: grpc.requestCallback<_coffer_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _coffer_v1_RevokeTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _coffer_v1_RevokeTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _coffer_v1_RevokeTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _coffer_v1_RevokeTokenRequest, callback: grpc.requestCallback<_coffer_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  
  SignInWithIdentity(argument: _coffer_v1_SignInWithIdentityRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  SignInWithIdentity(argument: _coffer_v1_SignInWithIdentityRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  SignInWithIdentity(argument: _coffer_v1_SignInWithIdentityRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  SignInWithIdentity(argument: _coffer_v1_SignInWithIdentityRequest, callback: grpc.requestCallback<_coffer_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  signInWithIdentity(argument: _coffer_v1_SignInWithIdentityRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  signInWithIdentity(argument: _coffer_v1_SignInWithIdentityRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  signInWithIdentity(argument: _coffer_v1_SignInWithIdentityRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  signInWithIdentity(argument: _coffer_v1_SignInWithIdentityRequest, callback: grpc.requestCallback<_coffer_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  
  Signup(argument: _coffer_v1_SignupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_SignupResponse__Output>): grpc.ClientUnaryCall;
  Signup(argument: _coffer_v1_SignupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_SignupResponse__Output>): grpc.ClientUnaryCall;
  Signup(argument: _coffer_v1_SignupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_SignupResponse__Output>): grpc.ClientUnaryCall;
  Signup(argument: _coffer_v1_SignupRequest, callback: grpc.requestCallback<_coffer_v1_SignupResponse__Output>): grpc.ClientUnaryCall;
  signup(argument: _coffer_v1_SignupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_SignupResponse__Output>): grpc.ClientUnaryCall;
  signup(argument: _coffer_v1_SignupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_SignupResponse__Output>): grpc.ClientUnaryCall;
  signup(argument: _coffer_v1_SignupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_SignupResponse__Output>): grpc.ClientUnaryCall;
  signup(argument: _coffer_v1_SignupRequest, callback: grpc.requestCallback<_coffer_v1_SignupResponse__Output>): grpc.ClientUnaryCall;
  
  StartDeviceAuthorization(argument: _coffer_v1_StartDeviceAuthorizationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_DeviceAuthorization__Output>): grpc.ClientUnaryCall;
  StartDeviceAuthorization(argument: _coffer_v1_StartDeviceAuthorizationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_DeviceAuthorization__Output>): grpc.ClientUnaryCall;
  StartDeviceAuthorization(argument: _coffer_v1_StartDeviceAuthorizationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_DeviceAuthorization__Output>): grpc.ClientUnaryCall;
  StartDeviceAuthorization(argument: _coffer_v1_StartDeviceAuthorizationRequest, callback: grpc.requestCallback<_coffer_v1_DeviceAuthorization__Output>): grpc.ClientUnaryCall;
  startDeviceAuthorization(argument: _coffer_v1_StartDeviceAuthorizationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_DeviceAuthorization__Output>): grpc.ClientUnaryCall;
  startDeviceAuthorization(argument: _coffer_v1_StartDeviceAuthorizationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_DeviceAuthorization__Output>): grpc.ClientUnaryCall;
  startDeviceAuthorization(argument: _coffer_v1_StartDeviceAuthorizationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_DeviceAuthorization__Output>): grpc.ClientUnaryCall;
  startDeviceAuthorization(argument: _coffer_v1_StartDeviceAuthorizationRequest, callback: grpc.requestCallback<_coffer_v1_DeviceAuthorization__Output>): grpc.ClientUnaryCall;
  
  UpdateOrgSettings(argument: _coffer_v1_UpdateOrgSettingsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_OrgSettings__Output>): grpc.ClientUnaryCall;
  UpdateOrgSettings(argument: _coffer_v1_UpdateOrgSettingsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_OrgSettings__Output>): grpc.ClientUnaryCall;
  UpdateOrgSettings(argument: _coffer_v1_UpdateOrgSettingsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_OrgSettings__Output>): grpc.ClientUnaryCall;
  UpdateOrgSettings(argument: _coffer_v1_UpdateOrgSettingsRequest, callback: grpc.requestCallback<_coffer_v1_OrgSettings__Output>): grpc.ClientUnaryCall;
  updateOrgSettings(argument: _coffer_v1_UpdateOrgSettingsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_OrgSettings__Output>): grpc.ClientUnaryCall;
  updateOrgSettings(argument: _coffer_v1_UpdateOrgSettingsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_OrgSettings__Output>): grpc.ClientUnaryCall;
  updateOrgSettings(argument: _coffer_v1_UpdateOrgSettingsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_OrgSettings__Output>): grpc.ClientUnaryCall;
  updateOrgSettings(argument: _coffer_v1_UpdateOrgSettingsRequest, callback: grpc.requestCallback<_coffer_v1_OrgSettings__Output>): grpc.ClientUnaryCall;
  
  VerifyEmail(argument: _coffer_v1_VerifyEmailRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_VerifyEmailResponse__Output>): grpc.ClientUnaryCall;
  VerifyEmail(argument: _coffer_v1_VerifyEmailRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_VerifyEmailResponse__Output>): grpc.ClientUnaryCall;
  VerifyEmail(argument: _coffer_v1_VerifyEmailRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_VerifyEmailResponse__Output>): grpc.ClientUnaryCall;
  VerifyEmail(argument: _coffer_v1_VerifyEmailRequest, callback: grpc.requestCallback<_coffer_v1_VerifyEmailResponse__Output>): grpc.ClientUnaryCall;
  verifyEmail(argument: _coffer_v1_VerifyEmailRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_VerifyEmailResponse__Output>): grpc.ClientUnaryCall;
  verifyEmail(argument: _coffer_v1_VerifyEmailRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_VerifyEmailResponse__Output>): grpc.ClientUnaryCall;
  verifyEmail(argument: _coffer_v1_VerifyEmailRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_VerifyEmailResponse__Output>): grpc.ClientUnaryCall;
  verifyEmail(argument: _coffer_v1_VerifyEmailRequest, callback: grpc.requestCallback<_coffer_v1_VerifyEmailResponse__Output>): grpc.ClientUnaryCall;
  
  WhoAmI(argument: _coffer_v1_WhoAmIRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_WhoAmIResponse__Output>): grpc.ClientUnaryCall;
  WhoAmI(argument: _coffer_v1_WhoAmIRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_WhoAmIResponse__Output>): grpc.ClientUnaryCall;
  WhoAmI(argument: _coffer_v1_WhoAmIRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_WhoAmIResponse__Output>): grpc.ClientUnaryCall;
  WhoAmI(argument: _coffer_v1_WhoAmIRequest, callback: grpc.requestCallback<_coffer_v1_WhoAmIResponse__Output>): grpc.ClientUnaryCall;
  whoAmI(argument: _coffer_v1_WhoAmIRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_WhoAmIResponse__Output>): grpc.ClientUnaryCall;
  whoAmI(argument: _coffer_v1_WhoAmIRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_WhoAmIResponse__Output>): grpc.ClientUnaryCall;
  whoAmI(argument: _coffer_v1_WhoAmIRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_WhoAmIResponse__Output>): grpc.ClientUnaryCall;
  whoAmI(argument: _coffer_v1_WhoAmIRequest, callback: grpc.requestCallback<_coffer_v1_WhoAmIResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface AuthServiceHandlers extends grpc.UntypedServiceImplementation {
  AcceptInvitation: grpc.handleUnaryCall<_coffer_v1_AcceptInvitationRequest__Output, _coffer_v1_AcceptInvitationResponse>;
  
  ApproveDeviceAuthorization: grpc.handleUnaryCall<_coffer_v1_DeviceUserCodeRequest__Output, _coffer_v1_DeviceDecisionResponse>;
  
  Authenticate: grpc.handleUnaryCall<_coffer_v1_AuthenticateRequest__Output, _coffer_v1_Principal>;
  
  BeginTwoFactor: grpc.handleUnaryCall<_coffer_v1_BeginTwoFactorRequest__Output, _coffer_v1_TwoFactorEnrolment>;
  
  Bootstrap: grpc.handleUnaryCall<_coffer_v1_BootstrapRequest__Output, _coffer_v1_BootstrapResponse>;
  
  ConfirmTwoFactor: grpc.handleUnaryCall<_coffer_v1_ConfirmTwoFactorRequest__Output, _coffer_v1_ConfirmTwoFactorResponse>;
  
  CreateEnvironment: grpc.handleUnaryCall<_coffer_v1_CreateEnvironmentRequest__Output, _coffer_v1_Environment>;
  
  CreateInvitation: grpc.handleUnaryCall<_coffer_v1_CreateInvitationRequest__Output, _coffer_v1_Invitation>;
  
  CreateOrg: grpc.handleUnaryCall<_coffer_v1_CreateOrgRequest__Output, _coffer_v1_CreateOrgResponse>;
  
  CreateProject: grpc.handleUnaryCall<_coffer_v1_CreateProjectRequest__Output, _coffer_v1_Project>;
  
  CreateToken: grpc.handleUnaryCall<_coffer_v1_CreateTokenRequest__Output, _coffer_v1_CreateTokenResponse>;
  
  DenyDeviceAuthorization: grpc.handleUnaryCall<_coffer_v1_DeviceUserCodeRequest__Output, _coffer_v1_DeviceDecisionResponse>;
  
  DescribeDeviceAuthorization: grpc.handleUnaryCall<_coffer_v1_DeviceUserCodeRequest__Output, _coffer_v1_DeviceAuthorizationDetails>;
  
  DisableTwoFactor: grpc.handleUnaryCall<_coffer_v1_DisableTwoFactorRequest__Output, _coffer_v1_DisableTwoFactorResponse>;
  
  ForgotPassword: grpc.handleUnaryCall<_coffer_v1_ForgotPasswordRequest__Output, _coffer_v1_ForgotPasswordResponse>;
  
  GetJwks: grpc.handleUnaryCall<_coffer_v1_GetJwksRequest__Output, _coffer_v1_GetJwksResponse>;
  
  GetOrgSettings: grpc.handleUnaryCall<_coffer_v1_GetOrgSettingsRequest__Output, _coffer_v1_OrgSettings>;
  
  GetTwoFactor: grpc.handleUnaryCall<_coffer_v1_GetTwoFactorRequest__Output, _coffer_v1_TwoFactorStatus>;
  
  ListEnvironments: grpc.handleUnaryCall<_coffer_v1_ListEnvironmentsRequest__Output, _coffer_v1_ListEnvironmentsResponse>;
  
  ListOrgs: grpc.handleUnaryCall<_coffer_v1_ListOrgsRequest__Output, _coffer_v1_ListOrgsResponse>;
  
  ListProjects: grpc.handleUnaryCall<_coffer_v1_ListProjectsRequest__Output, _coffer_v1_ListProjectsResponse>;
  
  ListSessions: grpc.handleUnaryCall<_coffer_v1_ListSessionsRequest__Output, _coffer_v1_ListSessionsResponse>;
  
  Login: grpc.handleUnaryCall<_coffer_v1_LoginRequest__Output, _coffer_v1_LoginResponse>;
  
  LoginSecondFactor: grpc.handleUnaryCall<_coffer_v1_LoginSecondFactorRequest__Output, _coffer_v1_LoginResponse>;
  
  Logout: grpc.handleUnaryCall<_coffer_v1_LogoutRequest__Output, _coffer_v1_LogoutResponse>;
  
  PollDeviceToken: grpc.handleUnaryCall<_coffer_v1_PollDeviceTokenRequest__Output, _coffer_v1_PollDeviceTokenResponse>;
  
  Refresh: grpc.handleUnaryCall<_coffer_v1_RefreshRequest__Output, _coffer_v1_SessionTokens>;
  
  ResetPassword: grpc.handleUnaryCall<_coffer_v1_ResetPasswordRequest__Output, _coffer_v1_ResetPasswordResponse>;
  
  RevokeSession: grpc.handleUnaryCall<_coffer_v1_RevokeSessionRequest__Output, _coffer_v1_RevokeSessionResponse>;
  
  RevokeToken: grpc.handleUnaryCall<_coffer_v1_RevokeTokenRequest__Output, _coffer_v1_RevokeTokenResponse>;
  
  SignInWithIdentity: grpc.handleUnaryCall<_coffer_v1_SignInWithIdentityRequest__Output, _coffer_v1_LoginResponse>;
  
  Signup: grpc.handleUnaryCall<_coffer_v1_SignupRequest__Output, _coffer_v1_SignupResponse>;
  
  StartDeviceAuthorization: grpc.handleUnaryCall<_coffer_v1_StartDeviceAuthorizationRequest__Output, _coffer_v1_DeviceAuthorization>;
  
  UpdateOrgSettings: grpc.handleUnaryCall<_coffer_v1_UpdateOrgSettingsRequest__Output, _coffer_v1_OrgSettings>;
  
  VerifyEmail: grpc.handleUnaryCall<_coffer_v1_VerifyEmailRequest__Output, _coffer_v1_VerifyEmailResponse>;
  
  WhoAmI: grpc.handleUnaryCall<_coffer_v1_WhoAmIRequest__Output, _coffer_v1_WhoAmIResponse>;
  
}

export interface AuthServiceDefinition extends grpc.ServiceDefinition {
  AcceptInvitation: MethodDefinition<_coffer_v1_AcceptInvitationRequest, _coffer_v1_AcceptInvitationResponse, _coffer_v1_AcceptInvitationRequest__Output, _coffer_v1_AcceptInvitationResponse__Output>
  ApproveDeviceAuthorization: MethodDefinition<_coffer_v1_DeviceUserCodeRequest, _coffer_v1_DeviceDecisionResponse, _coffer_v1_DeviceUserCodeRequest__Output, _coffer_v1_DeviceDecisionResponse__Output>
  Authenticate: MethodDefinition<_coffer_v1_AuthenticateRequest, _coffer_v1_Principal, _coffer_v1_AuthenticateRequest__Output, _coffer_v1_Principal__Output>
  BeginTwoFactor: MethodDefinition<_coffer_v1_BeginTwoFactorRequest, _coffer_v1_TwoFactorEnrolment, _coffer_v1_BeginTwoFactorRequest__Output, _coffer_v1_TwoFactorEnrolment__Output>
  Bootstrap: MethodDefinition<_coffer_v1_BootstrapRequest, _coffer_v1_BootstrapResponse, _coffer_v1_BootstrapRequest__Output, _coffer_v1_BootstrapResponse__Output>
  ConfirmTwoFactor: MethodDefinition<_coffer_v1_ConfirmTwoFactorRequest, _coffer_v1_ConfirmTwoFactorResponse, _coffer_v1_ConfirmTwoFactorRequest__Output, _coffer_v1_ConfirmTwoFactorResponse__Output>
  CreateEnvironment: MethodDefinition<_coffer_v1_CreateEnvironmentRequest, _coffer_v1_Environment, _coffer_v1_CreateEnvironmentRequest__Output, _coffer_v1_Environment__Output>
  CreateInvitation: MethodDefinition<_coffer_v1_CreateInvitationRequest, _coffer_v1_Invitation, _coffer_v1_CreateInvitationRequest__Output, _coffer_v1_Invitation__Output>
  CreateOrg: MethodDefinition<_coffer_v1_CreateOrgRequest, _coffer_v1_CreateOrgResponse, _coffer_v1_CreateOrgRequest__Output, _coffer_v1_CreateOrgResponse__Output>
  CreateProject: MethodDefinition<_coffer_v1_CreateProjectRequest, _coffer_v1_Project, _coffer_v1_CreateProjectRequest__Output, _coffer_v1_Project__Output>
  CreateToken: MethodDefinition<_coffer_v1_CreateTokenRequest, _coffer_v1_CreateTokenResponse, _coffer_v1_CreateTokenRequest__Output, _coffer_v1_CreateTokenResponse__Output>
  DenyDeviceAuthorization: MethodDefinition<_coffer_v1_DeviceUserCodeRequest, _coffer_v1_DeviceDecisionResponse, _coffer_v1_DeviceUserCodeRequest__Output, _coffer_v1_DeviceDecisionResponse__Output>
  DescribeDeviceAuthorization: MethodDefinition<_coffer_v1_DeviceUserCodeRequest, _coffer_v1_DeviceAuthorizationDetails, _coffer_v1_DeviceUserCodeRequest__Output, _coffer_v1_DeviceAuthorizationDetails__Output>
  DisableTwoFactor: MethodDefinition<_coffer_v1_DisableTwoFactorRequest, _coffer_v1_DisableTwoFactorResponse, _coffer_v1_DisableTwoFactorRequest__Output, _coffer_v1_DisableTwoFactorResponse__Output>
  ForgotPassword: MethodDefinition<_coffer_v1_ForgotPasswordRequest, _coffer_v1_ForgotPasswordResponse, _coffer_v1_ForgotPasswordRequest__Output, _coffer_v1_ForgotPasswordResponse__Output>
  GetJwks: MethodDefinition<_coffer_v1_GetJwksRequest, _coffer_v1_GetJwksResponse, _coffer_v1_GetJwksRequest__Output, _coffer_v1_GetJwksResponse__Output>
  GetOrgSettings: MethodDefinition<_coffer_v1_GetOrgSettingsRequest, _coffer_v1_OrgSettings, _coffer_v1_GetOrgSettingsRequest__Output, _coffer_v1_OrgSettings__Output>
  GetTwoFactor: MethodDefinition<_coffer_v1_GetTwoFactorRequest, _coffer_v1_TwoFactorStatus, _coffer_v1_GetTwoFactorRequest__Output, _coffer_v1_TwoFactorStatus__Output>
  ListEnvironments: MethodDefinition<_coffer_v1_ListEnvironmentsRequest, _coffer_v1_ListEnvironmentsResponse, _coffer_v1_ListEnvironmentsRequest__Output, _coffer_v1_ListEnvironmentsResponse__Output>
  ListOrgs: MethodDefinition<_coffer_v1_ListOrgsRequest, _coffer_v1_ListOrgsResponse, _coffer_v1_ListOrgsRequest__Output, _coffer_v1_ListOrgsResponse__Output>
  ListProjects: MethodDefinition<_coffer_v1_ListProjectsRequest, _coffer_v1_ListProjectsResponse, _coffer_v1_ListProjectsRequest__Output, _coffer_v1_ListProjectsResponse__Output>
  ListSessions: MethodDefinition<_coffer_v1_ListSessionsRequest, _coffer_v1_ListSessionsResponse, _coffer_v1_ListSessionsRequest__Output, _coffer_v1_ListSessionsResponse__Output>
  Login: MethodDefinition<_coffer_v1_LoginRequest, _coffer_v1_LoginResponse, _coffer_v1_LoginRequest__Output, _coffer_v1_LoginResponse__Output>
  LoginSecondFactor: MethodDefinition<_coffer_v1_LoginSecondFactorRequest, _coffer_v1_LoginResponse, _coffer_v1_LoginSecondFactorRequest__Output, _coffer_v1_LoginResponse__Output>
  Logout: MethodDefinition<_coffer_v1_LogoutRequest, _coffer_v1_LogoutResponse, _coffer_v1_LogoutRequest__Output, _coffer_v1_LogoutResponse__Output>
  PollDeviceToken: MethodDefinition<_coffer_v1_PollDeviceTokenRequest, _coffer_v1_PollDeviceTokenResponse, _coffer_v1_PollDeviceTokenRequest__Output, _coffer_v1_PollDeviceTokenResponse__Output>
  Refresh: MethodDefinition<_coffer_v1_RefreshRequest, _coffer_v1_SessionTokens, _coffer_v1_RefreshRequest__Output, _coffer_v1_SessionTokens__Output>
  ResetPassword: MethodDefinition<_coffer_v1_ResetPasswordRequest, _coffer_v1_ResetPasswordResponse, _coffer_v1_ResetPasswordRequest__Output, _coffer_v1_ResetPasswordResponse__Output>
  RevokeSession: MethodDefinition<_coffer_v1_RevokeSessionRequest, _coffer_v1_RevokeSessionResponse, _coffer_v1_RevokeSessionRequest__Output, _coffer_v1_RevokeSessionResponse__Output>
  RevokeToken: MethodDefinition<_coffer_v1_RevokeTokenRequest, _coffer_v1_RevokeTokenResponse, _coffer_v1_RevokeTokenRequest__Output, _coffer_v1_RevokeTokenResponse__Output>
  SignInWithIdentity: MethodDefinition<_coffer_v1_SignInWithIdentityRequest, _coffer_v1_LoginResponse, _coffer_v1_SignInWithIdentityRequest__Output, _coffer_v1_LoginResponse__Output>
  Signup: MethodDefinition<_coffer_v1_SignupRequest, _coffer_v1_SignupResponse, _coffer_v1_SignupRequest__Output, _coffer_v1_SignupResponse__Output>
  StartDeviceAuthorization: MethodDefinition<_coffer_v1_StartDeviceAuthorizationRequest, _coffer_v1_DeviceAuthorization, _coffer_v1_StartDeviceAuthorizationRequest__Output, _coffer_v1_DeviceAuthorization__Output>
  UpdateOrgSettings: MethodDefinition<_coffer_v1_UpdateOrgSettingsRequest, _coffer_v1_OrgSettings, _coffer_v1_UpdateOrgSettingsRequest__Output, _coffer_v1_OrgSettings__Output>
  VerifyEmail: MethodDefinition<_coffer_v1_VerifyEmailRequest, _coffer_v1_VerifyEmailResponse, _coffer_v1_VerifyEmailRequest__Output, _coffer_v1_VerifyEmailResponse__Output>
  WhoAmI: MethodDefinition<_coffer_v1_WhoAmIRequest, _coffer_v1_WhoAmIResponse, _coffer_v1_WhoAmIRequest__Output, _coffer_v1_WhoAmIResponse__Output>
}
