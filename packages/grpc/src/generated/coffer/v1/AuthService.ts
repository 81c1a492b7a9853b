// Original file: proto/coffer/v1/auth.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AcceptInvitationRequest as _coffer_v1_AcceptInvitationRequest, AcceptInvitationRequest__Output as _coffer_v1_AcceptInvitationRequest__Output } from '../../coffer/v1/AcceptInvitationRequest.js';
import type { AcceptInvitationResponse as _coffer_v1_AcceptInvitationResponse, AcceptInvitationResponse__Output as _coffer_v1_AcceptInvitationResponse__Output } from '../../coffer/v1/AcceptInvitationResponse.js';
import type { AuthenticateRequest as _coffer_v1_AuthenticateRequest, AuthenticateRequest__Output as _coffer_v1_AuthenticateRequest__Output } from '../../coffer/v1/AuthenticateRequest.js';
import type { BeginTwoFactorRequest as _coffer_v1_BeginTwoFactorRequest, BeginTwoFactorRequest__Output as _coffer_v1_BeginTwoFactorRequest__Output } from '../../coffer/v1/BeginTwoFactorRequest.js';
import type { BootstrapRequest as _coffer_v1_BootstrapRequest, BootstrapRequest__Output as _coffer_v1_BootstrapRequest__Output } from '../../coffer/v1/BootstrapRequest.js';
import type { BootstrapResponse as _coffer_v1_BootstrapResponse, BootstrapResponse__Output as _coffer_v1_BootstrapResponse__Output } from '../../coffer/v1/BootstrapResponse.js';
import type { BreakGlass as _coffer_v1_BreakGlass, BreakGlass__Output as _coffer_v1_BreakGlass__Output } from '../../coffer/v1/BreakGlass.js';
import type { BreakGlassIdRequest as _coffer_v1_BreakGlassIdRequest, BreakGlassIdRequest__Output as _coffer_v1_BreakGlassIdRequest__Output } from '../../coffer/v1/BreakGlassIdRequest.js';
import type { ConfirmTwoFactorRequest as _coffer_v1_ConfirmTwoFactorRequest, ConfirmTwoFactorRequest__Output as _coffer_v1_ConfirmTwoFactorRequest__Output } from '../../coffer/v1/ConfirmTwoFactorRequest.js';
import type { ConfirmTwoFactorResponse as _coffer_v1_ConfirmTwoFactorResponse, ConfirmTwoFactorResponse__Output as _coffer_v1_ConfirmTwoFactorResponse__Output } from '../../coffer/v1/ConfirmTwoFactorResponse.js';
import type { CreateEnvironmentRequest as _coffer_v1_CreateEnvironmentRequest, CreateEnvironmentRequest__Output as _coffer_v1_CreateEnvironmentRequest__Output } from '../../coffer/v1/CreateEnvironmentRequest.js';
import type { CreateInvitationRequest as _coffer_v1_CreateInvitationRequest, CreateInvitationRequest__Output as _coffer_v1_CreateInvitationRequest__Output } from '../../coffer/v1/CreateInvitationRequest.js';
import type { CreateOrgRequest as _coffer_v1_CreateOrgRequest, CreateOrgRequest__Output as _coffer_v1_CreateOrgRequest__Output } from '../../coffer/v1/CreateOrgRequest.js';
import type { CreateOrgResponse as _coffer_v1_CreateOrgResponse, CreateOrgResponse__Output as _coffer_v1_CreateOrgResponse__Output } from '../../coffer/v1/CreateOrgResponse.js';
import type { CreateProjectRequest as _coffer_v1_CreateProjectRequest, CreateProjectRequest__Output as _coffer_v1_CreateProjectRequest__Output } from '../../coffer/v1/CreateProjectRequest.js';
import type { CreateRoleRequest as _coffer_v1_CreateRoleRequest, CreateRoleRequest__Output as _coffer_v1_CreateRoleRequest__Output } from '../../coffer/v1/CreateRoleRequest.js';
import type { CreateServiceAccountRequest as _coffer_v1_CreateServiceAccountRequest, CreateServiceAccountRequest__Output as _coffer_v1_CreateServiceAccountRequest__Output } from '../../coffer/v1/CreateServiceAccountRequest.js';
import type { CreateTokenRequest as _coffer_v1_CreateTokenRequest, CreateTokenRequest__Output as _coffer_v1_CreateTokenRequest__Output } from '../../coffer/v1/CreateTokenRequest.js';
import type { CreateTokenResponse as _coffer_v1_CreateTokenResponse, CreateTokenResponse__Output as _coffer_v1_CreateTokenResponse__Output } from '../../coffer/v1/CreateTokenResponse.js';
import type { DeleteGrantRequest as _coffer_v1_DeleteGrantRequest, DeleteGrantRequest__Output as _coffer_v1_DeleteGrantRequest__Output } from '../../coffer/v1/DeleteGrantRequest.js';
import type { DeleteGrantResponse as _coffer_v1_DeleteGrantResponse, DeleteGrantResponse__Output as _coffer_v1_DeleteGrantResponse__Output } from '../../coffer/v1/DeleteGrantResponse.js';
import type { DeleteRoleRequest as _coffer_v1_DeleteRoleRequest, DeleteRoleRequest__Output as _coffer_v1_DeleteRoleRequest__Output } from '../../coffer/v1/DeleteRoleRequest.js';
import type { DeleteRoleResponse as _coffer_v1_DeleteRoleResponse, DeleteRoleResponse__Output as _coffer_v1_DeleteRoleResponse__Output } from '../../coffer/v1/DeleteRoleResponse.js';
import type { DeleteServiceAccountRequest as _coffer_v1_DeleteServiceAccountRequest, DeleteServiceAccountRequest__Output as _coffer_v1_DeleteServiceAccountRequest__Output } from '../../coffer/v1/DeleteServiceAccountRequest.js';
import type { DeleteServiceAccountResponse as _coffer_v1_DeleteServiceAccountResponse, DeleteServiceAccountResponse__Output as _coffer_v1_DeleteServiceAccountResponse__Output } from '../../coffer/v1/DeleteServiceAccountResponse.js';
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
import type { GrantRecord as _coffer_v1_GrantRecord, GrantRecord__Output as _coffer_v1_GrantRecord__Output } from '../../coffer/v1/GrantRecord.js';
import type { Invitation as _coffer_v1_Invitation, Invitation__Output as _coffer_v1_Invitation__Output } from '../../coffer/v1/Invitation.js';
import type { ListBreakGlassRequest as _coffer_v1_ListBreakGlassRequest, ListBreakGlassRequest__Output as _coffer_v1_ListBreakGlassRequest__Output } from '../../coffer/v1/ListBreakGlassRequest.js';
import type { ListBreakGlassResponse as _coffer_v1_ListBreakGlassResponse, ListBreakGlassResponse__Output as _coffer_v1_ListBreakGlassResponse__Output } from '../../coffer/v1/ListBreakGlassResponse.js';
import type { ListEnvironmentsRequest as _coffer_v1_ListEnvironmentsRequest, ListEnvironmentsRequest__Output as _coffer_v1_ListEnvironmentsRequest__Output } from '../../coffer/v1/ListEnvironmentsRequest.js';
import type { ListEnvironmentsResponse as _coffer_v1_ListEnvironmentsResponse, ListEnvironmentsResponse__Output as _coffer_v1_ListEnvironmentsResponse__Output } from '../../coffer/v1/ListEnvironmentsResponse.js';
import type { ListGrantsRequest as _coffer_v1_ListGrantsRequest, ListGrantsRequest__Output as _coffer_v1_ListGrantsRequest__Output } from '../../coffer/v1/ListGrantsRequest.js';
import type { ListGrantsResponse as _coffer_v1_ListGrantsResponse, ListGrantsResponse__Output as _coffer_v1_ListGrantsResponse__Output } from '../../coffer/v1/ListGrantsResponse.js';
import type { ListMembersRequest as _coffer_v1_ListMembersRequest, ListMembersRequest__Output as _coffer_v1_ListMembersRequest__Output } from '../../coffer/v1/ListMembersRequest.js';
import type { ListMembersResponse as _coffer_v1_ListMembersResponse, ListMembersResponse__Output as _coffer_v1_ListMembersResponse__Output } from '../../coffer/v1/ListMembersResponse.js';
import type { ListOrgsRequest as _coffer_v1_ListOrgsRequest, ListOrgsRequest__Output as _coffer_v1_ListOrgsRequest__Output } from '../../coffer/v1/ListOrgsRequest.js';
import type { ListOrgsResponse as _coffer_v1_ListOrgsResponse, ListOrgsResponse__Output as _coffer_v1_ListOrgsResponse__Output } from '../../coffer/v1/ListOrgsResponse.js';
import type { ListProjectsRequest as _coffer_v1_ListProjectsRequest, ListProjectsRequest__Output as _coffer_v1_ListProjectsRequest__Output } from '../../coffer/v1/ListProjectsRequest.js';
import type { ListProjectsResponse as _coffer_v1_ListProjectsResponse, ListProjectsResponse__Output as _coffer_v1_ListProjectsResponse__Output } from '../../coffer/v1/ListProjectsResponse.js';
import type { ListRolesRequest as _coffer_v1_ListRolesRequest, ListRolesRequest__Output as _coffer_v1_ListRolesRequest__Output } from '../../coffer/v1/ListRolesRequest.js';
import type { ListRolesResponse as _coffer_v1_ListRolesResponse, ListRolesResponse__Output as _coffer_v1_ListRolesResponse__Output } from '../../coffer/v1/ListRolesResponse.js';
import type { ListServiceAccountsRequest as _coffer_v1_ListServiceAccountsRequest, ListServiceAccountsRequest__Output as _coffer_v1_ListServiceAccountsRequest__Output } from '../../coffer/v1/ListServiceAccountsRequest.js';
import type { ListServiceAccountsResponse as _coffer_v1_ListServiceAccountsResponse, ListServiceAccountsResponse__Output as _coffer_v1_ListServiceAccountsResponse__Output } from '../../coffer/v1/ListServiceAccountsResponse.js';
import type { ListSessionsRequest as _coffer_v1_ListSessionsRequest, ListSessionsRequest__Output as _coffer_v1_ListSessionsRequest__Output } from '../../coffer/v1/ListSessionsRequest.js';
import type { ListSessionsResponse as _coffer_v1_ListSessionsResponse, ListSessionsResponse__Output as _coffer_v1_ListSessionsResponse__Output } from '../../coffer/v1/ListSessionsResponse.js';
import type { ListTokensRequest as _coffer_v1_ListTokensRequest, ListTokensRequest__Output as _coffer_v1_ListTokensRequest__Output } from '../../coffer/v1/ListTokensRequest.js';
import type { ListTokensResponse as _coffer_v1_ListTokensResponse, ListTokensResponse__Output as _coffer_v1_ListTokensResponse__Output } from '../../coffer/v1/ListTokensResponse.js';
import type { LoginRequest as _coffer_v1_LoginRequest, LoginRequest__Output as _coffer_v1_LoginRequest__Output } from '../../coffer/v1/LoginRequest.js';
import type { LoginResponse as _coffer_v1_LoginResponse, LoginResponse__Output as _coffer_v1_LoginResponse__Output } from '../../coffer/v1/LoginResponse.js';
import type { LoginSecondFactorRequest as _coffer_v1_LoginSecondFactorRequest, LoginSecondFactorRequest__Output as _coffer_v1_LoginSecondFactorRequest__Output } from '../../coffer/v1/LoginSecondFactorRequest.js';
import type { LogoutRequest as _coffer_v1_LogoutRequest, LogoutRequest__Output as _coffer_v1_LogoutRequest__Output } from '../../coffer/v1/LogoutRequest.js';
import type { LogoutResponse as _coffer_v1_LogoutResponse, LogoutResponse__Output as _coffer_v1_LogoutResponse__Output } from '../../coffer/v1/LogoutResponse.js';
import type { Member as _coffer_v1_Member, Member__Output as _coffer_v1_Member__Output } from '../../coffer/v1/Member.js';
import type { OpenBreakGlassRequest as _coffer_v1_OpenBreakGlassRequest, OpenBreakGlassRequest__Output as _coffer_v1_OpenBreakGlassRequest__Output } from '../../coffer/v1/OpenBreakGlassRequest.js';
import type { OrgSettings as _coffer_v1_OrgSettings, OrgSettings__Output as _coffer_v1_OrgSettings__Output } from '../../coffer/v1/OrgSettings.js';
import type { PollDeviceTokenRequest as _coffer_v1_PollDeviceTokenRequest, PollDeviceTokenRequest__Output as _coffer_v1_PollDeviceTokenRequest__Output } from '../../coffer/v1/PollDeviceTokenRequest.js';
import type { PollDeviceTokenResponse as _coffer_v1_PollDeviceTokenResponse, PollDeviceTokenResponse__Output as _coffer_v1_PollDeviceTokenResponse__Output } from '../../coffer/v1/PollDeviceTokenResponse.js';
import type { Principal as _coffer_v1_Principal, Principal__Output as _coffer_v1_Principal__Output } from '../../coffer/v1/Principal.js';
import type { Project as _coffer_v1_Project, Project__Output as _coffer_v1_Project__Output } from '../../coffer/v1/Project.js';
import type { PutGrantRequest as _coffer_v1_PutGrantRequest, PutGrantRequest__Output as _coffer_v1_PutGrantRequest__Output } from '../../coffer/v1/PutGrantRequest.js';
import type { RefreshRequest as _coffer_v1_RefreshRequest, RefreshRequest__Output as _coffer_v1_RefreshRequest__Output } from '../../coffer/v1/RefreshRequest.js';
import type { RemoveMemberRequest as _coffer_v1_RemoveMemberRequest, RemoveMemberRequest__Output as _coffer_v1_RemoveMemberRequest__Output } from '../../coffer/v1/RemoveMemberRequest.js';
import type { RemoveMemberResponse as _coffer_v1_RemoveMemberResponse, RemoveMemberResponse__Output as _coffer_v1_RemoveMemberResponse__Output } from '../../coffer/v1/RemoveMemberResponse.js';
import type { ResetPasswordRequest as _coffer_v1_ResetPasswordRequest, ResetPasswordRequest__Output as _coffer_v1_ResetPasswordRequest__Output } from '../../coffer/v1/ResetPasswordRequest.js';
import type { ResetPasswordResponse as _coffer_v1_ResetPasswordResponse, ResetPasswordResponse__Output as _coffer_v1_ResetPasswordResponse__Output } from '../../coffer/v1/ResetPasswordResponse.js';
import type { ReviewBreakGlassRequest as _coffer_v1_ReviewBreakGlassRequest, ReviewBreakGlassRequest__Output as _coffer_v1_ReviewBreakGlassRequest__Output } from '../../coffer/v1/ReviewBreakGlassRequest.js';
import type { RevokeSessionRequest as _coffer_v1_RevokeSessionRequest, RevokeSessionRequest__Output as _coffer_v1_RevokeSessionRequest__Output } from '../../coffer/v1/RevokeSessionRequest.js';
import type { RevokeSessionResponse as _coffer_v1_RevokeSessionResponse, RevokeSessionResponse__Output as _coffer_v1_RevokeSessionResponse__Output } from '../../coffer/v1/RevokeSessionResponse.js';
import type { RevokeTokenRequest as _coffer_v1_RevokeTokenRequest, RevokeTokenRequest__Output as _coffer_v1_RevokeTokenRequest__Output } from '../../coffer/v1/RevokeTokenRequest.js';
import type { RevokeTokenResponse as _coffer_v1_RevokeTokenResponse, RevokeTokenResponse__Output as _coffer_v1_RevokeTokenResponse__Output } from '../../coffer/v1/RevokeTokenResponse.js';
import type { Role as _coffer_v1_Role, Role__Output as _coffer_v1_Role__Output } from '../../coffer/v1/Role.js';
import type { RotateTokenRequest as _coffer_v1_RotateTokenRequest, RotateTokenRequest__Output as _coffer_v1_RotateTokenRequest__Output } from '../../coffer/v1/RotateTokenRequest.js';
import type { ServiceAccount as _coffer_v1_ServiceAccount, ServiceAccount__Output as _coffer_v1_ServiceAccount__Output } from '../../coffer/v1/ServiceAccount.js';
import type { SessionTokens as _coffer_v1_SessionTokens, SessionTokens__Output as _coffer_v1_SessionTokens__Output } from '../../coffer/v1/SessionTokens.js';
import type { SignInWithIdentityRequest as _coffer_v1_SignInWithIdentityRequest, SignInWithIdentityRequest__Output as _coffer_v1_SignInWithIdentityRequest__Output } from '../../coffer/v1/SignInWithIdentityRequest.js';
import type { SignupRequest as _coffer_v1_SignupRequest, SignupRequest__Output as _coffer_v1_SignupRequest__Output } from '../../coffer/v1/SignupRequest.js';
import type { SignupResponse as _coffer_v1_SignupResponse, SignupResponse__Output as _coffer_v1_SignupResponse__Output } from '../../coffer/v1/SignupResponse.js';
import type { StartDeviceAuthorizationRequest as _coffer_v1_StartDeviceAuthorizationRequest, StartDeviceAuthorizationRequest__Output as _coffer_v1_StartDeviceAuthorizationRequest__Output } from '../../coffer/v1/StartDeviceAuthorizationRequest.js';
import type { TwoFactorEnrolment as _coffer_v1_TwoFactorEnrolment, TwoFactorEnrolment__Output as _coffer_v1_TwoFactorEnrolment__Output } from '../../coffer/v1/TwoFactorEnrolment.js';
import type { TwoFactorStatus as _coffer_v1_TwoFactorStatus, TwoFactorStatus__Output as _coffer_v1_TwoFactorStatus__Output } from '../../coffer/v1/TwoFactorStatus.js';
import type { UpdateEnvironmentRequest as _coffer_v1_UpdateEnvironmentRequest, UpdateEnvironmentRequest__Output as _coffer_v1_UpdateEnvironmentRequest__Output } from '../../coffer/v1/UpdateEnvironmentRequest.js';
import type { UpdateMemberRequest as _coffer_v1_UpdateMemberRequest, UpdateMemberRequest__Output as _coffer_v1_UpdateMemberRequest__Output } from '../../coffer/v1/UpdateMemberRequest.js';
import type { UpdateOrgSettingsRequest as _coffer_v1_UpdateOrgSettingsRequest, UpdateOrgSettingsRequest__Output as _coffer_v1_UpdateOrgSettingsRequest__Output } from '../../coffer/v1/UpdateOrgSettingsRequest.js';
import type { UpdateRoleRequest as _coffer_v1_UpdateRoleRequest, UpdateRoleRequest__Output as _coffer_v1_UpdateRoleRequest__Output } from '../../coffer/v1/UpdateRoleRequest.js';
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
  
  CloseBreakGlass(argument: _coffer_v1_BreakGlassIdRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_BreakGlass__Output>): grpc.ClientUnaryCall;
  CloseBreakGlass(argument: _coffer_v1_BreakGlassIdRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_BreakGlass__Output>): grpc.ClientUnaryCall;
  CloseBreakGlass(argument: _coffer_v1_BreakGlassIdRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_BreakGlass__Output>): grpc.ClientUnaryCall;
  CloseBreakGlass(argument: _coffer_v1_BreakGlassIdRequest, callback: grpc.requestCallback<_coffer_v1_BreakGlass__Output>): grpc.ClientUnaryCall;
  closeBreakGlass(argument: _coffer_v1_BreakGlassIdRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_BreakGlass__Output>): grpc.ClientUnaryCall;
  closeBreakGlass(argument: _coffer_v1_BreakGlassIdRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_BreakGlass__Output>): grpc.ClientUnaryCall;
  closeBreakGlass(argument: _coffer_v1_BreakGlassIdRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_BreakGlass__Output>): grpc.ClientUnaryCall;
  closeBreakGlass(argument: _coffer_v1_BreakGlassIdRequest, callback: grpc.requestCallback<_coffer_v1_BreakGlass__Output>): grpc.ClientUnaryCall;
  
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
  
  CreateRole(argument: _coffer_v1_CreateRoleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Role__Output>): grpc.ClientUnaryCall;
  CreateRole(argument: _coffer_v1_CreateRoleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_Role__Output>): grpc.ClientUnaryCall;
  CreateRole(argument: _coffer_v1_CreateRoleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Role__Output>): grpc.ClientUnaryCall;
  CreateRole(argument: _coffer_v1_CreateRoleRequest, callback: grpc.requestCallback<_coffer_v1_Role__Output>): grpc.ClientUnaryCall;
  createRole(argument: _coffer_v1_CreateRoleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Role__Output>): grpc.ClientUnaryCall;
  createRole(argument: _coffer_v1_CreateRoleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_Role__Output>): grpc.ClientUnaryCall;
  createRole(argument: _coffer_v1_CreateRoleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Role__Output>): grpc.ClientUnaryCall;
  createRole(argument: _coffer_v1_CreateRoleRequest, callback: grpc.requestCallback<_coffer_v1_Role__Output>): grpc.ClientUnaryCall;
  
  CreateServiceAccount(argument: _coffer_v1_CreateServiceAccountRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ServiceAccount__Output>): grpc.ClientUnaryCall;
  CreateServiceAccount(argument: _coffer_v1_CreateServiceAccountRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ServiceAccount__Output>): grpc.ClientUnaryCall;
  CreateServiceAccount(argument: _coffer_v1_CreateServiceAccountRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ServiceAccount__Output>): grpc.ClientUnaryCall;
  CreateServiceAccount(argument: _coffer_v1_CreateServiceAccountRequest, callback: grpc.requestCallback<_coffer_v1_ServiceAccount__Output>): grpc.ClientUnaryCall;
  createServiceAccount(argument: _coffer_v1_CreateServiceAccountRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ServiceAccount__Output>): grpc.ClientUnaryCall;
  createServiceAccount(argument: _coffer_v1_CreateServiceAccountRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ServiceAccount__Output>): grpc.ClientUnaryCall;
  createServiceAccount(argument: _coffer_v1_CreateServiceAccountRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ServiceAccount__Output>): grpc.ClientUnaryCall;
  createServiceAccount(argument: _coffer_v1_CreateServiceAccountRequest, callback: grpc.requestCallback<_coffer_v1_ServiceAccount__Output>): grpc.ClientUnaryCall;
  
  CreateToken(argument: _coffer_v1_CreateTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  CreateToken(argument: _coffer_v1_CreateTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  CreateToken(argument: _coffer_v1_CreateTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  CreateToken(argument: _coffer_v1_CreateTokenRequest, callback: grpc.requestCallback<_coffer_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  createToken(argument: _coffer_v1_CreateTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  createToken(argument: _coffer_v1_CreateTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  createToken(argument: _coffer_v1_CreateTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  createToken(argument: _coffer_v1_CreateTokenRequest, callback: grpc.requestCallback<_coffer_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteGrant(argument: _coffer_v1_DeleteGrantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_DeleteGrantResponse__Output>): grpc.ClientUnaryCall;
  DeleteGrant(argument: _coffer_v1_DeleteGrantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_DeleteGrantResponse__Output>): grpc.ClientUnaryCall;
  DeleteGrant(argument: _coffer_v1_DeleteGrantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_DeleteGrantResponse__Output>): grpc.ClientUnaryCall;
  DeleteGrant(argument: _coffer_v1_DeleteGrantRequest, callback: grpc.requestCallback<_coffer_v1_DeleteGrantResponse__Output>): grpc.ClientUnaryCall;
  deleteGrant(argument: _coffer_v1_DeleteGrantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_DeleteGrantResponse__Output>): grpc.ClientUnaryCall;
  deleteGrant(argument: _coffer_v1_DeleteGrantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_DeleteGrantResponse__Output>): grpc.ClientUnaryCall;
  deleteGrant(argument: _coffer_v1_DeleteGrantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_DeleteGrantResponse__Output>): grpc.ClientUnaryCall;
  deleteGrant(argument: _coffer_v1_DeleteGrantRequest, callback: grpc.requestCallback<_coffer_v1_DeleteGrantResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteRole(argument: _coffer_v1_DeleteRoleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_DeleteRoleResponse__Output>): grpc.ClientUnaryCall;
  DeleteRole(argument: _coffer_v1_DeleteRoleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_DeleteRoleResponse__Output>): grpc.ClientUnaryCall;
  DeleteRole(argument: _coffer_v1_DeleteRoleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_DeleteRoleResponse__Output>): grpc.ClientUnaryCall;
  DeleteRole(argument: _coffer_v1_DeleteRoleRequest, callback: grpc.requestCallback<_coffer_v1_DeleteRoleResponse__Output>): grpc.ClientUnaryCall;
  deleteRole(argument: _coffer_v1_DeleteRoleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_DeleteRoleResponse__Output>): grpc.ClientUnaryCall;
  deleteRole(argument: _coffer_v1_DeleteRoleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_DeleteRoleResponse__Output>): grpc.ClientUnaryCall;
  deleteRole(argument: _coffer_v1_DeleteRoleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_DeleteRoleResponse__Output>): grpc.ClientUnaryCall;
  deleteRole(argument: _coffer_v1_DeleteRoleRequest, callback: grpc.requestCallback<_coffer_v1_DeleteRoleResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteServiceAccount(argument: _coffer_v1_DeleteServiceAccountRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_DeleteServiceAccountResponse__Output>): grpc.ClientUnaryCall;
  DeleteServiceAccount(argument: _coffer_v1_DeleteServiceAccountRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_DeleteServiceAccountResponse__Output>): grpc.ClientUnaryCall;
  DeleteServiceAccount(argument: _coffer_v1_DeleteServiceAccountRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_DeleteServiceAccountResponse__Output>): grpc.ClientUnaryCall;
  DeleteServiceAccount(argument: _coffer_v1_DeleteServiceAccountRequest, callback: grpc.requestCallback<_coffer_v1_DeleteServiceAccountResponse__Output>): grpc.ClientUnaryCall;
  deleteServiceAccount(argument: _coffer_v1_DeleteServiceAccountRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_DeleteServiceAccountResponse__Output>): grpc.ClientUnaryCall;
  deleteServiceAccount(argument: _coffer_v1_DeleteServiceAccountRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_DeleteServiceAccountResponse__Output>): grpc.ClientUnaryCall;
  deleteServiceAccount(argument: _coffer_v1_DeleteServiceAccountRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_DeleteServiceAccountResponse__Output>): grpc.ClientUnaryCall;
  deleteServiceAccount(argument: _coffer_v1_DeleteServiceAccountRequest, callback: grpc.requestCallback<_coffer_v1_DeleteServiceAccountResponse__Output>): grpc.ClientUnaryCall;
  
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
  
  ListBreakGlass(argument: _coffer_v1_ListBreakGlassRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListBreakGlassResponse__Output>): grpc.ClientUnaryCall;
  ListBreakGlass(argument: _coffer_v1_ListBreakGlassRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ListBreakGlassResponse__Output>): grpc.ClientUnaryCall;
  ListBreakGlass(argument: _coffer_v1_ListBreakGlassRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListBreakGlassResponse__Output>): grpc.ClientUnaryCall;
  ListBreakGlass(argument: _coffer_v1_ListBreakGlassRequest, callback: grpc.requestCallback<_coffer_v1_ListBreakGlassResponse__Output>): grpc.ClientUnaryCall;
  listBreakGlass(argument: _coffer_v1_ListBreakGlassRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListBreakGlassResponse__Output>): grpc.ClientUnaryCall;
  listBreakGlass(argument: _coffer_v1_ListBreakGlassRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ListBreakGlassResponse__Output>): grpc.ClientUnaryCall;
  listBreakGlass(argument: _coffer_v1_ListBreakGlassRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListBreakGlassResponse__Output>): grpc.ClientUnaryCall;
  listBreakGlass(argument: _coffer_v1_ListBreakGlassRequest, callback: grpc.requestCallback<_coffer_v1_ListBreakGlassResponse__Output>): grpc.ClientUnaryCall;
  
  ListEnvironments(argument: _coffer_v1_ListEnvironmentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListEnvironmentsResponse__Output>): grpc.ClientUnaryCall;
  ListEnvironments(argument: _coffer_v1_ListEnvironmentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ListEnvironmentsResponse__Output>): grpc.ClientUnaryCall;
  ListEnvironments(argument: _coffer_v1_ListEnvironmentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListEnvironmentsResponse__Output>): grpc.ClientUnaryCall;
  ListEnvironments(argument: _coffer_v1_ListEnvironmentsRequest, callback: grpc.requestCallback<_coffer_v1_ListEnvironmentsResponse__Output>): grpc.ClientUnaryCall;
  listEnvironments(argument: _coffer_v1_ListEnvironmentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListEnvironmentsResponse__Output>): grpc.ClientUnaryCall;
  listEnvironments(argument: _coffer_v1_ListEnvironmentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ListEnvironmentsResponse__Output>): grpc.ClientUnaryCall;
  listEnvironments(argument: _coffer_v1_ListEnvironmentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListEnvironmentsResponse__Output>): grpc.ClientUnaryCall;
  listEnvironments(argument: _coffer_v1_ListEnvironmentsRequest, callback: grpc.requestCallback<_coffer_v1_ListEnvironmentsResponse__Output>): grpc.ClientUnaryCall;
  
  ListGrants(argument: _coffer_v1_ListGrantsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListGrantsResponse__Output>): grpc.ClientUnaryCall;
  ListGrants(argument: _coffer_v1_ListGrantsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ListGrantsResponse__Output>): grpc.ClientUnaryCall;
  ListGrants(argument: _coffer_v1_ListGrantsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListGrantsResponse__Output>): grpc.ClientUnaryCall;
  ListGrants(argument: _coffer_v1_ListGrantsRequest, callback: grpc.requestCallback<_coffer_v1_ListGrantsResponse__Output>): grpc.ClientUnaryCall;
  listGrants(argument: _coffer_v1_ListGrantsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListGrantsResponse__Output>): grpc.ClientUnaryCall;
  listGrants(argument: _coffer_v1_ListGrantsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ListGrantsResponse__Output>): grpc.ClientUnaryCall;
  listGrants(argument: _coffer_v1_ListGrantsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListGrantsResponse__Output>): grpc.ClientUnaryCall;
  listGrants(argument: _coffer_v1_ListGrantsRequest, callback: grpc.requestCallback<_coffer_v1_ListGrantsResponse__Output>): grpc.ClientUnaryCall;
  
  ListMembers(argument: _coffer_v1_ListMembersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListMembersResponse__Output>): grpc.ClientUnaryCall;
  ListMembers(argument: _coffer_v1_ListMembersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ListMembersResponse__Output>): grpc.ClientUnaryCall;
  ListMembers(argument: _coffer_v1_ListMembersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListMembersResponse__Output>): grpc.ClientUnaryCall;
  ListMembers(argument: _coffer_v1_ListMembersRequest, callback: grpc.requestCallback<_coffer_v1_ListMembersResponse__Output>): grpc.ClientUnaryCall;
  listMembers(argument: _coffer_v1_ListMembersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListMembersResponse__Output>): grpc.ClientUnaryCall;
  listMembers(argument: _coffer_v1_ListMembersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ListMembersResponse__Output>): grpc.ClientUnaryCall;
  listMembers(argument: _coffer_v1_ListMembersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListMembersResponse__Output>): grpc.ClientUnaryCall;
  listMembers(argument: _coffer_v1_ListMembersRequest, callback: grpc.requestCallback<_coffer_v1_ListMembersResponse__Output>): grpc.ClientUnaryCall;
  
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
  
  ListRoles(argument: _coffer_v1_ListRolesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  ListRoles(argument: _coffer_v1_ListRolesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  ListRoles(argument: _coffer_v1_ListRolesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  ListRoles(argument: _coffer_v1_ListRolesRequest, callback: grpc.requestCallback<_coffer_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  listRoles(argument: _coffer_v1_ListRolesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  listRoles(argument: _coffer_v1_ListRolesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  listRoles(argument: _coffer_v1_ListRolesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  listRoles(argument: _coffer_v1_ListRolesRequest, callback: grpc.requestCallback<_coffer_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  
  ListServiceAccounts(argument: _coffer_v1_ListServiceAccountsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListServiceAccountsResponse__Output>): grpc.ClientUnaryCall;
  ListServiceAccounts(argument: _coffer_v1_ListServiceAccountsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ListServiceAccountsResponse__Output>): grpc.ClientUnaryCall;
  ListServiceAccounts(argument: _coffer_v1_ListServiceAccountsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListServiceAccountsResponse__Output>): grpc.ClientUnaryCall;
  ListServiceAccounts(argument: _coffer_v1_ListServiceAccountsRequest, callback: grpc.requestCallback<_coffer_v1_ListServiceAccountsResponse__Output>): grpc.ClientUnaryCall;
  listServiceAccounts(argument: _coffer_v1_ListServiceAccountsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListServiceAccountsResponse__Output>): grpc.ClientUnaryCall;
  listServiceAccounts(argument: _coffer_v1_ListServiceAccountsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ListServiceAccountsResponse__Output>): grpc.ClientUnaryCall;
  listServiceAccounts(argument: _coffer_v1_ListServiceAccountsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListServiceAccountsResponse__Output>): grpc.ClientUnaryCall;
  listServiceAccounts(argument: _coffer_v1_ListServiceAccountsRequest, callback: grpc.requestCallback<_coffer_v1_ListServiceAccountsResponse__Output>): grpc.ClientUnaryCall;
  
  ListSessions(argument: _coffer_v1_ListSessionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  ListSessions(argument: _coffer_v1_ListSessionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  ListSessions(argument: _coffer_v1_ListSessionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  ListSessions(argument: _coffer_v1_ListSessionsRequest, callback: grpc.requestCallback<_coffer_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  listSessions(argument: _coffer_v1_ListSessionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  listSessions(argument: _coffer_v1_ListSessionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  listSessions(argument: _coffer_v1_ListSessionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  listSessions(argument: _coffer_v1_ListSessionsRequest, callback: grpc.requestCallback<_coffer_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  
  ListTokens(argument: _coffer_v1_ListTokensRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  ListTokens(argument: _coffer_v1_ListTokensRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  ListTokens(argument: _coffer_v1_ListTokensRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  ListTokens(argument: _coffer_v1_ListTokensRequest, callback: grpc.requestCallback<_coffer_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  listTokens(argument: _coffer_v1_ListTokensRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  listTokens(argument: _coffer_v1_ListTokensRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  listTokens(argument: _coffer_v1_ListTokensRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  listTokens(argument: _coffer_v1_ListTokensRequest, callback: grpc.requestCallback<_coffer_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  
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
  
  OpenBreakGlass(argument: _coffer_v1_OpenBreakGlassRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_BreakGlass__Output>): grpc.ClientUnaryCall;
  OpenBreakGlass(argument: _coffer_v1_OpenBreakGlassRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_BreakGlass__Output>): grpc.ClientUnaryCall;
  OpenBreakGlass(argument: _coffer_v1_OpenBreakGlassRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_BreakGlass__Output>): grpc.ClientUnaryCall;
  OpenBreakGlass(argument: _coffer_v1_OpenBreakGlassRequest, callback: grpc.requestCallback<_coffer_v1_BreakGlass__Output>): grpc.ClientUnaryCall;
  openBreakGlass(argument: _coffer_v1_OpenBreakGlassRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_BreakGlass__Output>): grpc.ClientUnaryCall;
  openBreakGlass(argument: _coffer_v1_OpenBreakGlassRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_BreakGlass__Output>): grpc.ClientUnaryCall;
  openBreakGlass(argument: _coffer_v1_OpenBreakGlassRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_BreakGlass__Output>): grpc.ClientUnaryCall;
  openBreakGlass(argument: _coffer_v1_OpenBreakGlassRequest, callback: grpc.requestCallback<_coffer_v1_BreakGlass__Output>): grpc.ClientUnaryCall;
  
  PollDeviceToken(argument: _coffer_v1_PollDeviceTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_PollDeviceTokenResponse__Output>): grpc.ClientUnaryCall;
  PollDeviceToken(argument: _coffer_v1_PollDeviceTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_PollDeviceTokenResponse__Output>): grpc.ClientUnaryCall;
  PollDeviceToken(argument: _coffer_v1_PollDeviceTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_PollDeviceTokenResponse__Output>): grpc.ClientUnaryCall;
  PollDeviceToken(argument: _coffer_v1_PollDeviceTokenRequest, callback: grpc.requestCallback<_coffer_v1_PollDeviceTokenResponse__Output>): grpc.ClientUnaryCall;
  pollDeviceToken(argument: _coffer_v1_PollDeviceTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_PollDeviceTokenResponse__Output>): grpc.ClientUnaryCall;
  pollDeviceToken(argument: _coffer_v1_PollDeviceTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_PollDeviceTokenResponse__Output>): grpc.ClientUnaryCall;
  pollDeviceToken(argument: _coffer_v1_PollDeviceTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_PollDeviceTokenResponse__Output>): grpc.ClientUnaryCall;
  pollDeviceToken(argument: _coffer_v1_PollDeviceTokenRequest, callback: grpc.requestCallback<_coffer_v1_PollDeviceTokenResponse__Output>): grpc.ClientUnaryCall;
  
  PutGrant(argument: _coffer_v1_PutGrantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_GrantRecord__Output>): grpc.ClientUnaryCall;
  PutGrant(argument: _coffer_v1_PutGrantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_GrantRecord__Output>): grpc.ClientUnaryCall;
  PutGrant(argument: _coffer_v1_PutGrantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_GrantRecord__Output>): grpc.ClientUnaryCall;
  PutGrant(argument: _coffer_v1_PutGrantRequest, callback: grpc.requestCallback<_coffer_v1_GrantRecord__Output>): grpc.ClientUnaryCall;
  putGrant(argument: _coffer_v1_PutGrantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_GrantRecord__Output>): grpc.ClientUnaryCall;
  putGrant(argument: _coffer_v1_PutGrantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_GrantRecord__Output>): grpc.ClientUnaryCall;
  putGrant(argument: _coffer_v1_PutGrantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_GrantRecord__Output>): grpc.ClientUnaryCall;
  putGrant(argument: _coffer_v1_PutGrantRequest, callback: grpc.requestCallback<_coffer_v1_GrantRecord__Output>): grpc.ClientUnaryCall;
  
  Refresh(argument: _coffer_v1_RefreshRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_SessionTokens__Output>): grpc.ClientUnaryCall;
  Refresh(argument: _coffer_v1_RefreshRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_SessionTokens__Output>): grpc.ClientUnaryCall;
  Refresh(argument: _coffer_v1_RefreshRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_SessionTokens__Output>): grpc.ClientUnaryCall;
  Refresh(argument: _coffer_v1_RefreshRequest, callback: grpc.requestCallback<_coffer_v1_SessionTokens__Output>): grpc.ClientUnaryCall;
  refresh(argument: _coffer_v1_RefreshRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_SessionTokens__Output>): grpc.ClientUnaryCall;
  refresh(argument: _coffer_v1_RefreshRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_SessionTokens__Output>): grpc.ClientUnaryCall;
  refresh(argument: _coffer_v1_RefreshRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_SessionTokens__Output>): grpc.ClientUnaryCall;
  refresh(argument: _coffer_v1_RefreshRequest, callback: grpc.requestCallback<_coffer_v1_SessionTokens__Output>): grpc.ClientUnaryCall;
  
  RemoveMember(argument: _coffer_v1_RemoveMemberRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_RemoveMemberResponse__Output>): grpc.ClientUnaryCall;
  RemoveMember(argument: _coffer_v1_RemoveMemberRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_RemoveMemberResponse__Output>): grpc.ClientUnaryCall;
  RemoveMember(argument: _coffer_v1_RemoveMemberRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_RemoveMemberResponse__Output>): grpc.ClientUnaryCall;
  RemoveMember(argument: _coffer_v1_RemoveMemberRequest, callback: grpc.requestCallback<_coffer_v1_RemoveMemberResponse__Output>): grpc.ClientUnaryCall;
  removeMember(argument: _coffer_v1_RemoveMemberRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_RemoveMemberResponse__Output>): grpc.ClientUnaryCall;
  removeMember(argument: _coffer_v1_RemoveMemberRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_RemoveMemberResponse__Output>): grpc.ClientUnaryCall;
  removeMember(argument: _coffer_v1_RemoveMemberRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_RemoveMemberResponse__Output>): grpc.ClientUnaryCall;
  removeMember(argument: _coffer_v1_RemoveMemberRequest, callback: grpc.requestCallback<_coffer_v1_RemoveMemberResponse__Output>): grpc.ClientUnaryCall;
  
  ResetPassword(argument: _coffer_v1_ResetPasswordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ResetPasswordResponse__Output>): grpc.ClientUnaryCall;
  ResetPassword(argument: _coffer_v1_ResetPasswordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ResetPasswordResponse__Output>): grpc.ClientUnaryCall;
  ResetPassword(argument: _coffer_v1_ResetPasswordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ResetPasswordResponse__Output>): grpc.ClientUnaryCall;
  ResetPassword(argument: _coffer_v1_ResetPasswordRequest, callback: grpc.requestCallback<_coffer_v1_ResetPasswordResponse__Output>): grpc.ClientUnaryCall;
  resetPassword(argument: _coffer_v1_ResetPasswordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ResetPasswordResponse__Output>): grpc.ClientUnaryCall;
  resetPassword(argument: _coffer_v1_ResetPasswordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_ResetPasswordResponse__Output>): grpc.ClientUnaryCall;
  resetPassword(argument: _coffer_v1_ResetPasswordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_ResetPasswordResponse__Output>): grpc.ClientUnaryCall;
  resetPassword(argument: _coffer_v1_ResetPasswordRequest, callback: grpc.requestCallback<_coffer_v1_ResetPasswordResponse__Output>): grpc.ClientUnaryCall;
  
  ReviewBreakGlass(argument: _coffer_v1_ReviewBreakGlassRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_BreakGlass__Output>): grpc.ClientUnaryCall;
  ReviewBreakGlass(argument: _coffer_v1_ReviewBreakGlassRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_BreakGlass__Output>): grpc.ClientUnaryCall;
  ReviewBreakGlass(argument: _coffer_v1_ReviewBreakGlassRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_BreakGlass__Output>): grpc.ClientUnaryCall;
  ReviewBreakGlass(argument: _coffer_v1_ReviewBreakGlassRequest, callback: grpc.requestCallback<_coffer_v1_BreakGlass__Output>): grpc.ClientUnaryCall;
  reviewBreakGlass(argument: _coffer_v1_ReviewBreakGlassRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_BreakGlass__Output>): grpc.ClientUnaryCall;
  reviewBreakGlass(argument: _coffer_v1_ReviewBreakGlassRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_BreakGlass__Output>): grpc.ClientUnaryCall;
  reviewBreakGlass(argument: _coffer_v1_ReviewBreakGlassRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_BreakGlass__Output>): grpc.ClientUnaryCall;
  reviewBreakGlass(argument: _coffer_v1_ReviewBreakGlassRequest, callback: grpc.requestCallback<_coffer_v1_BreakGlass__Output>): grpc.ClientUnaryCall;
  
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
  
  RotateToken(argument: _coffer_v1_RotateTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  RotateToken(argument: _coffer_v1_RotateTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  RotateToken(argument: _coffer_v1_RotateTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  RotateToken(argument: _coffer_v1_RotateTokenRequest, callback: grpc.requestCallback<_coffer_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  rotateToken(argument: _coffer_v1_RotateTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  rotateToken(argument: _coffer_v1_RotateTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  rotateToken(argument: _coffer_v1_RotateTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  rotateToken(argument: _coffer_v1_RotateTokenRequest, callback: grpc.requestCallback<_coffer_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  
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
  
  UpdateEnvironment(argument: _coffer_v1_UpdateEnvironmentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Environment__Output>): grpc.ClientUnaryCall;
  UpdateEnvironment(argument: _coffer_v1_UpdateEnvironmentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_Environment__Output>): grpc.ClientUnaryCall;
  UpdateEnvironment(argument: _coffer_v1_UpdateEnvironmentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Environment__Output>): grpc.ClientUnaryCall;
  UpdateEnvironment(argument: _coffer_v1_UpdateEnvironmentRequest, callback: grpc.requestCallback<_coffer_v1_Environment__Output>): grpc.ClientUnaryCall;
  updateEnvironment(argument: _coffer_v1_UpdateEnvironmentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Environment__Output>): grpc.ClientUnaryCall;
  updateEnvironment(argument: _coffer_v1_UpdateEnvironmentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_Environment__Output>): grpc.ClientUnaryCall;
  updateEnvironment(argument: _coffer_v1_UpdateEnvironmentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Environment__Output>): grpc.ClientUnaryCall;
  updateEnvironment(argument: _coffer_v1_UpdateEnvironmentRequest, callback: grpc.requestCallback<_coffer_v1_Environment__Output>): grpc.ClientUnaryCall;
  
  UpdateMember(argument: _coffer_v1_UpdateMemberRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Member__Output>): grpc.ClientUnaryCall;
  UpdateMember(argument: _coffer_v1_UpdateMemberRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_Member__Output>): grpc.ClientUnaryCall;
  UpdateMember(argument: _coffer_v1_UpdateMemberRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Member__Output>): grpc.ClientUnaryCall;
  UpdateMember(argument: _coffer_v1_UpdateMemberRequest, callback: grpc.requestCallback<_coffer_v1_Member__Output>): grpc.ClientUnaryCall;
  updateMember(argument: _coffer_v1_UpdateMemberRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Member__Output>): grpc.ClientUnaryCall;
  updateMember(argument: _coffer_v1_UpdateMemberRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_Member__Output>): grpc.ClientUnaryCall;
  updateMember(argument: _coffer_v1_UpdateMemberRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Member__Output>): grpc.ClientUnaryCall;
  updateMember(argument: _coffer_v1_UpdateMemberRequest, callback: grpc.requestCallback<_coffer_v1_Member__Output>): grpc.ClientUnaryCall;
  
  UpdateOrgSettings(argument: _coffer_v1_UpdateOrgSettingsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_OrgSettings__Output>): grpc.ClientUnaryCall;
  UpdateOrgSettings(argument: _coffer_v1_UpdateOrgSettingsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_OrgSettings__Output>): grpc.ClientUnaryCall;
  UpdateOrgSettings(argument: _coffer_v1_UpdateOrgSettingsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_OrgSettings__Output>): grpc.ClientUnaryCall;
  UpdateOrgSettings(argument: _coffer_v1_UpdateOrgSettingsRequest, callback: grpc.requestCallback<_coffer_v1_OrgSettings__Output>): grpc.ClientUnaryCall;
  updateOrgSettings(argument: _coffer_v1_UpdateOrgSettingsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_OrgSettings__Output>): grpc.ClientUnaryCall;
  updateOrgSettings(argument: _coffer_v1_UpdateOrgSettingsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_OrgSettings__Output>): grpc.ClientUnaryCall;
  updateOrgSettings(argument: _coffer_v1_UpdateOrgSettingsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_OrgSettings__Output>): grpc.ClientUnaryCall;
  updateOrgSettings(argument: _coffer_v1_UpdateOrgSettingsRequest, callback: grpc.requestCallback<_coffer_v1_OrgSettings__Output>): grpc.ClientUnaryCall;
  
  UpdateRole(argument: _coffer_v1_UpdateRoleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Role__Output>): grpc.ClientUnaryCall;
  UpdateRole(argument: _coffer_v1_UpdateRoleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_Role__Output>): grpc.ClientUnaryCall;
  UpdateRole(argument: _coffer_v1_UpdateRoleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Role__Output>): grpc.ClientUnaryCall;
  UpdateRole(argument: _coffer_v1_UpdateRoleRequest, callback: grpc.requestCallback<_coffer_v1_Role__Output>): grpc.ClientUnaryCall;
  updateRole(argument: _coffer_v1_UpdateRoleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Role__Output>): grpc.ClientUnaryCall;
  updateRole(argument: _coffer_v1_UpdateRoleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_coffer_v1_Role__Output>): grpc.ClientUnaryCall;
  updateRole(argument: _coffer_v1_UpdateRoleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_coffer_v1_Role__Output>): grpc.ClientUnaryCall;
  updateRole(argument: _coffer_v1_UpdateRoleRequest, callback: grpc.requestCallback<_coffer_v1_Role__Output>): grpc.ClientUnaryCall;
  
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
  
  CloseBreakGlass: grpc.handleUnaryCall<_coffer_v1_BreakGlassIdRequest__Output, _coffer_v1_BreakGlass>;
  
  ConfirmTwoFactor: grpc.handleUnaryCall<_coffer_v1_ConfirmTwoFactorRequest__Output, _coffer_v1_ConfirmTwoFactorResponse>;
  
  CreateEnvironment: grpc.handleUnaryCall<_coffer_v1_CreateEnvironmentRequest__Output, _coffer_v1_Environment>;
  
  CreateInvitation: grpc.handleUnaryCall<_coffer_v1_CreateInvitationRequest__Output, _coffer_v1_Invitation>;
  
  CreateOrg: grpc.handleUnaryCall<_coffer_v1_CreateOrgRequest__Output, _coffer_v1_CreateOrgResponse>;
  
  CreateProject: grpc.handleUnaryCall<_coffer_v1_CreateProjectRequest__Output, _coffer_v1_Project>;
  
  CreateRole: grpc.handleUnaryCall<_coffer_v1_CreateRoleRequest__Output, _coffer_v1_Role>;
  
  CreateServiceAccount: grpc.handleUnaryCall<_coffer_v1_CreateServiceAccountRequest__Output, _coffer_v1_ServiceAccount>;
  
  CreateToken: grpc.handleUnaryCall<_coffer_v1_CreateTokenRequest__Output, _coffer_v1_CreateTokenResponse>;
  
  DeleteGrant: grpc.handleUnaryCall<_coffer_v1_DeleteGrantRequest__Output, _coffer_v1_DeleteGrantResponse>;
  
  DeleteRole: grpc.handleUnaryCall<_coffer_v1_DeleteRoleRequest__Output, _coffer_v1_DeleteRoleResponse>;
  
  DeleteServiceAccount: grpc.handleUnaryCall<_coffer_v1_DeleteServiceAccountRequest__Output, _coffer_v1_DeleteServiceAccountResponse>;
  
  DenyDeviceAuthorization: grpc.handleUnaryCall<_coffer_v1_DeviceUserCodeRequest__Output, _coffer_v1_DeviceDecisionResponse>;
  
  DescribeDeviceAuthorization: grpc.handleUnaryCall<_coffer_v1_DeviceUserCodeRequest__Output, _coffer_v1_DeviceAuthorizationDetails>;
  
  DisableTwoFactor: grpc.handleUnaryCall<_coffer_v1_DisableTwoFactorRequest__Output, _coffer_v1_DisableTwoFactorResponse>;
  
  ForgotPassword: grpc.handleUnaryCall<_coffer_v1_ForgotPasswordRequest__Output, _coffer_v1_ForgotPasswordResponse>;
  
  GetJwks: grpc.handleUnaryCall<_coffer_v1_GetJwksRequest__Output, _coffer_v1_GetJwksResponse>;
  
  GetOrgSettings: grpc.handleUnaryCall<_coffer_v1_GetOrgSettingsRequest__Output, _coffer_v1_OrgSettings>;
  
  GetTwoFactor: grpc.handleUnaryCall<_coffer_v1_GetTwoFactorRequest__Output, _coffer_v1_TwoFactorStatus>;
  
  ListBreakGlass: grpc.handleUnaryCall<_coffer_v1_ListBreakGlassRequest__Output, _coffer_v1_ListBreakGlassResponse>;
  
  ListEnvironments: grpc.handleUnaryCall<_coffer_v1_ListEnvironmentsRequest__Output, _coffer_v1_ListEnvironmentsResponse>;
  
  ListGrants: grpc.handleUnaryCall<_coffer_v1_ListGrantsRequest__Output, _coffer_v1_ListGrantsResponse>;
  
  ListMembers: grpc.handleUnaryCall<_coffer_v1_ListMembersRequest__Output, _coffer_v1_ListMembersResponse>;
  
  ListOrgs: grpc.handleUnaryCall<_coffer_v1_ListOrgsRequest__Output, _coffer_v1_ListOrgsResponse>;
  
  ListProjects: grpc.handleUnaryCall<_coffer_v1_ListProjectsRequest__Output, _coffer_v1_ListProjectsResponse>;
  
  ListRoles: grpc.handleUnaryCall<_coffer_v1_ListRolesRequest__Output, _coffer_v1_ListRolesResponse>;
  
  ListServiceAccounts: grpc.handleUnaryCall<_coffer_v1_ListServiceAccountsRequest__Output, _coffer_v1_ListServiceAccountsResponse>;
  
  ListSessions: grpc.handleUnaryCall<_coffer_v1_ListSessionsRequest__Output, _coffer_v1_ListSessionsResponse>;
  
  ListTokens: grpc.handleUnaryCall<_coffer_v1_ListTokensRequest__Output, _coffer_v1_ListTokensResponse>;
  
  Login: grpc.handleUnaryCall<_coffer_v1_LoginRequest__Output, _coffer_v1_LoginResponse>;
  
  LoginSecondFactor: grpc.handleUnaryCall<_coffer_v1_LoginSecondFactorRequest__Output, _coffer_v1_LoginResponse>;
  
  Logout: grpc.handleUnaryCall<_coffer_v1_LogoutRequest__Output, _coffer_v1_LogoutResponse>;
  
  OpenBreakGlass: grpc.handleUnaryCall<_coffer_v1_OpenBreakGlassRequest__Output, _coffer_v1_BreakGlass>;
  
  PollDeviceToken: grpc.handleUnaryCall<_coffer_v1_PollDeviceTokenRequest__Output, _coffer_v1_PollDeviceTokenResponse>;
  
  PutGrant: grpc.handleUnaryCall<_coffer_v1_PutGrantRequest__Output, _coffer_v1_GrantRecord>;
  
  Refresh: grpc.handleUnaryCall<_coffer_v1_RefreshRequest__Output, _coffer_v1_SessionTokens>;
  
  RemoveMember: grpc.handleUnaryCall<_coffer_v1_RemoveMemberRequest__Output, _coffer_v1_RemoveMemberResponse>;
  
  ResetPassword: grpc.handleUnaryCall<_coffer_v1_ResetPasswordRequest__Output, _coffer_v1_ResetPasswordResponse>;
  
  ReviewBreakGlass: grpc.handleUnaryCall<_coffer_v1_ReviewBreakGlassRequest__Output, _coffer_v1_BreakGlass>;
  
  RevokeSession: grpc.handleUnaryCall<_coffer_v1_RevokeSessionRequest__Output, _coffer_v1_RevokeSessionResponse>;
  
  RevokeToken: grpc.handleUnaryCall<_coffer_v1_RevokeTokenRequest__Output, _coffer_v1_RevokeTokenResponse>;
  
  RotateToken: grpc.handleUnaryCall<_coffer_v1_RotateTokenRequest__Output, _coffer_v1_CreateTokenResponse>;
  
  SignInWithIdentity: grpc.handleUnaryCall<_coffer_v1_SignInWithIdentityRequest__Output, _coffer_v1_LoginResponse>;
  
  Signup: grpc.handleUnaryCall<_coffer_v1_SignupRequest__Output, _coffer_v1_SignupResponse>;
  
  StartDeviceAuthorization: grpc.handleUnaryCall<_coffer_v1_StartDeviceAuthorizationRequest__Output, _coffer_v1_DeviceAuthorization>;
  
  UpdateEnvironment: grpc.handleUnaryCall<_coffer_v1_UpdateEnvironmentRequest__Output, _coffer_v1_Environment>;
  
  UpdateMember: grpc.handleUnaryCall<_coffer_v1_UpdateMemberRequest__Output, _coffer_v1_Member>;
  
  UpdateOrgSettings: grpc.handleUnaryCall<_coffer_v1_UpdateOrgSettingsRequest__Output, _coffer_v1_OrgSettings>;
  
  UpdateRole: grpc.handleUnaryCall<_coffer_v1_UpdateRoleRequest__Output, _coffer_v1_Role>;
  
  VerifyEmail: grpc.handleUnaryCall<_coffer_v1_VerifyEmailRequest__Output, _coffer_v1_VerifyEmailResponse>;
  
  WhoAmI: grpc.handleUnaryCall<_coffer_v1_WhoAmIRequest__Output, _coffer_v1_WhoAmIResponse>;
  
}

export interface AuthServiceDefinition extends grpc.ServiceDefinition {
  AcceptInvitation: MethodDefinition<_coffer_v1_AcceptInvitationRequest, _coffer_v1_AcceptInvitationResponse, _coffer_v1_AcceptInvitationRequest__Output, _coffer_v1_AcceptInvitationResponse__Output>
  ApproveDeviceAuthorization: MethodDefinition<_coffer_v1_DeviceUserCodeRequest, _coffer_v1_DeviceDecisionResponse, _coffer_v1_DeviceUserCodeRequest__Output, _coffer_v1_DeviceDecisionResponse__Output>
  Authenticate: MethodDefinition<_coffer_v1_AuthenticateRequest, _coffer_v1_Principal, _coffer_v1_AuthenticateRequest__Output, _coffer_v1_Principal__Output>
  BeginTwoFactor: MethodDefinition<_coffer_v1_BeginTwoFactorRequest, _coffer_v1_TwoFactorEnrolment, _coffer_v1_BeginTwoFactorRequest__Output, _coffer_v1_TwoFactorEnrolment__Output>
  Bootstrap: MethodDefinition<_coffer_v1_BootstrapRequest, _coffer_v1_BootstrapResponse, _coffer_v1_BootstrapRequest__Output, _coffer_v1_BootstrapResponse__Output>
  CloseBreakGlass: MethodDefinition<_coffer_v1_BreakGlassIdRequest, _coffer_v1_BreakGlass, _coffer_v1_BreakGlassIdRequest__Output, _coffer_v1_BreakGlass__Output>
  ConfirmTwoFactor: MethodDefinition<_coffer_v1_ConfirmTwoFactorRequest, _coffer_v1_ConfirmTwoFactorResponse, _coffer_v1_ConfirmTwoFactorRequest__Output, _coffer_v1_ConfirmTwoFactorResponse__Output>
  CreateEnvironment: MethodDefinition<_coffer_v1_CreateEnvironmentRequest, _coffer_v1_Environment, _coffer_v1_CreateEnvironmentRequest__Output, _coffer_v1_Environment__Output>
  CreateInvitation: MethodDefinition<_coffer_v1_CreateInvitationRequest, _coffer_v1_Invitation, _coffer_v1_CreateInvitationRequest__Output, _coffer_v1_Invitation__Output>
  CreateOrg: MethodDefinition<_coffer_v1_CreateOrgRequest, _coffer_v1_CreateOrgResponse, _coffer_v1_CreateOrgRequest__Output, _coffer_v1_CreateOrgResponse__Output>
  CreateProject: MethodDefinition<_coffer_v1_CreateProjectRequest, _coffer_v1_Project, _coffer_v1_CreateProjectRequest__Output, _coffer_v1_Project__Output>
  CreateRole: MethodDefinition<_coffer_v1_CreateRoleRequest, _coffer_v1_Role, _coffer_v1_CreateRoleRequest__Output, _coffer_v1_Role__Output>
  CreateServiceAccount: MethodDefinition<_coffer_v1_CreateServiceAccountRequest, _coffer_v1_ServiceAccount, _coffer_v1_CreateServiceAccountRequest__Output, _coffer_v1_ServiceAccount__Output>
  CreateToken: MethodDefinition<_coffer_v1_CreateTokenRequest, _coffer_v1_CreateTokenResponse, _coffer_v1_CreateTokenRequest__Output, _coffer_v1_CreateTokenResponse__Output>
  DeleteGrant: MethodDefinition<_coffer_v1_DeleteGrantRequest, _coffer_v1_DeleteGrantResponse, _coffer_v1_DeleteGrantRequest__Output, _coffer_v1_DeleteGrantResponse__Output>
  DeleteRole: MethodDefinition<_coffer_v1_DeleteRoleRequest, _coffer_v1_DeleteRoleResponse, _coffer_v1_DeleteRoleRequest__Output, _coffer_v1_DeleteRoleResponse__Output>
  DeleteServiceAccount: MethodDefinition<_coffer_v1_DeleteServiceAccountRequest, _coffer_v1_DeleteServiceAccountResponse, _coffer_v1_DeleteServiceAccountRequest__Output, _coffer_v1_DeleteServiceAccountResponse__Output>
  DenyDeviceAuthorization: MethodDefinition<_coffer_v1_DeviceUserCodeRequest, _coffer_v1_DeviceDecisionResponse, _coffer_v1_DeviceUserCodeRequest__Output, _coffer_v1_DeviceDecisionResponse__Output>
  DescribeDeviceAuthorization: MethodDefinition<_coffer_v1_DeviceUserCodeRequest, _coffer_v1_DeviceAuthorizationDetails, _coffer_v1_DeviceUserCodeRequest__Output, _coffer_v1_DeviceAuthorizationDetails__Output>
  DisableTwoFactor: MethodDefinition<_coffer_v1_DisableTwoFactorRequest, _coffer_v1_DisableTwoFactorResponse, _coffer_v1_DisableTwoFactorRequest__Output, _coffer_v1_DisableTwoFactorResponse__Output>
  ForgotPassword: MethodDefinition<_coffer_v1_ForgotPasswordRequest, _coffer_v1_ForgotPasswordResponse, _coffer_v1_ForgotPasswordRequest__Output, _coffer_v1_ForgotPasswordResponse__Output>
  GetJwks: MethodDefinition<_coffer_v1_GetJwksRequest, _coffer_v1_GetJwksResponse, _coffer_v1_GetJwksRequest__Output, _coffer_v1_GetJwksResponse__Output>
  GetOrgSettings: MethodDefinition<_coffer_v1_GetOrgSettingsRequest, _coffer_v1_OrgSettings, _coffer_v1_GetOrgSettingsRequest__Output, _coffer_v1_OrgSettings__Output>
  GetTwoFactor: MethodDefinition<_coffer_v1_GetTwoFactorRequest, _coffer_v1_TwoFactorStatus, _coffer_v1_GetTwoFactorRequest__Output, _coffer_v1_TwoFactorStatus__Output>
  ListBreakGlass: MethodDefinition<_coffer_v1_ListBreakGlassRequest, _coffer_v1_ListBreakGlassResponse, _coffer_v1_ListBreakGlassRequest__Output, _coffer_v1_ListBreakGlassResponse__Output>
  ListEnvironments: MethodDefinition<_coffer_v1_ListEnvironmentsRequest, _coffer_v1_ListEnvironmentsResponse, _coffer_v1_ListEnvironmentsRequest__Output, _coffer_v1_ListEnvironmentsResponse__Output>
  ListGrants: MethodDefinition<_coffer_v1_ListGrantsRequest, _coffer_v1_ListGrantsResponse, _coffer_v1_ListGrantsRequest__Output, _coffer_v1_ListGrantsResponse__Output>
  ListMembers: MethodDefinition<_coffer_v1_ListMembersRequest, _coffer_v1_ListMembersResponse, _coffer_v1_ListMembersRequest__Output, _coffer_v1_ListMembersResponse__Output>
  ListOrgs: MethodDefinition<_coffer_v1_ListOrgsRequest, _coffer_v1_ListOrgsResponse, _coffer_v1_ListOrgsRequest__Output, _coffer_v1_ListOrgsResponse__Output>
  ListProjects: MethodDefinition<_coffer_v1_ListProjectsRequest, _coffer_v1_ListProjectsResponse, _coffer_v1_ListProjectsRequest__Output, _coffer_v1_ListProjectsResponse__Output>
  ListRoles: MethodDefinition<_coffer_v1_ListRolesRequest, _coffer_v1_ListRolesResponse, _coffer_v1_ListRolesRequest__Output, _coffer_v1_ListRolesResponse__Output>
  ListServiceAccounts: MethodDefinition<_coffer_v1_ListServiceAccountsRequest, _coffer_v1_ListServiceAccountsResponse, _coffer_v1_ListServiceAccountsRequest__Output, _coffer_v1_ListServiceAccountsResponse__Output>
  ListSessions: MethodDefinition<_coffer_v1_ListSessionsRequest, _coffer_v1_ListSessionsResponse, _coffer_v1_ListSessionsRequest__Output, _coffer_v1_ListSessionsResponse__Output>
  ListTokens: MethodDefinition<_coffer_v1_ListTokensRequest, _coffer_v1_ListTokensResponse, _coffer_v1_ListTokensRequest__Output, _coffer_v1_ListTokensResponse__Output>
  Login: MethodDefinition<_coffer_v1_LoginRequest, _coffer_v1_LoginResponse, _coffer_v1_LoginRequest__Output, _coffer_v1_LoginResponse__Output>
  LoginSecondFactor: MethodDefinition<_coffer_v1_LoginSecondFactorRequest, _coffer_v1_LoginResponse, _coffer_v1_LoginSecondFactorRequest__Output, _coffer_v1_LoginResponse__Output>
  Logout: MethodDefinition<_coffer_v1_LogoutRequest, _coffer_v1_LogoutResponse, _coffer_v1_LogoutRequest__Output, _coffer_v1_LogoutResponse__Output>
  OpenBreakGlass: MethodDefinition<_coffer_v1_OpenBreakGlassRequest, _coffer_v1_BreakGlass, _coffer_v1_OpenBreakGlassRequest__Output, _coffer_v1_BreakGlass__Output>
  PollDeviceToken: MethodDefinition<_coffer_v1_PollDeviceTokenRequest, _coffer_v1_PollDeviceTokenResponse, _coffer_v1_PollDeviceTokenRequest__Output, _coffer_v1_PollDeviceTokenResponse__Output>
  PutGrant: MethodDefinition<_coffer_v1_PutGrantRequest, _coffer_v1_GrantRecord, _coffer_v1_PutGrantRequest__Output, _coffer_v1_GrantRecord__Output>
  Refresh: MethodDefinition<_coffer_v1_RefreshRequest, _coffer_v1_SessionTokens, _coffer_v1_RefreshRequest__Output, _coffer_v1_SessionTokens__Output>
  RemoveMember: MethodDefinition<_coffer_v1_RemoveMemberRequest, _coffer_v1_RemoveMemberResponse, _coffer_v1_RemoveMemberRequest__Output, _coffer_v1_RemoveMemberResponse__Output>
  ResetPassword: MethodDefinition<_coffer_v1_ResetPasswordRequest, _coffer_v1_ResetPasswordResponse, _coffer_v1_ResetPasswordRequest__Output, _coffer_v1_ResetPasswordResponse__Output>
  ReviewBreakGlass: MethodDefinition<_coffer_v1_ReviewBreakGlassRequest, _coffer_v1_BreakGlass, _coffer_v1_ReviewBreakGlassRequest__Output, _coffer_v1_BreakGlass__Output>
  RevokeSession: MethodDefinition<_coffer_v1_RevokeSessionRequest, _coffer_v1_RevokeSessionResponse, _coffer_v1_RevokeSessionRequest__Output, _coffer_v1_RevokeSessionResponse__Output>
  RevokeToken: MethodDefinition<_coffer_v1_RevokeTokenRequest, _coffer_v1_RevokeTokenResponse, _coffer_v1_RevokeTokenRequest__Output, _coffer_v1_RevokeTokenResponse__Output>
  RotateToken: MethodDefinition<_coffer_v1_RotateTokenRequest, _coffer_v1_CreateTokenResponse, _coffer_v1_RotateTokenRequest__Output, _coffer_v1_CreateTokenResponse__Output>
  SignInWithIdentity: MethodDefinition<_coffer_v1_SignInWithIdentityRequest, _coffer_v1_LoginResponse, _coffer_v1_SignInWithIdentityRequest__Output, _coffer_v1_LoginResponse__Output>
  Signup: MethodDefinition<_coffer_v1_SignupRequest, _coffer_v1_SignupResponse, _coffer_v1_SignupRequest__Output, _coffer_v1_SignupResponse__Output>
  StartDeviceAuthorization: MethodDefinition<_coffer_v1_StartDeviceAuthorizationRequest, _coffer_v1_DeviceAuthorization, _coffer_v1_StartDeviceAuthorizationRequest__Output, _coffer_v1_DeviceAuthorization__Output>
  UpdateEnvironment: MethodDefinition<_coffer_v1_UpdateEnvironmentRequest, _coffer_v1_Environment, _coffer_v1_UpdateEnvironmentRequest__Output, _coffer_v1_Environment__Output>
  UpdateMember: MethodDefinition<_coffer_v1_UpdateMemberRequest, _coffer_v1_Member, _coffer_v1_UpdateMemberRequest__Output, _coffer_v1_Member__Output>
  UpdateOrgSettings: MethodDefinition<_coffer_v1_UpdateOrgSettingsRequest, _coffer_v1_OrgSettings, _coffer_v1_UpdateOrgSettingsRequest__Output, _coffer_v1_OrgSettings__Output>
  UpdateRole: MethodDefinition<_coffer_v1_UpdateRoleRequest, _coffer_v1_Role, _coffer_v1_UpdateRoleRequest__Output, _coffer_v1_Role__Output>
  VerifyEmail: MethodDefinition<_coffer_v1_VerifyEmailRequest, _coffer_v1_VerifyEmailResponse, _coffer_v1_VerifyEmailRequest__Output, _coffer_v1_VerifyEmailResponse__Output>
  WhoAmI: MethodDefinition<_coffer_v1_WhoAmIRequest, _coffer_v1_WhoAmIResponse, _coffer_v1_WhoAmIRequest__Output, _coffer_v1_WhoAmIResponse__Output>
}
