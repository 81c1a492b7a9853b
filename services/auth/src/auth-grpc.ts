import { CofferError, isPermission, type AsyncHandlers, type AuthServiceHandlers, type CallContext, type Permission } from '@coffer/grpc';
import { z } from 'zod';
import type { AuthService, Principal } from './auth-service.js';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const slug = z.string().regex(SLUG, 'must be 1-63 lowercase letters, digits or dashes');
const name = z.string().trim().min(1).max(200);

function valid<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || 'request';
  throw new CofferError('INVALID_ARGUMENT', `${field}: ${issue?.message ?? 'invalid'}`, { details: { field } });
}

function principalOf(ctx: CallContext): Principal {
  if (!ctx.principal) throw new CofferError('UNAUTHENTICATED', 'call carries no principal');
  return ctx.principal;
}

const permissionList = z.array(z.string()).min(1).max(32).transform((values, check) => {
  const unknown = values.filter((value) => !isPermission(value));
  if (unknown.length > 0) {
    check.addIssue({ code: 'custom', message: `unknown permission: ${unknown.join(', ')}` });
    return z.NEVER;
  }
  return [...new Set(values)] as Permission[];
});

/** gRPC edge of the Auth service. */
export function authHandlers(service: AuthService): AsyncHandlers<AuthServiceHandlers> {
  return {
    async Authenticate(request) {
      return service.authenticate(request.token);
    },

    async Bootstrap(request) {
      const input = valid(z.object({ orgSlug: slug, projectSlug: slug, orgName: z.string().max(200), projectName: z.string().max(200) }), request);
      return service.bootstrap({
        orgSlug: input.orgSlug,
        orgName: input.orgName || input.orgSlug,
        projectSlug: input.projectSlug,
        projectName: input.projectName || input.projectSlug,
      });
    },

    async ListOrgs(_request, ctx) {
      return { orgs: await service.listOrgs(principalOf(ctx)) };
    },

    async CreateOrg(request, ctx) {
      const input = valid(z.object({ slug, name: z.string().max(200) }), request);
      return service.createOrg(principalOf(ctx), { slug: input.slug, name: input.name || input.slug });
    },

    async ListProjects(_request, ctx) {
      return { projects: await service.listProjects(principalOf(ctx)) };
    },

    async CreateProject(request, ctx) {
      const input = valid(z.object({ slug, name: z.string().max(200) }), request);
      return service.createProject(principalOf(ctx), { slug: input.slug, name: input.name || input.slug });
    },

    async ListEnvironments(request, ctx) {
      const input = valid(z.object({ projectSlug: slug }), request);
      return { environments: await service.listEnvironments(principalOf(ctx), input.projectSlug) };
    },

    async CreateEnvironment(request, ctx) {
      const input = valid(z.object({ projectSlug: slug, slug, name: z.string().max(200) }), request);
      return service.createEnvironment(principalOf(ctx), { projectSlug: input.projectSlug, slug: input.slug, name: input.name || input.slug });
    },

    async CreateToken(request, ctx) {
      const input = valid(z.object({ name, permissions: permissionList }), request);
      return { token: await service.createToken(principalOf(ctx), input) };
    },

    async RevokeToken(request, ctx) {
      const input = valid(z.object({ tokenId: z.uuid() }), request);
      return { revoked: await service.revokeToken(principalOf(ctx), input.tokenId) };
    },
  };
}
