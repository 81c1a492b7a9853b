import { isPermission, requirePrincipal, SLUG_PATTERN, validRequest, type AsyncHandlers, type AuthServiceHandlers, type Permission, type PrincipalClaims } from '@coffer/grpc';
import { z } from 'zod';
import type { AuthService } from './auth-service.js';

const slug = z.string().regex(SLUG_PATTERN, 'must be 1-63 lowercase letters, digits or dashes');
const name = z.string().trim().min(1).max(200);

const permissionList = z.array(z.string()).min(1).max(32).transform((values, check) => {
  const unknown = values.filter((value) => !isPermission(value));
  if (unknown.length > 0) {
    check.addIssue({ code: 'custom', message: `unknown permission: ${unknown.join(', ')}` });
    return z.NEVER;
  }
  return [...new Set(values)] as Permission[];
});

/** gRPC edge of the Auth service; `signPrincipal` makes the assertion the other services believe. */
export function authHandlers(service: AuthService, signPrincipal: (claims: PrincipalClaims) => string): AsyncHandlers<AuthServiceHandlers> {
  return {
    async Authenticate(request) {
      const principal = await service.authenticate(request.token);
      return { ...principal, assertion: signPrincipal(principal) };
    },

    async Bootstrap(request) {
      const input = validRequest(z.object({ orgSlug: slug, projectSlug: slug, orgName: z.string().max(200), projectName: z.string().max(200) }), request);
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

    async CreateOrg(request, ctx) {
      const input = validRequest(z.object({ slug, name: z.string().max(200) }), request);
      return service.createOrg(requirePrincipal(ctx), { slug: input.slug, name: input.name || input.slug });
    },

    async ListProjects(_request, ctx) {
      return { projects: await service.listProjects(requirePrincipal(ctx)) };
    },

    async CreateProject(request, ctx) {
      const input = validRequest(z.object({ slug, name: z.string().max(200) }), request);
      return service.createProject(requirePrincipal(ctx), { slug: input.slug, name: input.name || input.slug });
    },

    async ListEnvironments(request, ctx) {
      const input = validRequest(z.object({ projectSlug: slug }), request);
      return { environments: await service.listEnvironments(requirePrincipal(ctx), input.projectSlug) };
    },

    async CreateEnvironment(request, ctx) {
      const input = validRequest(z.object({ projectSlug: slug, slug, name: z.string().max(200) }), request);
      return service.createEnvironment(requirePrincipal(ctx), { projectSlug: input.projectSlug, slug: input.slug, name: input.name || input.slug });
    },

    async CreateToken(request, ctx) {
      const input = validRequest(z.object({ name, permissions: permissionList }), request);
      return { token: await service.createToken(requirePrincipal(ctx), input) };
    },

    async RevokeToken(request, ctx) {
      const input = validRequest(z.object({ tokenId: z.uuid() }), request);
      return { revoked: await service.revokeToken(requirePrincipal(ctx), input.tokenId) };
    },
  };
}
