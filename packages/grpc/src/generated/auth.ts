import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AcceptInvitationRequest as _coffer_v1_AcceptInvitationRequest, AcceptInvitationRequest__Output as _coffer_v1_AcceptInvitationRequest__Output } from './coffer/v1/AcceptInvitationRequest.js';
import type { AcceptInvitationResponse as _coffer_v1_AcceptInvitationResponse, AcceptInvitationResponse__Output as _coffer_v1_AcceptInvitationResponse__Output } from './coffer/v1/AcceptInvitationResponse.js';
import type { AuthServiceClient as _coffer_v1_AuthServiceClient, AuthServiceDefinition as _coffer_v1_AuthServiceDefinition } from './coffer/v1/AuthService.js';
import type { AuthenticateRequest as _coffer_v1_AuthenticateRequest, AuthenticateRequest__Output as _coffer_v1_AuthenticateRequest__Output } from './coffer/v1/AuthenticateRequest.js';
import type { BeginTwoFactorRequest as _coffer_v1_BeginTwoFactorRequest, BeginTwoFactorRequest__Output as _coffer_v1_BeginTwoFactorRequest__Output } from './coffer/v1/BeginTwoFactorRequest.js';
import type { BootstrapRequest as _coffer_v1_BootstrapRequest, BootstrapRequest__Output as _coffer_v1_BootstrapRequest__Output } from './coffer/v1/BootstrapRequest.js';
import type { BootstrapResponse as _coffer_v1_BootstrapResponse, BootstrapResponse__Output as _coffer_v1_BootstrapResponse__Output } from './coffer/v1/BootstrapResponse.js';
import type { BreakGlass as _coffer_v1_BreakGlass, BreakGlass__Output as _coffer_v1_BreakGlass__Output } from './coffer/v1/BreakGlass.js';
import type { BreakGlassIdRequest as _coffer_v1_BreakGlassIdRequest, BreakGlassIdRequest__Output as _coffer_v1_BreakGlassIdRequest__Output } from './coffer/v1/BreakGlassIdRequest.js';
import type { ClientInfo as _coffer_v1_ClientInfo, ClientInfo__Output as _coffer_v1_ClientInfo__Output } from './coffer/v1/ClientInfo.js';
import type { ConfirmTwoFactorRequest as _coffer_v1_ConfirmTwoFactorRequest, ConfirmTwoFactorRequest__Output as _coffer_v1_ConfirmTwoFactorRequest__Output } from './coffer/v1/ConfirmTwoFactorRequest.js';
import type { ConfirmTwoFactorResponse as _coffer_v1_ConfirmTwoFactorResponse, ConfirmTwoFactorResponse__Output as _coffer_v1_ConfirmTwoFactorResponse__Output } from './coffer/v1/ConfirmTwoFactorResponse.js';
import type { CreateEnvironmentRequest as _coffer_v1_CreateEnvironmentRequest, CreateEnvironmentRequest__Output as _coffer_v1_CreateEnvironmentRequest__Output } from './coffer/v1/CreateEnvironmentRequest.js';
import type { CreateInvitationRequest as _coffer_v1_CreateInvitationRequest, CreateInvitationRequest__Output as _coffer_v1_CreateInvitationRequest__Output } from './coffer/v1/CreateInvitationRequest.js';
import type { CreateOrgRequest as _coffer_v1_CreateOrgRequest, CreateOrgRequest__Output as _coffer_v1_CreateOrgRequest__Output } from './coffer/v1/CreateOrgRequest.js';
import type { CreateOrgResponse as _coffer_v1_CreateOrgResponse, CreateOrgResponse__Output as _coffer_v1_CreateOrgResponse__Output } from './coffer/v1/CreateOrgResponse.js';
import type { CreateProjectRequest as _coffer_v1_CreateProjectRequest, CreateProjectRequest__Output as _coffer_v1_CreateProjectRequest__Output } from './coffer/v1/CreateProjectRequest.js';
import type { CreateRoleRequest as _coffer_v1_CreateRoleRequest, CreateRoleRequest__Output as _coffer_v1_CreateRoleRequest__Output } from './coffer/v1/CreateRoleRequest.js';
import type { CreateServiceAccountRequest as _coffer_v1_CreateServiceAccountRequest, CreateServiceAccountRequest__Output as _coffer_v1_CreateServiceAccountRequest__Output } from './coffer/v1/CreateServiceAccountRequest.js';
import type { CreateTokenRequest as _coffer_v1_CreateTokenRequest, CreateTokenRequest__Output as _coffer_v1_CreateTokenRequest__Output } from './coffer/v1/CreateTokenRequest.js';
import type { CreateTokenResponse as _coffer_v1_CreateTokenResponse, CreateTokenResponse__Output as _coffer_v1_CreateTokenResponse__Output } from './coffer/v1/CreateTokenResponse.js';
import type { DeleteGrantRequest as _coffer_v1_DeleteGrantRequest, DeleteGrantRequest__Output as _coffer_v1_DeleteGrantRequest__Output } from './coffer/v1/DeleteGrantRequest.js';
import type { DeleteGrantResponse as _coffer_v1_DeleteGrantResponse, DeleteGrantResponse__Output as _coffer_v1_DeleteGrantResponse__Output } from './coffer/v1/DeleteGrantResponse.js';
import type { DeleteRoleRequest as _coffer_v1_DeleteRoleRequest, DeleteRoleRequest__Output as _coffer_v1_DeleteRoleRequest__Output } from './coffer/v1/DeleteRoleRequest.js';
import type { DeleteRoleResponse as _coffer_v1_DeleteRoleResponse, DeleteRoleResponse__Output as _coffer_v1_DeleteRoleResponse__Output } from './coffer/v1/DeleteRoleResponse.js';
import type { DeleteServiceAccountRequest as _coffer_v1_DeleteServiceAccountRequest, DeleteServiceAccountRequest__Output as _coffer_v1_DeleteServiceAccountRequest__Output } from './coffer/v1/DeleteServiceAccountRequest.js';
import type { DeleteServiceAccountResponse as _coffer_v1_DeleteServiceAccountResponse, DeleteServiceAccountResponse__Output as _coffer_v1_DeleteServiceAccountResponse__Output } from './coffer/v1/DeleteServiceAccountResponse.js';
import type { DeviceAuthorization as _coffer_v1_DeviceAuthorization, DeviceAuthorization__Output as _coffer_v1_DeviceAuthorization__Output } from './coffer/v1/DeviceAuthorization.js';
import type { DeviceAuthorizationDetails as _coffer_v1_DeviceAuthorizationDetails, DeviceAuthorizationDetails__Output as _coffer_v1_DeviceAuthorizationDetails__Output } from './coffer/v1/DeviceAuthorizationDetails.js';
import type { DeviceDecisionResponse as _coffer_v1_DeviceDecisionResponse, DeviceDecisionResponse__Output as _coffer_v1_DeviceDecisionResponse__Output } from './coffer/v1/DeviceDecisionResponse.js';
import type { DeviceUserCodeRequest as _coffer_v1_DeviceUserCodeRequest, DeviceUserCodeRequest__Output as _coffer_v1_DeviceUserCodeRequest__Output } from './coffer/v1/DeviceUserCodeRequest.js';
import type { DisableTwoFactorRequest as _coffer_v1_DisableTwoFactorRequest, DisableTwoFactorRequest__Output as _coffer_v1_DisableTwoFactorRequest__Output } from './coffer/v1/DisableTwoFactorRequest.js';
import type { DisableTwoFactorResponse as _coffer_v1_DisableTwoFactorResponse, DisableTwoFactorResponse__Output as _coffer_v1_DisableTwoFactorResponse__Output } from './coffer/v1/DisableTwoFactorResponse.js';
import type { Environment as _coffer_v1_Environment, Environment__Output as _coffer_v1_Environment__Output } from './coffer/v1/Environment.js';
import type { ForgotPasswordRequest as _coffer_v1_ForgotPasswordRequest, ForgotPasswordRequest__Output as _coffer_v1_ForgotPasswordRequest__Output } from './coffer/v1/ForgotPasswordRequest.js';
import type { ForgotPasswordResponse as _coffer_v1_ForgotPasswordResponse, ForgotPasswordResponse__Output as _coffer_v1_ForgotPasswordResponse__Output } from './coffer/v1/ForgotPasswordResponse.js';
import type { GetJwksRequest as _coffer_v1_GetJwksRequest, GetJwksRequest__Output as _coffer_v1_GetJwksRequest__Output } from './coffer/v1/GetJwksRequest.js';
import type { GetJwksResponse as _coffer_v1_GetJwksResponse, GetJwksResponse__Output as _coffer_v1_GetJwksResponse__Output } from './coffer/v1/GetJwksResponse.js';
import type { GetOrgSettingsRequest as _coffer_v1_GetOrgSettingsRequest, GetOrgSettingsRequest__Output as _coffer_v1_GetOrgSettingsRequest__Output } from './coffer/v1/GetOrgSettingsRequest.js';
import type { GetTwoFactorRequest as _coffer_v1_GetTwoFactorRequest, GetTwoFactorRequest__Output as _coffer_v1_GetTwoFactorRequest__Output } from './coffer/v1/GetTwoFactorRequest.js';
import type { Grant as _coffer_v1_Grant, Grant__Output as _coffer_v1_Grant__Output } from './coffer/v1/Grant.js';
import type { GrantRecord as _coffer_v1_GrantRecord, GrantRecord__Output as _coffer_v1_GrantRecord__Output } from './coffer/v1/GrantRecord.js';
import type { Invitation as _coffer_v1_Invitation, Invitation__Output as _coffer_v1_Invitation__Output } from './coffer/v1/Invitation.js';
import type { IssuedToken as _coffer_v1_IssuedToken, IssuedToken__Output as _coffer_v1_IssuedToken__Output } from './coffer/v1/IssuedToken.js';
import type { ListBreakGlassRequest as _coffer_v1_ListBreakGlassRequest, ListBreakGlassRequest__Output as _coffer_v1_ListBreakGlassRequest__Output } from './coffer/v1/ListBreakGlassRequest.js';
import type { ListBreakGlassResponse as _coffer_v1_ListBreakGlassResponse, ListBreakGlassResponse__Output as _coffer_v1_ListBreakGlassResponse__Output } from './coffer/v1/ListBreakGlassResponse.js';
import type { ListEnvironmentsRequest as _coffer_v1_ListEnvironmentsRequest, ListEnvironmentsRequest__Output as _coffer_v1_ListEnvironmentsRequest__Output } from './coffer/v1/ListEnvironmentsRequest.js';
import type { ListEnvironmentsResponse as _coffer_v1_ListEnvironmentsResponse, ListEnvironmentsResponse__Output as _coffer_v1_ListEnvironmentsResponse__Output } from './coffer/v1/ListEnvironmentsResponse.js';
import type { ListGrantsRequest as _coffer_v1_ListGrantsRequest, ListGrantsRequest__Output as _coffer_v1_ListGrantsRequest__Output } from './coffer/v1/ListGrantsRequest.js';
import type { ListGrantsResponse as _coffer_v1_ListGrantsResponse, ListGrantsResponse__Output as _coffer_v1_ListGrantsResponse__Output } from './coffer/v1/ListGrantsResponse.js';
import type { ListMembersRequest as _coffer_v1_ListMembersRequest, ListMembersRequest__Output as _coffer_v1_ListMembersRequest__Output } from './coffer/v1/ListMembersRequest.js';
import type { ListMembersResponse as _coffer_v1_ListMembersResponse, ListMembersResponse__Output as _coffer_v1_ListMembersResponse__Output } from './coffer/v1/ListMembersResponse.js';
import type { ListOrgsRequest as _coffer_v1_ListOrgsRequest, ListOrgsRequest__Output as _coffer_v1_ListOrgsRequest__Output } from './coffer/v1/ListOrgsRequest.js';
import type { ListOrgsResponse as _coffer_v1_ListOrgsResponse, ListOrgsResponse__Output as _coffer_v1_ListOrgsResponse__Output } from './coffer/v1/ListOrgsResponse.js';
import type { ListProjectsRequest as _coffer_v1_ListProjectsRequest, ListProjectsRequest__Output as _coffer_v1_ListProjectsRequest__Output } from './coffer/v1/ListProjectsRequest.js';
import type { ListProjectsResponse as _coffer_v1_ListProjectsResponse, ListProjectsResponse__Output as _coffer_v1_ListProjectsResponse__Output } from './coffer/v1/ListProjectsResponse.js';
import type { ListRolesRequest as _coffer_v1_ListRolesRequest, ListRolesRequest__Output as _coffer_v1_ListRolesRequest__Output } from './coffer/v1/ListRolesRequest.js';
import type { ListRolesResponse as _coffer_v1_ListRolesResponse, ListRolesResponse__Output as _coffer_v1_ListRolesResponse__Output } from './coffer/v1/ListRolesResponse.js';
import type { ListServiceAccountsRequest as _coffer_v1_ListServiceAccountsRequest, ListServiceAccountsRequest__Output as _coffer_v1_ListServiceAccountsRequest__Output } from './coffer/v1/ListServiceAccountsRequest.js';
import type { ListServiceAccountsResponse as _coffer_v1_ListServiceAccountsResponse, ListServiceAccountsResponse__Output as _coffer_v1_ListServiceAccountsResponse__Output } from './coffer/v1/ListServiceAccountsResponse.js';
import type { ListSessionsRequest as _coffer_v1_ListSessionsRequest, ListSessionsRequest__Output as _coffer_v1_ListSessionsRequest__Output } from './coffer/v1/ListSessionsRequest.js';
import type { ListSessionsResponse as _coffer_v1_ListSessionsResponse, ListSessionsResponse__Output as _coffer_v1_ListSessionsResponse__Output } from './coffer/v1/ListSessionsResponse.js';
import type { ListTokensRequest as _coffer_v1_ListTokensRequest, ListTokensRequest__Output as _coffer_v1_ListTokensRequest__Output } from './coffer/v1/ListTokensRequest.js';
import type { ListTokensResponse as _coffer_v1_ListTokensResponse, ListTokensResponse__Output as _coffer_v1_ListTokensResponse__Output } from './coffer/v1/ListTokensResponse.js';
import type { LoginRequest as _coffer_v1_LoginRequest, LoginRequest__Output as _coffer_v1_LoginRequest__Output } from './coffer/v1/LoginRequest.js';
import type { LoginResponse as _coffer_v1_LoginResponse, LoginResponse__Output as _coffer_v1_LoginResponse__Output } from './coffer/v1/LoginResponse.js';
import type { LoginSecondFactorRequest as _coffer_v1_LoginSecondFactorRequest, LoginSecondFactorRequest__Output as _coffer_v1_LoginSecondFactorRequest__Output } from './coffer/v1/LoginSecondFactorRequest.js';
import type { LogoutRequest as _coffer_v1_LogoutRequest, LogoutRequest__Output as _coffer_v1_LogoutRequest__Output } from './coffer/v1/LogoutRequest.js';
import type { LogoutResponse as _coffer_v1_LogoutResponse, LogoutResponse__Output as _coffer_v1_LogoutResponse__Output } from './coffer/v1/LogoutResponse.js';
import type { Member as _coffer_v1_Member, Member__Output as _coffer_v1_Member__Output } from './coffer/v1/Member.js';
import type { Membership as _coffer_v1_Membership, Membership__Output as _coffer_v1_Membership__Output } from './coffer/v1/Membership.js';
import type { OpenBreakGlassRequest as _coffer_v1_OpenBreakGlassRequest, OpenBreakGlassRequest__Output as _coffer_v1_OpenBreakGlassRequest__Output } from './coffer/v1/OpenBreakGlassRequest.js';
import type { OrgSettings as _coffer_v1_OrgSettings, OrgSettings__Output as _coffer_v1_OrgSettings__Output } from './coffer/v1/OrgSettings.js';
import type { Organization as _coffer_v1_Organization, Organization__Output as _coffer_v1_Organization__Output } from './coffer/v1/Organization.js';
import type { PollDeviceTokenRequest as _coffer_v1_PollDeviceTokenRequest, PollDeviceTokenRequest__Output as _coffer_v1_PollDeviceTokenRequest__Output } from './coffer/v1/PollDeviceTokenRequest.js';
import type { PollDeviceTokenResponse as _coffer_v1_PollDeviceTokenResponse, PollDeviceTokenResponse__Output as _coffer_v1_PollDeviceTokenResponse__Output } from './coffer/v1/PollDeviceTokenResponse.js';
import type { Principal as _coffer_v1_Principal, Principal__Output as _coffer_v1_Principal__Output } from './coffer/v1/Principal.js';
import type { Project as _coffer_v1_Project, Project__Output as _coffer_v1_Project__Output } from './coffer/v1/Project.js';
import type { PutGrantRequest as _coffer_v1_PutGrantRequest, PutGrantRequest__Output as _coffer_v1_PutGrantRequest__Output } from './coffer/v1/PutGrantRequest.js';
import type { RefreshRequest as _coffer_v1_RefreshRequest, RefreshRequest__Output as _coffer_v1_RefreshRequest__Output } from './coffer/v1/RefreshRequest.js';
import type { RemoveMemberRequest as _coffer_v1_RemoveMemberRequest, RemoveMemberRequest__Output as _coffer_v1_RemoveMemberRequest__Output } from './coffer/v1/RemoveMemberRequest.js';
import type { RemoveMemberResponse as _coffer_v1_RemoveMemberResponse, RemoveMemberResponse__Output as _coffer_v1_RemoveMemberResponse__Output } from './coffer/v1/RemoveMemberResponse.js';
import type { ResetPasswordRequest as _coffer_v1_ResetPasswordRequest, ResetPasswordRequest__Output as _coffer_v1_ResetPasswordRequest__Output } from './coffer/v1/ResetPasswordRequest.js';
import type { ResetPasswordResponse as _coffer_v1_ResetPasswordResponse, ResetPasswordResponse__Output as _coffer_v1_ResetPasswordResponse__Output } from './coffer/v1/ResetPasswordResponse.js';
import type { ReviewBreakGlassRequest as _coffer_v1_ReviewBreakGlassRequest, ReviewBreakGlassRequest__Output as _coffer_v1_ReviewBreakGlassRequest__Output } from './coffer/v1/ReviewBreakGlassRequest.js';
import type { RevokeSessionRequest as _coffer_v1_RevokeSessionRequest, RevokeSessionRequest__Output as _coffer_v1_RevokeSessionRequest__Output } from './coffer/v1/RevokeSessionRequest.js';
import type { RevokeSessionResponse as _coffer_v1_RevokeSessionResponse, RevokeSessionResponse__Output as _coffer_v1_RevokeSessionResponse__Output } from './coffer/v1/RevokeSessionResponse.js';
import type { RevokeTokenRequest as _coffer_v1_RevokeTokenRequest, RevokeTokenRequest__Output as _coffer_v1_RevokeTokenRequest__Output } from './coffer/v1/RevokeTokenRequest.js';
import type { RevokeTokenResponse as _coffer_v1_RevokeTokenResponse, RevokeTokenResponse__Output as _coffer_v1_RevokeTokenResponse__Output } from './coffer/v1/RevokeTokenResponse.js';
import type { Role as _coffer_v1_Role, Role__Output as _coffer_v1_Role__Output } from './coffer/v1/Role.js';
import type { RotateTokenRequest as _coffer_v1_RotateTokenRequest, RotateTokenRequest__Output as _coffer_v1_RotateTokenRequest__Output } from './coffer/v1/RotateTokenRequest.js';
import type { ServiceAccount as _coffer_v1_ServiceAccount, ServiceAccount__Output as _coffer_v1_ServiceAccount__Output } from './coffer/v1/ServiceAccount.js';
import type { Session as _coffer_v1_Session, Session__Output as _coffer_v1_Session__Output } from './coffer/v1/Session.js';
import type { SessionTokens as _coffer_v1_SessionTokens, SessionTokens__Output as _coffer_v1_SessionTokens__Output } from './coffer/v1/SessionTokens.js';
import type { SignInWithIdentityRequest as _coffer_v1_SignInWithIdentityRequest, SignInWithIdentityRequest__Output as _coffer_v1_SignInWithIdentityRequest__Output } from './coffer/v1/SignInWithIdentityRequest.js';
import type { SignupRequest as _coffer_v1_SignupRequest, SignupRequest__Output as _coffer_v1_SignupRequest__Output } from './coffer/v1/SignupRequest.js';
import type { SignupResponse as _coffer_v1_SignupResponse, SignupResponse__Output as _coffer_v1_SignupResponse__Output } from './coffer/v1/SignupResponse.js';
import type { StartDeviceAuthorizationRequest as _coffer_v1_StartDeviceAuthorizationRequest, StartDeviceAuthorizationRequest__Output as _coffer_v1_StartDeviceAuthorizationRequest__Output } from './coffer/v1/StartDeviceAuthorizationRequest.js';
import type { TokenIdentity as _coffer_v1_TokenIdentity, TokenIdentity__Output as _coffer_v1_TokenIdentity__Output } from './coffer/v1/TokenIdentity.js';
import type { TokenInfo as _coffer_v1_TokenInfo, TokenInfo__Output as _coffer_v1_TokenInfo__Output } from './coffer/v1/TokenInfo.js';
import type { TwoFactorEnrolment as _coffer_v1_TwoFactorEnrolment, TwoFactorEnrolment__Output as _coffer_v1_TwoFactorEnrolment__Output } from './coffer/v1/TwoFactorEnrolment.js';
import type { TwoFactorStatus as _coffer_v1_TwoFactorStatus, TwoFactorStatus__Output as _coffer_v1_TwoFactorStatus__Output } from './coffer/v1/TwoFactorStatus.js';
import type { UpdateEnvironmentRequest as _coffer_v1_UpdateEnvironmentRequest, UpdateEnvironmentRequest__Output as _coffer_v1_UpdateEnvironmentRequest__Output } from './coffer/v1/UpdateEnvironmentRequest.js';
import type { UpdateMemberRequest as _coffer_v1_UpdateMemberRequest, UpdateMemberRequest__Output as _coffer_v1_UpdateMemberRequest__Output } from './coffer/v1/UpdateMemberRequest.js';
import type { UpdateOrgSettingsRequest as _coffer_v1_UpdateOrgSettingsRequest, UpdateOrgSettingsRequest__Output as _coffer_v1_UpdateOrgSettingsRequest__Output } from './coffer/v1/UpdateOrgSettingsRequest.js';
import type { UpdateRoleRequest as _coffer_v1_UpdateRoleRequest, UpdateRoleRequest__Output as _coffer_v1_UpdateRoleRequest__Output } from './coffer/v1/UpdateRoleRequest.js';
import type { User as _coffer_v1_User, User__Output as _coffer_v1_User__Output } from './coffer/v1/User.js';
import type { VerifyEmailRequest as _coffer_v1_VerifyEmailRequest, VerifyEmailRequest__Output as _coffer_v1_VerifyEmailRequest__Output } from './coffer/v1/VerifyEmailRequest.js';
import type { VerifyEmailResponse as _coffer_v1_VerifyEmailResponse, VerifyEmailResponse__Output as _coffer_v1_VerifyEmailResponse__Output } from './coffer/v1/VerifyEmailResponse.js';
import type { WhoAmIRequest as _coffer_v1_WhoAmIRequest, WhoAmIRequest__Output as _coffer_v1_WhoAmIRequest__Output } from './coffer/v1/WhoAmIRequest.js';
import type { WhoAmIResponse as _coffer_v1_WhoAmIResponse, WhoAmIResponse__Output as _coffer_v1_WhoAmIResponse__Output } from './coffer/v1/WhoAmIResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  coffer: {
    v1: {
      AcceptInvitationRequest: MessageTypeDefinition<_coffer_v1_AcceptInvitationRequest, _coffer_v1_AcceptInvitationRequest__Output>
      AcceptInvitationResponse: MessageTypeDefinition<_coffer_v1_AcceptInvitationResponse, _coffer_v1_AcceptInvitationResponse__Output>
      AuthService: SubtypeConstructor<typeof grpc.Client, _coffer_v1_AuthServiceClient> & { service: _coffer_v1_AuthServiceDefinition }
      AuthenticateRequest: MessageTypeDefinition<_coffer_v1_AuthenticateRequest, _coffer_v1_AuthenticateRequest__Output>
      BeginTwoFactorRequest: MessageTypeDefinition<_coffer_v1_BeginTwoFactorRequest, _coffer_v1_BeginTwoFactorRequest__Output>
      BootstrapRequest: MessageTypeDefinition<_coffer_v1_BootstrapRequest, _coffer_v1_BootstrapRequest__Output>
      BootstrapResponse: MessageTypeDefinition<_coffer_v1_BootstrapResponse, _coffer_v1_BootstrapResponse__Output>
      BreakGlass: MessageTypeDefinition<_coffer_v1_BreakGlass, _coffer_v1_BreakGlass__Output>
      BreakGlassIdRequest: MessageTypeDefinition<_coffer_v1_BreakGlassIdRequest, _coffer_v1_BreakGlassIdRequest__Output>
      ClientInfo: MessageTypeDefinition<_coffer_v1_ClientInfo, _coffer_v1_ClientInfo__Output>
      ConfirmTwoFactorRequest: MessageTypeDefinition<_coffer_v1_ConfirmTwoFactorRequest, _coffer_v1_ConfirmTwoFactorRequest__Output>
      ConfirmTwoFactorResponse: MessageTypeDefinition<_coffer_v1_ConfirmTwoFactorResponse, _coffer_v1_ConfirmTwoFactorResponse__Output>
      CreateEnvironmentRequest: MessageTypeDefinition<_coffer_v1_CreateEnvironmentRequest, _coffer_v1_CreateEnvironmentRequest__Output>
      CreateInvitationRequest: MessageTypeDefinition<_coffer_v1_CreateInvitationRequest, _coffer_v1_CreateInvitationRequest__Output>
      CreateOrgRequest: MessageTypeDefinition<_coffer_v1_CreateOrgRequest, _coffer_v1_CreateOrgRequest__Output>
      CreateOrgResponse: MessageTypeDefinition<_coffer_v1_CreateOrgResponse, _coffer_v1_CreateOrgResponse__Output>
      CreateProjectRequest: MessageTypeDefinition<_coffer_v1_CreateProjectRequest, _coffer_v1_CreateProjectRequest__Output>
      CreateRoleRequest: MessageTypeDefinition<_coffer_v1_CreateRoleRequest, _coffer_v1_CreateRoleRequest__Output>
      CreateServiceAccountRequest: MessageTypeDefinition<_coffer_v1_CreateServiceAccountRequest, _coffer_v1_CreateServiceAccountRequest__Output>
      CreateTokenRequest: MessageTypeDefinition<_coffer_v1_CreateTokenRequest, _coffer_v1_CreateTokenRequest__Output>
      CreateTokenResponse: MessageTypeDefinition<_coffer_v1_CreateTokenResponse, _coffer_v1_CreateTokenResponse__Output>
      DeleteGrantRequest: MessageTypeDefinition<_coffer_v1_DeleteGrantRequest, _coffer_v1_DeleteGrantRequest__Output>
      DeleteGrantResponse: MessageTypeDefinition<_coffer_v1_DeleteGrantResponse, _coffer_v1_DeleteGrantResponse__Output>
      DeleteRoleRequest: MessageTypeDefinition<_coffer_v1_DeleteRoleRequest, _coffer_v1_DeleteRoleRequest__Output>
      DeleteRoleResponse: MessageTypeDefinition<_coffer_v1_DeleteRoleResponse, _coffer_v1_DeleteRoleResponse__Output>
      DeleteServiceAccountRequest: MessageTypeDefinition<_coffer_v1_DeleteServiceAccountRequest, _coffer_v1_DeleteServiceAccountRequest__Output>
      DeleteServiceAccountResponse: MessageTypeDefinition<_coffer_v1_DeleteServiceAccountResponse, _coffer_v1_DeleteServiceAccountResponse__Output>
      DeviceAuthorization: MessageTypeDefinition<_coffer_v1_DeviceAuthorization, _coffer_v1_DeviceAuthorization__Output>
      DeviceAuthorizationDetails: MessageTypeDefinition<_coffer_v1_DeviceAuthorizationDetails, _coffer_v1_DeviceAuthorizationDetails__Output>
      DeviceDecisionResponse: MessageTypeDefinition<_coffer_v1_DeviceDecisionResponse, _coffer_v1_DeviceDecisionResponse__Output>
      DeviceUserCodeRequest: MessageTypeDefinition<_coffer_v1_DeviceUserCodeRequest, _coffer_v1_DeviceUserCodeRequest__Output>
      DisableTwoFactorRequest: MessageTypeDefinition<_coffer_v1_DisableTwoFactorRequest, _coffer_v1_DisableTwoFactorRequest__Output>
      DisableTwoFactorResponse: MessageTypeDefinition<_coffer_v1_DisableTwoFactorResponse, _coffer_v1_DisableTwoFactorResponse__Output>
      Environment: MessageTypeDefinition<_coffer_v1_Environment, _coffer_v1_Environment__Output>
      ForgotPasswordRequest: MessageTypeDefinition<_coffer_v1_ForgotPasswordRequest, _coffer_v1_ForgotPasswordRequest__Output>
      ForgotPasswordResponse: MessageTypeDefinition<_coffer_v1_ForgotPasswordResponse, _coffer_v1_ForgotPasswordResponse__Output>
      GetJwksRequest: MessageTypeDefinition<_coffer_v1_GetJwksRequest, _coffer_v1_GetJwksRequest__Output>
      GetJwksResponse: MessageTypeDefinition<_coffer_v1_GetJwksResponse, _coffer_v1_GetJwksResponse__Output>
      GetOrgSettingsRequest: MessageTypeDefinition<_coffer_v1_GetOrgSettingsRequest, _coffer_v1_GetOrgSettingsRequest__Output>
      GetTwoFactorRequest: MessageTypeDefinition<_coffer_v1_GetTwoFactorRequest, _coffer_v1_GetTwoFactorRequest__Output>
      Grant: MessageTypeDefinition<_coffer_v1_Grant, _coffer_v1_Grant__Output>
      GrantRecord: MessageTypeDefinition<_coffer_v1_GrantRecord, _coffer_v1_GrantRecord__Output>
      Invitation: MessageTypeDefinition<_coffer_v1_Invitation, _coffer_v1_Invitation__Output>
      IssuedToken: MessageTypeDefinition<_coffer_v1_IssuedToken, _coffer_v1_IssuedToken__Output>
      ListBreakGlassRequest: MessageTypeDefinition<_coffer_v1_ListBreakGlassRequest, _coffer_v1_ListBreakGlassRequest__Output>
      ListBreakGlassResponse: MessageTypeDefinition<_coffer_v1_ListBreakGlassResponse, _coffer_v1_ListBreakGlassResponse__Output>
      ListEnvironmentsRequest: MessageTypeDefinition<_coffer_v1_ListEnvironmentsRequest, _coffer_v1_ListEnvironmentsRequest__Output>
      ListEnvironmentsResponse: MessageTypeDefinition<_coffer_v1_ListEnvironmentsResponse, _coffer_v1_ListEnvironmentsResponse__Output>
      ListGrantsRequest: MessageTypeDefinition<_coffer_v1_ListGrantsRequest, _coffer_v1_ListGrantsRequest__Output>
      ListGrantsResponse: MessageTypeDefinition<_coffer_v1_ListGrantsResponse, _coffer_v1_ListGrantsResponse__Output>
      ListMembersRequest: MessageTypeDefinition<_coffer_v1_ListMembersRequest, _coffer_v1_ListMembersRequest__Output>
      ListMembersResponse: MessageTypeDefinition<_coffer_v1_ListMembersResponse, _coffer_v1_ListMembersResponse__Output>
      ListOrgsRequest: MessageTypeDefinition<_coffer_v1_ListOrgsRequest, _coffer_v1_ListOrgsRequest__Output>
      ListOrgsResponse: MessageTypeDefinition<_coffer_v1_ListOrgsResponse, _coffer_v1_ListOrgsResponse__Output>
      ListProjectsRequest: MessageTypeDefinition<_coffer_v1_ListProjectsRequest, _coffer_v1_ListProjectsRequest__Output>
      ListProjectsResponse: MessageTypeDefinition<_coffer_v1_ListProjectsResponse, _coffer_v1_ListProjectsResponse__Output>
      ListRolesRequest: MessageTypeDefinition<_coffer_v1_ListRolesRequest, _coffer_v1_ListRolesRequest__Output>
      ListRolesResponse: MessageTypeDefinition<_coffer_v1_ListRolesResponse, _coffer_v1_ListRolesResponse__Output>
      ListServiceAccountsRequest: MessageTypeDefinition<_coffer_v1_ListServiceAccountsRequest, _coffer_v1_ListServiceAccountsRequest__Output>
      ListServiceAccountsResponse: MessageTypeDefinition<_coffer_v1_ListServiceAccountsResponse, _coffer_v1_ListServiceAccountsResponse__Output>
      ListSessionsRequest: MessageTypeDefinition<_coffer_v1_ListSessionsRequest, _coffer_v1_ListSessionsRequest__Output>
      ListSessionsResponse: MessageTypeDefinition<_coffer_v1_ListSessionsResponse, _coffer_v1_ListSessionsResponse__Output>
      ListTokensRequest: MessageTypeDefinition<_coffer_v1_ListTokensRequest, _coffer_v1_ListTokensRequest__Output>
      ListTokensResponse: MessageTypeDefinition<_coffer_v1_ListTokensResponse, _coffer_v1_ListTokensResponse__Output>
      LoginRequest: MessageTypeDefinition<_coffer_v1_LoginRequest, _coffer_v1_LoginRequest__Output>
      LoginResponse: MessageTypeDefinition<_coffer_v1_LoginResponse, _coffer_v1_LoginResponse__Output>
      LoginSecondFactorRequest: MessageTypeDefinition<_coffer_v1_LoginSecondFactorRequest, _coffer_v1_LoginSecondFactorRequest__Output>
      LogoutRequest: MessageTypeDefinition<_coffer_v1_LogoutRequest, _coffer_v1_LogoutRequest__Output>
      LogoutResponse: MessageTypeDefinition<_coffer_v1_LogoutResponse, _coffer_v1_LogoutResponse__Output>
      Member: MessageTypeDefinition<_coffer_v1_Member, _coffer_v1_Member__Output>
      Membership: MessageTypeDefinition<_coffer_v1_Membership, _coffer_v1_Membership__Output>
      OpenBreakGlassRequest: MessageTypeDefinition<_coffer_v1_OpenBreakGlassRequest, _coffer_v1_OpenBreakGlassRequest__Output>
      OrgSettings: MessageTypeDefinition<_coffer_v1_OrgSettings, _coffer_v1_OrgSettings__Output>
      Organization: MessageTypeDefinition<_coffer_v1_Organization, _coffer_v1_Organization__Output>
      PollDeviceTokenRequest: MessageTypeDefinition<_coffer_v1_PollDeviceTokenRequest, _coffer_v1_PollDeviceTokenRequest__Output>
      PollDeviceTokenResponse: MessageTypeDefinition<_coffer_v1_PollDeviceTokenResponse, _coffer_v1_PollDeviceTokenResponse__Output>
      Principal: MessageTypeDefinition<_coffer_v1_Principal, _coffer_v1_Principal__Output>
      Project: MessageTypeDefinition<_coffer_v1_Project, _coffer_v1_Project__Output>
      PutGrantRequest: MessageTypeDefinition<_coffer_v1_PutGrantRequest, _coffer_v1_PutGrantRequest__Output>
      RefreshRequest: MessageTypeDefinition<_coffer_v1_RefreshRequest, _coffer_v1_RefreshRequest__Output>
      RemoveMemberRequest: MessageTypeDefinition<_coffer_v1_RemoveMemberRequest, _coffer_v1_RemoveMemberRequest__Output>
      RemoveMemberResponse: MessageTypeDefinition<_coffer_v1_RemoveMemberResponse, _coffer_v1_RemoveMemberResponse__Output>
      ResetPasswordRequest: MessageTypeDefinition<_coffer_v1_ResetPasswordRequest, _coffer_v1_ResetPasswordRequest__Output>
      ResetPasswordResponse: MessageTypeDefinition<_coffer_v1_ResetPasswordResponse, _coffer_v1_ResetPasswordResponse__Output>
      ReviewBreakGlassRequest: MessageTypeDefinition<_coffer_v1_ReviewBreakGlassRequest, _coffer_v1_ReviewBreakGlassRequest__Output>
      RevokeSessionRequest: MessageTypeDefinition<_coffer_v1_RevokeSessionRequest, _coffer_v1_RevokeSessionRequest__Output>
      RevokeSessionResponse: MessageTypeDefinition<_coffer_v1_RevokeSessionResponse, _coffer_v1_RevokeSessionResponse__Output>
      RevokeTokenRequest: MessageTypeDefinition<_coffer_v1_RevokeTokenRequest, _coffer_v1_RevokeTokenRequest__Output>
      RevokeTokenResponse: MessageTypeDefinition<_coffer_v1_RevokeTokenResponse, _coffer_v1_RevokeTokenResponse__Output>
      Role: MessageTypeDefinition<_coffer_v1_Role, _coffer_v1_Role__Output>
      RotateTokenRequest: MessageTypeDefinition<_coffer_v1_RotateTokenRequest, _coffer_v1_RotateTokenRequest__Output>
      ServiceAccount: MessageTypeDefinition<_coffer_v1_ServiceAccount, _coffer_v1_ServiceAccount__Output>
      Session: MessageTypeDefinition<_coffer_v1_Session, _coffer_v1_Session__Output>
      SessionTokens: MessageTypeDefinition<_coffer_v1_SessionTokens, _coffer_v1_SessionTokens__Output>
      SignInWithIdentityRequest: MessageTypeDefinition<_coffer_v1_SignInWithIdentityRequest, _coffer_v1_SignInWithIdentityRequest__Output>
      SignupRequest: MessageTypeDefinition<_coffer_v1_SignupRequest, _coffer_v1_SignupRequest__Output>
      SignupResponse: MessageTypeDefinition<_coffer_v1_SignupResponse, _coffer_v1_SignupResponse__Output>
      StartDeviceAuthorizationRequest: MessageTypeDefinition<_coffer_v1_StartDeviceAuthorizationRequest, _coffer_v1_StartDeviceAuthorizationRequest__Output>
      TokenIdentity: MessageTypeDefinition<_coffer_v1_TokenIdentity, _coffer_v1_TokenIdentity__Output>
      TokenInfo: MessageTypeDefinition<_coffer_v1_TokenInfo, _coffer_v1_TokenInfo__Output>
      TwoFactorEnrolment: MessageTypeDefinition<_coffer_v1_TwoFactorEnrolment, _coffer_v1_TwoFactorEnrolment__Output>
      TwoFactorStatus: MessageTypeDefinition<_coffer_v1_TwoFactorStatus, _coffer_v1_TwoFactorStatus__Output>
      UpdateEnvironmentRequest: MessageTypeDefinition<_coffer_v1_UpdateEnvironmentRequest, _coffer_v1_UpdateEnvironmentRequest__Output>
      UpdateMemberRequest: MessageTypeDefinition<_coffer_v1_UpdateMemberRequest, _coffer_v1_UpdateMemberRequest__Output>
      UpdateOrgSettingsRequest: MessageTypeDefinition<_coffer_v1_UpdateOrgSettingsRequest, _coffer_v1_UpdateOrgSettingsRequest__Output>
      UpdateRoleRequest: MessageTypeDefinition<_coffer_v1_UpdateRoleRequest, _coffer_v1_UpdateRoleRequest__Output>
      User: MessageTypeDefinition<_coffer_v1_User, _coffer_v1_User__Output>
      VerifyEmailRequest: MessageTypeDefinition<_coffer_v1_VerifyEmailRequest, _coffer_v1_VerifyEmailRequest__Output>
      VerifyEmailResponse: MessageTypeDefinition<_coffer_v1_VerifyEmailResponse, _coffer_v1_VerifyEmailResponse__Output>
      WhoAmIRequest: MessageTypeDefinition<_coffer_v1_WhoAmIRequest, _coffer_v1_WhoAmIRequest__Output>
      WhoAmIResponse: MessageTypeDefinition<_coffer_v1_WhoAmIResponse, _coffer_v1_WhoAmIResponse__Output>
    }
  }
}

