import { z } from 'zod';
import {
  CofferError,
  emailSchema as email,
  isPermission,
  orgRoleSchema,
  parseInput,
  PROJECT_GRANTABLE,
  slugSchema as slug,
  type OrgRole,
  type Permission,
} from '@coffer/contract';
import {
  principalWith,
  requirePrincipal,
  type AccessTable,
  type AsyncHandlers,
  type AuthServiceHandlers,
  type CreateRoleRequest__Output,
  type ListGrantsRequest__Output,
  type PutGrantRequest__Output,
  type UpdateEnvironmentRequest__Output,
  type UpdateMemberRequest__Output,
  type UpdateRoleRequest__Output,
} from '@coffer/grpc';
import type { AccessService, GrantInput } from './access-service.js';

const MAX_DESCRIPTION_LENGTH = 500;
const GRANTABLE: readonly string[] = PROJECT_GRANTABLE;

/** Permissions a project role or grant may hold: those of environments and of a whole project. */
const grantable = z
  .array(z.string())
  .max(32)
  .transform((values, check) => {
    const refused = values.filter((value) => !GRANTABLE.includes(value));
    if (refused.length > 0) {
      // Named when they are permission names (public vocabulary); anything else is not echoed.
      const named = refused.filter(isPermission);
      check.addIssue({ code: 'custom', message: named.length === refused.length ? `not grantable on a project: ${named.join(', ')}` : 'unknown permission' });
      return z.NEVER;
    }
    return [...new Set(values)] as Permission[];
  });
const description = z.string().max(MAX_DESCRIPTION_LENGTH);
const optionalSlug = z.union([z.literal(''), slug]);
const optionalUuid = z.union([z.literal(''), z.uuid()]);
const heldOnTheirOwn = (request: { permissions: string[] }) => request.permissions.filter(isPermission);

type AccessHandlers = Pick<
  AuthServiceHandlers,
  | 'ListMembers'
  | 'UpdateMember'
  | 'RemoveMember'
  | 'ListRoles'
  | 'CreateRole'
  | 'UpdateRole'
  | 'DeleteRole'
  | 'ListGrants'
  | 'PutGrant'
  | 'DeleteGrant'
  | 'UpdateEnvironment'
>;

/**
 * Who may manage who may do what. What depends on stored data (the member's current role, a role's
 * permissions, the place of a grant) the service decides through the same `authorize`.
 */
export const accessRules: AccessTable<AccessHandlers> = {
  // Any principal of the organisation may know who its members are.
  ListMembers: principalWith([]),
  // And every permission of the member's current and new role (the service decides, by the stored role).
  UpdateMember: principalWith<UpdateMemberRequest__Output>(['members:manage'], undefined, [
    { when: 'with `breakGlass`', applies: (request) => request.breakGlass !== undefined, needs: ['admin'] },
  ]),
  RemoveMember: principalWith(['members:manage']),
  ListRoles: principalWith([]),
  CreateRole: principalWith<CreateRoleRequest__Output>(['members:manage'], undefined, [
    { when: 'and every permission the role is to hold', applies: () => true, needs: heldOnTheirOwn },
  ]),
  // And every permission the role holds now (the service decides, by the stored role).
  UpdateRole: principalWith<UpdateRoleRequest__Output>(['members:manage'], undefined, [
    { when: 'and every permission the role is to hold', applies: () => true, needs: heldOnTheirOwn },
  ]),
  DeleteRole: principalWith(['members:manage']),
  ListGrants: principalWith<ListGrantsRequest__Output>(
    [],
    (request, principal) => (request.project ? { orgId: principal.orgId, project: request.project } : { orgId: principal.orgId }),
    [{ when: 'with `project`', applies: (request) => request.project !== '', needs: ['members:manage'] }],
  ),
  // On the project; and every permission the grant gives (and the one it replaces gives) on its place.
  PutGrant: principalWith<PutGrantRequest__Output>(['members:manage'], (request, principal) => ({ orgId: principal.orgId, project: request.project })),
  // The grant's place is stored data: the service asks `members:manage` there and every permission it gives.
  DeleteGrant: principalWith([]),
  UpdateEnvironment: principalWith<UpdateEnvironmentRequest__Output>(['hierarchy:write'], (request, principal) => ({
    orgId: principal.orgId,
    project: request.projectSlug,
  })),
};

