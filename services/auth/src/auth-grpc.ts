import { z } from 'zod';
import { MAX_NAME_LENGTH, isPermission, parseInput, slugSchema as slug, type Permission } from '@coffer/contract';
import {
  principalWith,
  publicAccess,
  requirePrincipal,
  type AccessTable,
  type AsyncHandlers,
  type AuthServiceHandlers,
  type PrincipalSigner,
} from '@coffer/grpc';
import type { AuthService } from './auth-service.js';

const displayName = z.string().max(MAX_NAME_LENGTH);
const name = z.string().trim().min(1).max(MAX_NAME_LENGTH);

const permissionList = z
  .array(z.string())
  .min(1)
  .max(32)
  .transform((values, check) => {
    const unknown = values.filter((value) => !isPermission(value));
    if (unknown.length > 0) {
      check.addIssue({ code: 'custom', message: `unknown permission: ${unknown.join(', ')}` });
      return z.NEVER;
    }
    return [...new Set(values)] as Permission[];
  });

/**
 * Who may call what. Listing and reading the hierarchy needs only a principal of the organisation;
 * a token can only hand out permissions it holds itself (no escalation).
 */
export const authAccess: AccessTable<AuthServiceHandlers> = {
  Authenticate: publicAccess,
  // Once per platform, before any principal exists; the claim of platform_state makes it one-shot.
  Bootstrap: publicAccess,
  ListOrgs: principalWith([]),
  CreateOrg: principalWith(['orgs:create']),
  ListProjects: principalWith([]),
  CreateProject: principalWith(['hierarchy:write']),
  ListEnvironments: principalWith([]),
  CreateEnvironment: principalWith(['hierarchy:write']),
  CreateToken: principalWith(['tokens:manage'], undefined, [
    { when: 'and every permission the token is to hold', applies: () => true, needs: (request) => request.permissions.filter(isPermission) },
  ]),
  RevokeToken: principalWith(['tokens:manage']),
};

/** gRPC edge of the Auth service; `signPrincipal` makes the assertion the other services believe. */
export function authHandlers(service: AuthService, signPrincipal: PrincipalSigner): AsyncHandlers<AuthServiceHandlers> {
  return {
    async Authenticate(request) {
      const principal = await service.authenticate(request.token);
      return { ...principal, assertion: await signPrincipal(principal) };
    },

    async Bootstrap(request) {
      const input = parseInput(z.object({ orgSlug: slug, projectSlug: slug, orgName: displayName, projectName: displayName }), request);
      return service.bootstrap({
        orgSlug: input.orgSlug,
        orgName: input.orgName || input.orgSlug,
        projectSlug: input.projectSlug,
        projectName: input.projectName || input.projectSlug,
      });
    },

    async ListOrgs(_request, ctx) {
      return { orgs: await service.listOrgs(requirePrincipal(ctx)) };
    },

    async CreateOrg(request) {
      const input = parseInput(z.object({ slug, name: displayName }), request);
      return service.createOrg({ slug: input.slug, name: input.name || input.slug });
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

    async CreateToken(request, ctx) {
      const input = parseInput(z.object({ name, permissions: permissionList }), request);
      return { token: await service.createToken(requirePrincipal(ctx), input) };
    },

    async RevokeToken(request, ctx) {
      const input = parseInput(z.object({ tokenId: z.uuid() }), request);
      return { revoked: await service.revokeToken(requirePrincipal(ctx), input.tokenId) };
    },
  };
}
