import { z } from 'zod';
import {
  MAX_NAME_LENGTH,
  emailSchema as email,
  looksLikeAccessToken,
  orgRoleSchema,
  parseInput,
  passwordInputSchema,
  slugSchema as slug,
  type OrgRole,
} from '@coffer/contract';
import {
  principalWith,
  publicAccess,
  requirePrincipal,
  selfWith,
  servicesOnly,
  type AccessTable,
  type AsyncHandlers,
  type AuthServiceHandlers,
  type CreateEnvironmentRequest__Output,
  type ListEnvironmentsRequest__Output,
  type PrincipalSigner,
} from '@coffer/grpc';
import { accessHandlers, accessRules } from './access-grpc.js';
import type { AccessService } from './access-service.js';
import type { AuthService } from './auth-service.js';
import { breakGlassHandlers, breakGlassRules } from './break-glass-grpc.js';
import type { BreakGlassService } from './break-glass-service.js';
import type { DeviceFlow } from './device-flow.js';
import { tokenHandlers, tokenRules } from './token-grpc.js';
import type { TokenService } from './token-service.js';
import type { ClientInfo, IdentityService } from './identity-service.js';

const displayName = z.string().max(MAX_NAME_LENGTH);
const password = passwordInputSchema;
const clientInfo = (client: { ip?: string; userAgent?: string } | null | undefined): ClientInfo => ({
  ip: client?.ip ?? '',
  userAgent: client?.userAgent ?? '',
});
const userCode = z.object({ userCode: z.string().max(32) });
/** RFC 6749 client_id and a display name: printable text, shown escaped on the approval page. */
const deviceClient = z.object({
  clientId: z
    .string()
    .max(64)
    .regex(/^[\x21-\x7e]*$/, 'printable ASCII without spaces'),
  clientName: z
    .string()
    .max(128)
    .regex(/^[^\p{Cc}]*$/u, 'no control characters'),
});

/**
 * Who may call what. Listing and reading the hierarchy needs only a principal of the organisation;
 * a token can only hand out permissions it holds itself (no escalation).
 */
export const authAccess: AccessTable<AuthServiceHandlers> = {
  Authenticate: publicAccess,
  // Once per platform, before any principal exists; the claim of platform_state makes it one-shot.
  Bootstrap: publicAccess,
  ListOrgs: selfWith([]),
  CreateOrg: selfWith(['orgs:create']),
  ListProjects: principalWith([]),
  CreateProject: principalWith(['hierarchy:write']),
  // A project or environment the caller holds nothing on is not found, and not listed.
  ListEnvironments: principalWith<ListEnvironmentsRequest__Output>([], (request, principal) => ({ orgId: principal.orgId, project: request.projectSlug })),
  CreateEnvironment: principalWith<CreateEnvironmentRequest__Output>(['hierarchy:write'], (request, principal) => ({
    orgId: principal.orgId,
    project: request.projectSlug,
  })),
  GetOrgSettings: principalWith([]),
  // An organisation's security policy is its admins' (owners and admins hold `admin`).
  UpdateOrgSettings: principalWith(['admin']),
  // Each proves itself: a password, a challenge and a code, a refresh token, the token of a link.
  Signup: publicAccess,
  VerifyEmail: publicAccess,
  Login: publicAccess,
  LoginSecondFactor: publicAccess,
  Refresh: publicAccess,
  Logout: publicAccess,
  ForgotPassword: publicAccess,
  ResetPassword: publicAccess,
  GetJwks: publicAccess,
  AcceptInvitation: publicAccess,
  WhoAmI: selfWith([]),
  ListSessions: selfWith([]),
  RevokeSession: selfWith([]),
  GetTwoFactor: selfWith([]),
  BeginTwoFactor: selfWith([]),
  ConfirmTwoFactor: selfWith([]),
  DisableTwoFactor: selfWith([]),
  CreateInvitation: principalWith(['members:manage']),
  // The gateway validated the provider's ID token; nobody else may vouch for an identity.
  SignInWithIdentity: servicesOnly('gateway'),
  // RFC 8628: the device proves itself by its device code; a signed-in person decides on a user code.
  StartDeviceAuthorization: publicAccess,
  PollDeviceToken: publicAccess,
  DescribeDeviceAuthorization: selfWith([]),
  ApproveDeviceAuthorization: selfWith([]),
  DenyDeviceAuthorization: selfWith([]),
  ...accessRules,
  ...breakGlassRules,
  ...tokenRules,
};