/** gRPC edge of members, roles, grants and protected environments. */
export function accessHandlers(access: AccessService): AsyncHandlers<AccessHandlers> {
  return {
    async ListMembers(_request, ctx) {
      return { members: await access.listMembers(requirePrincipal(ctx)) };
    },

    async UpdateMember(request, ctx) {
      const input = parseInput(z.object({ userId: z.uuid(), role: orgRoleSchema.optional(), breakGlass: z.boolean().optional() }), request);
      return access.updateMember(requirePrincipal(ctx), {
        userId: input.userId,
        ...(input.role !== undefined ? { role: input.role as OrgRole } : {}),
        ...(input.breakGlass !== undefined ? { breakGlass: input.breakGlass } : {}),
      });
    },

    async RemoveMember(request, ctx) {
      const input = parseInput(z.object({ userId: z.uuid() }), request);
      return { removed: await access.removeMember(requirePrincipal(ctx), input.userId) };
    },

    async ListRoles(request, ctx) {
      const input = parseInput(z.object({ scope: z.enum(['', 'org', 'project']) }), request);
      return { roles: await access.listRoles(requirePrincipal(ctx), input.scope || undefined) };
    },

    async CreateRole(request, ctx) {
      const input = parseInput(
        z.object({ name: slug, description, permissions: grantable.refine((values) => values.length > 0, 'at least one permission') }),
        request,
      );
      return access.createRole(requirePrincipal(ctx), { name: input.name, description: input.description, permissions: input.permissions });
    },

    async UpdateRole(request, ctx) {
      const input = parseInput(z.object({ name: slug, description: description.optional(), permissions: grantable }), request);
      return access.updateRole(requirePrincipal(ctx), {
        name: input.name,
        ...(input.description !== undefined ? { description: input.description } : {}),
        // Empty: unchanged (a role holds at least one permission).
        ...(input.permissions.length > 0 ? { permissions: input.permissions } : {}),
      });
    },

    async DeleteRole(request, ctx) {
      return { deleted: await access.deleteRole(requirePrincipal(ctx), parseInput(z.object({ name: slug }), request).name) };
    },

    async ListGrants(request, ctx) {
      const input = parseInput(z.object({ project: optionalSlug, userId: optionalUuid }), request);
      return {
        grants: await access.listGrants(requirePrincipal(ctx), {
          ...(input.project ? { project: input.project } : {}),
          ...(input.userId ? { userId: input.userId } : {}),
        }),
      };
    },

    async PutGrant(request, ctx) {
      const input = parseInput(
        z.object({
          userId: optionalUuid,
          email: z.union([z.literal(''), email]),
          project: slug,
          environment: optionalSlug,
          role: optionalSlug,
          permissions: grantable,
        }),
        request,
      );
      if (Boolean(input.userId) === Boolean(input.email)) throw new CofferError('INVALID_ARGUMENT', 'name the member by exactly one of userId or email');
      if (Boolean(input.role) === input.permissions.length > 0) throw new CofferError('INVALID_ARGUMENT', 'give exactly one of role or permissions');
      const grant: GrantInput = {
        member: input.userId ? { userId: input.userId } : { email: input.email },
        project: input.project,
        ...(input.environment ? { environment: input.environment } : {}),
        gives: input.role ? { role: input.role } : { permissions: input.permissions },
      };
      return access.putGrant(requirePrincipal(ctx), grant);
    },

    async DeleteGrant(request, ctx) {
      return { deleted: await access.deleteGrant(requirePrincipal(ctx), parseInput(z.object({ grantId: z.uuid() }), request).grantId) };
    },

    async UpdateEnvironment(request, ctx) {
      const input = parseInput(z.object({ projectSlug: slug, slug, protected: z.boolean() }), request);
      return access.updateEnvironment(requirePrincipal(ctx), input);
    },
  };
}
