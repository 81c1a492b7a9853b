import { z } from 'zod';
import { emailSchema, orgRoleSchema } from '@coffer/contract';
import { route, type RouteDeps } from '../route.js';
import { emptyQuery, orgParams, projectParams, slug } from '../schemas.js';

const permissions = z.array(z.string().min(1).max(64)).max(32);
const description = z.string().max(500);
const memberParams = orgParams.extend({ userId: z.uuid('must be a user id') });
const roleParams = orgParams.extend({ role: slug });
const grantParams = orgParams.extend({ grantId: z.uuid('must be a grant id') });
const envParams = projectParams.extend({ env: slug });

const updateMemberBody = z
  .strictObject({ role: orgRoleSchema.optional(), breakGlass: z.boolean().optional() })
  .refine((body) => body.role !== undefined || body.breakGlass !== undefined, { message: 'give role or breakGlass', path: ['role'] });
const listRolesQuery = z.strictObject({ scope: z.enum(['org', 'project']).optional() });
const createRoleBody = z.strictObject({ name: slug, description: description.optional(), permissions: permissions.min(1) });
const updateRoleBody = z
  .strictObject({ description: description.optional(), permissions: permissions.min(1).optional() })
  .refine((body) => body.description !== undefined || body.permissions !== undefined, { message: 'give description or permissions', path: ['permissions'] });
const listGrantsQuery = z.strictObject({ project: slug.optional(), userId: z.uuid('must be a user id').optional() });
const putGrantBody = z
  .strictObject({
    user: z.uuid('must be a user id').optional(),
    email: emailSchema.optional(),
    project: slug,
    environment: slug.optional(),
    role: slug.optional(),
    permissions: permissions.min(1).optional(),
  })
  .refine((body) => (body.user === undefined) !== (body.email === undefined), { message: 'give exactly one of user or email', path: ['user'] })
  .refine((body) => (body.role === undefined) !== (body.permissions === undefined), { message: 'give exactly one of role or permissions', path: ['role'] });
const updateEnvBody = z.strictObject({ protected: z.boolean() });

// The names shown in the audit trail are slugs and ids only, never an address.
const orgPath = (org: string, rest: string) => `orgs/${org}/${rest}`;

/** This gateway decides by the change from its next request on; the others when the Auth service's notice arrives. */
const evictOrg = (org: string, { principalCache }: RouteDeps) => principalCache.evictOrg((principal) => principal.orgSlug === org);

/**
 * Who may do what, where: members, roles, grants and protected environments. Every change is
 * audited whatever its outcome, and drops the organisation's cached principals everywhere.
 */