/** What the Auth service's handlers call: its domain services, and `signPrincipal`, which makes the assertion the other services believe. */
export interface AuthHandlerDeps {
  service: AuthService;
  identity: IdentityService;
  signPrincipal: PrincipalSigner;
  devices: DeviceFlow;
  access: AccessService;
  breakGlass: BreakGlassService;
  tokens: TokenService;
}

/** gRPC edge of the Auth service. */
export function authHandlers({ service, identity, signPrincipal, devices, access, breakGlass, tokens }: AuthHandlerDeps): AsyncHandlers<AuthServiceHandlers> {
  return {
    ...accessHandlers(access),
    ...breakGlassHandlers(breakGlass),
    ...tokenHandlers(tokens),
    async Authenticate(request) {
      // An access token of a session acts in the organisation the request names; an API token in its own.
      const principal = looksLikeAccessToken(request.token)
        ? await identity.authenticateSession(request.token, request.orgSlug)
        : await service.authenticate(request.token, request.clientIp);
      return { ...principal, assertion: await signPrincipal(principal) };
    },

    async Bootstrap(request) {
      const input = parseInput(
        z.object({
          orgSlug: slug,
          projectSlug: slug,
          orgName: displayName,
          projectName: displayName,
          ownerEmail: z.union([z.literal(''), email]),
          ownerPassword: z.string().max(1024),
        }),
        request,
      );
      const owner = input.ownerEmail
        ? { email: input.ownerEmail, passwordHash: await identity.ownerPasswordHash(input.ownerPassword, input.ownerEmail) }
        : undefined;
      return service.bootstrap({
        orgSlug: input.orgSlug,
        orgName: input.orgName || input.orgSlug,
        projectSlug: input.projectSlug,
        projectName: input.projectName || input.projectSlug,
        ...(owner ? { owner } : {}),
      });
    },

    async ListOrgs(_request, ctx) {
      return { orgs: await service.listOrgs(requirePrincipal(ctx)) };
    },

    async CreateOrg(request, ctx) {
      const input = parseInput(z.object({ slug, name: displayName }), request);
      return service.createOrg(requirePrincipal(ctx), { slug: input.slug, name: input.name || input.slug });
    },

    async ListProjects(_request, ctx) {
      return { projects: await service.listProjects(requirePrincipal(ctx)) };
    },

    async CreateProject(request, ctx) {
      const input = parseInput(z.object({ slug, name: displayName }), request);
      return service.createProject(requirePrincipal(ctx), { slug: input.slug, name: input.name || input.slug });
    },

    async ListEnvironments(request, ctx) {
      const input = parseInput(z.object({ projectSlug: slug }), request);
      return { environments: await service.listEnvironments(requirePrincipal(ctx), input.projectSlug) };
    },

    async CreateEnvironment(request, ctx) {
      const input = parseInput(z.object({ projectSlug: slug, slug, name: displayName }), request);
      return service.createEnvironment(requirePrincipal(ctx), { projectSlug: input.projectSlug, slug: input.slug, name: input.name || input.slug });
    },

    async GetOrgSettings(_request, ctx) {
      return service.orgSettings(requirePrincipal(ctx));
    },

    async UpdateOrgSettings(request, ctx) {
      const input = parseInput(z.object({ requireTwoFactor: z.boolean().optional() }), request);
      return service.orgSettings(requirePrincipal(ctx), input.requireTwoFactor === undefined ? {} : { requireTwoFactor: input.requireTwoFactor });
    },

    async Signup(request) {
      const input = parseInput(z.object({ email, password, name: displayName }), request);
      return identity.signup(input);
    },

    async VerifyEmail(request) {
      return { verified: await identity.verifyEmail(parseInput(z.object({ token: z.string().max(256) }), request).token) };
    },

    async Login(request) {
      const input = parseInput(z.object({ email, password }), request);
      return identity.login({ ...input, client: clientInfo(request.client) });
    },

    async LoginSecondFactor(request) {
      const input = parseInput(z.object({ challenge: z.string().max(256), code: z.string().max(32), recoveryCode: z.string().max(64) }), request);
      return identity.loginSecondFactor({ ...input, client: clientInfo(request.client) });
    },

    async Refresh(request) {
      return identity.refresh(parseInput(z.object({ refreshToken: z.string().max(256) }), request).refreshToken);
    },

    async Logout(request, ctx) {
      const input = parseInput(z.object({ refreshToken: z.string().max(256) }), request);
      return { revoked: await identity.logout({ refreshToken: input.refreshToken, ...(ctx.principal ? { principal: ctx.principal } : {}) }) };
    },

    async ForgotPassword(request) {
      return identity.forgotPassword(parseInput(z.object({ email }), request).email, clientInfo(request.client));
    },

    async ResetPassword(request) {
      const input = parseInput(z.object({ token: z.string().max(256), password }), request);
      return { reset: await identity.resetPassword({ ...input, client: clientInfo(request.client) }) };
    },

    async GetJwks() {
      return { jwksJson: JSON.stringify(await identity.jwks()), issuer: identity.issuer };
    },

    async WhoAmI(_request, ctx) {
      const principal = requirePrincipal(ctx);
      if (principal.userId) return { kind: 'user', ...(await identity.whoAmI(principal)) };
      const org = (await service.listOrgs(principal))[0];
      return {
        kind: 'api_token',
        token: {
          id: principal.tokenId,
          name: principal.name,
          permissions: principal.permissions,
          grants: principal.grants,
          expiresAt: principal.expiresAt,
          ...(org ? { org } : {}),
        },
      };
    },

    async ListSessions(_request, ctx) {
      return { sessions: await identity.listSessions(requirePrincipal(ctx)) };
    },

    async RevokeSession(request, ctx) {
      const input = parseInput(z.object({ sessionId: z.uuid() }), request);
      return { revoked: await identity.revokeSession(requirePrincipal(ctx), input.sessionId) };
    },

    async GetTwoFactor(_request, ctx) {
      return identity.twoFactorStatus(requirePrincipal(ctx));
    },

    async BeginTwoFactor(_request, ctx) {
      return identity.beginTwoFactor(requirePrincipal(ctx));
    },

    async ConfirmTwoFactor(request, ctx) {
      return identity.confirmTwoFactor(requirePrincipal(ctx), parseInput(z.object({ code: z.string().max(32) }), request).code);
    },

    async DisableTwoFactor(request, ctx) {
      return { disabled: await identity.disableTwoFactor(requirePrincipal(ctx), parseInput(z.object({ code: z.string().max(32) }), request).code) };
    },

    async CreateInvitation(request, ctx) {
      const input = parseInput(z.object({ email, role: orgRoleSchema }), request);
      return identity.createInvitation(requirePrincipal(ctx), { email: input.email, role: input.role as OrgRole });
    },

    async SignInWithIdentity(request) {
      const input = parseInput(
        z.object({
          provider: z.string().regex(/^[a-z0-9-]{1,32}$/),
          subject: z.string().min(1).max(255),
          email,
          emailVerified: z.boolean(),
          name: displayName,
        }),
        request,
      );
      return identity.signInWithIdentity({ ...input, client: clientInfo(request.client) });
    },

    async StartDeviceAuthorization(request) {
      const input = parseInput(deviceClient, request);
      return devices.start({ clientName: input.clientName.trim() || input.clientId || 'unnamed device', client: clientInfo(request.client) });
    },

    async PollDeviceToken(request) {
      const answer = await devices.poll(parseInput(z.object({ deviceCode: z.string().max(256) }), request).deviceCode);
      return 'tokens' in answer ? answer : { error: answer.error, errorDescription: answer.description, interval: answer.interval };
    },

    async DescribeDeviceAuthorization(request, ctx) {
      return devices.describe(requirePrincipal(ctx), parseInput(userCode, request).userCode);
    },

    async ApproveDeviceAuthorization(request, ctx) {
      return { approved: await devices.approve(requirePrincipal(ctx), parseInput(userCode, request).userCode) };
    },

    async DenyDeviceAuthorization(request, ctx) {
      await devices.deny(requirePrincipal(ctx), parseInput(userCode, request).userCode);
      return { approved: false };
    },

    async AcceptInvitation(request, ctx) {
      const input = parseInput(z.object({ token: z.string().max(256), password: z.string().max(1024), name: displayName }), request);
      return identity.acceptInvitation({ ...input, ...(ctx.principal ? { principal: ctx.principal } : {}) });
    },
  };
}