export const accessRoutes = [
  route({
    method: 'get',
    path: '/orgs/:org/members',
    summary: 'list the members: role, break-glass flag, two-factor; addresses only to members and to those who manage members',
    params: orgParams,
    query: emptyQuery,
    rpc: { service: 'auth', method: 'ListMembers' },
    request: () => ({}),
    answer: ({ members }) => ({ data: { members } }),
  }),
  route({
    method: 'patch',
    path: '/orgs/:org/members/:userId',
    summary:
      "`{role?, breakGlass?}`: a member's organisation role (only with every permission of the old and the new one; owners by owners only; never the last owner) or break-glass flag",
    params: memberParams,
    query: emptyQuery,
    body: updateMemberBody,
    audit: { action: 'member.update' },
    rpc: { service: 'auth', method: 'UpdateMember' },
    request: ({ params, body }) => ({ userId: params.userId, ...body }),
    afterSuccess: ({ params }, deps) => evictOrg(params.org, deps),
  }),
  route({
    method: 'delete',
    path: '/orgs/:org/members/:userId',
    summary: 'remove a member and their grants (not the last owner; an owner by an owner only)',
    params: memberParams,
    query: emptyQuery,
    audit: { action: 'member.remove' },
    rpc: { service: 'auth', method: 'RemoveMember' },
    request: ({ params }) => ({ userId: params.userId }),
    afterSuccess: ({ params }, deps) => evictOrg(params.org, deps),
  }),
  route({
    method: 'get',
    path: '/orgs/:org/roles',
    summary: 'list the built-in and custom roles `?scope=org|project`',
    params: orgParams,
    query: listRolesQuery,
    rpc: { service: 'auth', method: 'ListRoles' },
    request: ({ query }) => ({ scope: query.scope ?? '' }),
    answer: ({ roles }) => ({ data: { roles } }),
  }),
  route({
    method: 'post',
    path: '/orgs/:org/roles',
    summary: 'create a custom project role `{name, description?, permissions}`',
    params: orgParams,
    query: emptyQuery,
    body: createRoleBody,
    audit: { action: 'role.create', resource: ({ params, body }) => orgPath(params.org, `roles/${body.name}`) },
    rpc: { service: 'auth', method: 'CreateRole' },
    request: ({ body }) => ({ name: body.name, description: body.description ?? '', permissions: body.permissions }),
    answer: (role) => ({ status: 201, data: role }),
    afterSuccess: ({ params }, deps) => evictOrg(params.org, deps),
  }),
  route({
    method: 'patch',
    path: '/orgs/:org/roles/:role',
    summary: '`{description?, permissions?}`: change a custom role (only with every permission it holds and is to hold)',
    params: roleParams,
    query: emptyQuery,
    body: updateRoleBody,
    audit: { action: 'role.update' },
    rpc: { service: 'auth', method: 'UpdateRole' },
    request: ({ params, body }) => ({
      name: params.role,
      ...(body.description !== undefined ? { description: body.description } : {}),
      permissions: body.permissions ?? [],
    }),
    afterSuccess: ({ params }, deps) => evictOrg(params.org, deps),
  }),
  route({
    method: 'delete',
    path: '/orgs/:org/roles/:role',
    summary: 'delete a custom role no grant uses (409 naming how many do)',
    params: roleParams,
    query: emptyQuery,
    audit: { action: 'role.delete' },
    rpc: { service: 'auth', method: 'DeleteRole' },
    request: ({ params }) => ({ name: params.role }),
    afterSuccess: ({ params }, deps) => evictOrg(params.org, deps),
  }),
  route({
    method: 'get',
    path: '/orgs/:org/grants',
    summary: 'list grants on the projects the caller manages `?project=&userId=`',
    params: orgParams,
    query: listGrantsQuery,
    rpc: { service: 'auth', method: 'ListGrants' },
    request: ({ query }) => ({ project: query.project ?? '', userId: query.userId ?? '' }),
    answer: ({ grants }) => ({ data: { grants } }),
  }),
  route({
    method: 'put',
    path: '/orgs/:org/grants',
    summary:
      "`{user|email, project, environment?, role|permissions}`: put the one grant of a member on a project or environment (replacing it); only with every permission it gives there, never one's own",
    params: orgParams,
    query: emptyQuery,
    body: putGrantBody,
    audit: {
      action: 'grant.put',
      resource: ({ params, body }) => orgPath(params.org, `projects/${body.project}${body.environment ? `/envs/${body.environment}` : ''}/grants`),
    },
    rpc: { service: 'auth', method: 'PutGrant' },
    request: ({ body }) => ({
      userId: body.user ?? '',
      email: body.email ?? '',
      project: body.project,
      environment: body.environment ?? '',
      role: body.role ?? '',
      permissions: body.permissions ?? [],
    }),
    afterSuccess: ({ params }, deps) => evictOrg(params.org, deps),
  }),
  route({
    method: 'delete',
    path: '/orgs/:org/grants/:grantId',
    summary: "delete a grant: `members:manage` on its project and every permission it gives there (the service decides), never one's own",
    params: grantParams,
    query: emptyQuery,
    audit: { action: 'grant.delete' },
    rpc: { service: 'auth', method: 'DeleteGrant' },
    request: ({ params }) => ({ grantId: params.grantId }),
    afterSuccess: ({ params }, deps) => evictOrg(params.org, deps),
  }),
  route({
    method: 'patch',
    path: '/orgs/:org/projects/:project/envs/:env',
    summary: '`{protected}`: protect an environment (its changes become change requests) or lift it',
    params: envParams,
    query: emptyQuery,
    body: updateEnvBody,
    audit: { action: 'environment.update' },
    rpc: { service: 'auth', method: 'UpdateEnvironment' },
    request: ({ params, body }) => ({ projectSlug: params.project, slug: params.env, protected: body.protected }),
    afterSuccess: ({ params }, deps) => evictOrg(params.org, deps),
  }),
];
