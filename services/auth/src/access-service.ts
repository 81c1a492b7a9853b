import { randomUUID } from 'node:crypto';
import { isUniqueViolation, withTenant, type Knex } from '@coffer/db';
import {
  authorize,
  CofferError,
  isAuthorized,
  isPermission,
  notFound,
  orgRevocationMessage,
  ORG_ROLE_NAMES,
  PROJECT_ROLE_NAMES,
  type OrgRole,
  type Permission,
  type Resource,
} from '@coffer/contract';
import { actorIdOf, type PrincipalClaims } from '@coffer/grpc';
import type { AccessStore, GrantRow, MemberRow, RoleRow } from './access-store.js';
import type { Environment } from './auth-service.js';

type Principal = PrincipalClaims;

export interface Member {
  userId: string;
  /** Empty for a caller that is neither a member nor a manager of members. */
  email: string;
  name: string;
  role: string;
  breakGlass: boolean;
  twoFactorEnabled: boolean;
  joinedAt: string;
}

export interface Role {
  id: string;
  name: string;
  scope: 'org' | 'project';
  description: string;
  permissions: string[];
  builtin: boolean;
  createdAt: string;
}

export interface GrantRecord {
  id: string;
  userId: string;
  email: string;
  project: string;
  environment: string;
  role: string;
  permissions: string[];
  createdAt: string;
  createdBy: string;
}

/** A grant to put: on a project, or one environment of it; of a project role or of permissions (exactly one). */
export interface GrantInput {
  member: { userId: string } | { email: string };
  project: string;
  environment?: string;
  gives: { role: string } | { permissions: Permission[] };
}

export interface AccessServiceDeps {
  knex: Knex;
  store: AccessStore;
  /** Tells every process to drop what it cached (here: `org:<id>`, every principal of the organisation); never rejects. */
  onTokenRevoked(message: string): Promise<void>;
}

const BUILT_IN_NAMES = new Set<string>([...ORG_ROLE_NAMES, ...PROJECT_ROLE_NAMES]);
const iso = (date: Date) => new Date(date).toISOString();
const permissionsOf = (values: readonly string[]) => values.filter(isPermission);

const memberNotFound = (who: string) => new CofferError('NOT_FOUND', `member '${who}' not found`);
const roleNotFound = (name: string) => new CofferError('NOT_FOUND', `role '${name}' not found`);
const grantNotFound = (id: string) => new CofferError('NOT_FOUND', `grant '${id}' not found`);

const toRole = (row: RoleRow): Role => ({
  id: row.id,
  name: row.name,
  scope: row.scope,
  description: row.description,
  permissions: row.permissions,
  builtin: row.org_id === null,
  createdAt: iso(row.created_at),
});

const toGrant = (row: GrantRow): GrantRecord => ({
  id: row.id,
  userId: row.user_id,
  email: row.email,
  project: row.project,
  environment: row.environment ?? '',
  role: row.role ?? '',
  permissions: row.permissions,
  createdAt: iso(row.created_at),
  createdBy: row.created_by,
});

/** Where a grant acts, as `authorize` takes it. */
const grantResource = (orgId: string, grant: { project: string; environment: string | null }): Resource =>
  grant.environment === null ? { orgId, project: grant.project } : { orgId, project: grant.project, environment: grant.environment };

/**
 * Members, roles, grants and protected environments: who may do what, where. What a call needs
 * that depends on stored data (a member's role, a role's permissions, the place of a grant) is
 * decided here through the same `authorize` as the access table; nobody gives, changes or takes
 * away more than they hold. Every change drops the organisation's cached principals everywhere.
 */
export function createAccessService({ knex, store, onTokenRevoked }: AccessServiceDeps) {
  /** Runs a change in the organisation, then tells every process that its principals are stale. */
  async function change<T>(principal: Principal, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    const result = await withTenant(knex, principal.orgId, work);
    await onTokenRevoked(orgRevocationMessage(principal.orgId));
    return result;
  }

  async function orgRole(trx: Knex.Transaction, name: string): Promise<RoleRow> {
    const role = await store.findRole(trx, 'org', name);
    if (!role) throw roleNotFound(name);
    return role;
  }

  /** A custom role of the organisation, by name: a built-in one cannot be changed. */
  async function customRole(trx: Knex.Transaction, name: string): Promise<RoleRow> {
    const role = await store.findRole(trx, 'project', name);
    if (!role) throw roleNotFound(name);
    if (role.org_id === null) throw new CofferError('PERMISSION_DENIED', `role '${name}' is built in and cannot be changed`);
    return role;
  }

  /** An owner's role is only an owner's to give or take; and the organisation always keeps one. */
  async function guardOwners(trx: Knex.Transaction, principal: Principal, member: MemberRow, nextRole: string | undefined): Promise<void> {
    const touchesOwner = member.role === 'owner' || nextRole === 'owner';
    if (!touchesOwner) return;
    const caller = principal.userId ? await store.findMember(trx, principal.orgId, { userId: principal.userId }) : undefined;
    if (caller?.role !== 'owner') throw new CofferError('PERMISSION_DENIED', 'only an owner can make or unmake an owner');
    if (member.role !== 'owner' || nextRole === 'owner') return;
    const owners = await store.lockOwners(trx, principal.orgId);
    if (owners.length <= 1) throw new CofferError('FAILED_PRECONDITION', 'the last owner of the organisation cannot be demoted or removed');
  }

  /** The member named, once the caller is shown to hold everything the member's role holds. */
  async function manageableMember(trx: Knex.Transaction, principal: Principal, userId: string): Promise<MemberRow> {
    const member = await store.findMember(trx, principal.orgId, { userId });
    if (!member) throw memberNotFound(userId);
    authorize(principal, permissionsOf((await orgRole(trx, member.role)).permissions), { orgId: principal.orgId });
    return member;
  }

  async function toMember(trx: Knex.Transaction, principal: Principal, userId: string): Promise<Member> {
    const row = await store.findMember(trx, principal.orgId, { userId });
    if (!row) throw memberNotFound(userId);
    return memberView(true)(row);
  }

  const memberView =
    (showEmail: boolean) =>
    (row: MemberRow): Member => ({
      userId: row.user_id,
      email: showEmail ? row.email : '',
      name: row.name,
      role: row.role,
      breakGlass: row.break_glass,
      twoFactorEnabled: row.totp_enabled_at !== null,
      joinedAt: iso(row.joined_at),
    });

  /** What a grant gives: a project role's permissions (and the role's id), or permissions of its own. */
  async function gives(trx: Knex.Transaction, input: GrantInput['gives']): Promise<{ roleId: string | null; permissions: string[] }> {
    if ('permissions' in input) return { roleId: null, permissions: input.permissions };
    const role = await store.findRole(trx, 'project', input.role);
    if (!role) throw roleNotFound(input.role);
    return { roleId: role.id, permissions: role.permissions };
  }

  /** The caller may change someone else's grants on the place, holding every permission given there. */
  function mayGive(principal: Principal, userId: string, resource: Resource, permissions: readonly string[]): void {
    if (principal.userId && principal.userId === userId) throw new CofferError('PERMISSION_DENIED', 'nobody can change their own grants');
    authorize(principal, ['members:manage'], { orgId: resource.orgId, project: resource.project! });
    authorize(principal, permissionsOf(permissions), resource);
  }

  return {
    /** Every member; their addresses only to members and to those who manage members. */
    listMembers(principal: Principal): Promise<Member[]> {
      const showEmail = Boolean(principal.userId) || isAuthorized(principal, ['members:manage'], { orgId: principal.orgId });
      return withTenant(knex, principal.orgId, async (trx) => (await store.listMembers(trx, principal.orgId)).map(memberView(showEmail)));
    },

    /** A member's organisation role or break-glass flag (the access table asks `admin` for the flag). */
    updateMember(principal: Principal, input: { userId: string; role?: OrgRole; breakGlass?: boolean }): Promise<Member> {
      return change(principal, async (trx) => {
        const member = await manageableMember(trx, principal, input.userId);
        if (input.role !== undefined && input.role !== member.role) {
          authorize(principal, permissionsOf((await orgRole(trx, input.role)).permissions), { orgId: principal.orgId });
          await guardOwners(trx, principal, member, input.role);
        }
        await store.updateMembership(trx, principal.orgId, member.user_id, {
          ...(input.role !== undefined ? { role: input.role } : {}),
          ...(input.breakGlass !== undefined ? { break_glass: input.breakGlass } : {}),
        });
        return toMember(trx, principal, member.user_id);
      });
    },

    /** Takes a member out of the organisation, with every grant they held in it. */
    removeMember(principal: Principal, userId: string): Promise<boolean> {
      return change(principal, async (trx) => {
        const member = await manageableMember(trx, principal, userId);
        await guardOwners(trx, principal, member, undefined);
        return store.deleteMembership(trx, principal.orgId, member.user_id);
      });
    },

    async listRoles(principal: Principal, scope?: 'org' | 'project'): Promise<Role[]> {
      return withTenant(knex, principal.orgId, async (trx) => (await store.listRoles(trx, scope)).map(toRole));
    },

    /** A custom project role; the access table has checked that the caller holds its permissions organisation-wide. */
    async createRole(principal: Principal, input: { name: string; description: string; permissions: Permission[] }): Promise<Role> {
      if (BUILT_IN_NAMES.has(input.name)) throw new CofferError('ALREADY_EXISTS', `role '${input.name}' already exists (built in)`);
      return change(principal, async (trx) => {
        const row = await store
          .insertRole(trx, {
            id: randomUUID(),
            org_id: principal.orgId,
            scope: 'project',
            name: input.name,
            description: input.description,
            permissions: input.permissions,
          })
          .catch((err: unknown) => {
            if (isUniqueViolation(err)) throw new CofferError('ALREADY_EXISTS', `role '${input.name}' already exists`);
            throw err;
          });
        return toRole(row);
      });
    },

    /** Changes a custom role: only by one who holds what it held and what it is to hold. */
    updateRole(principal: Principal, input: { name: string; description?: string; permissions?: Permission[] }): Promise<Role> {
      return change(principal, async (trx) => {
        const role = await customRole(trx, input.name);
        authorize(principal, permissionsOf(role.permissions), { orgId: principal.orgId });
        const patch = {
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.permissions !== undefined ? { permissions: input.permissions } : {}),
        };
        return toRole(Object.keys(patch).length === 0 ? role : await store.updateRole(trx, role.id, patch));
      });
    },

    /** Deletes a custom role no grant uses, by one who holds what it gives. */
    deleteRole(principal: Principal, name: string): Promise<boolean> {
      return change(principal, async (trx) => {
        const role = await customRole(trx, name);
        authorize(principal, permissionsOf(role.permissions), { orgId: principal.orgId });
        const used = await store.countGrantsOfRole(trx, role.id);
        if (used > 0) throw new CofferError('ABORTED', `role '${name}' is used by ${used} grant${used === 1 ? '' : 's'}: change or delete them first`);
        await store.deleteRole(trx, role.id);
        return true;
      });
    },

    /**
     * Grants on the projects the caller manages (`members:manage` on the project): of one project
     * (the access table checked it) or of all those, of one member or of everybody.
     */
    listGrants(principal: Principal, filter: { project?: string; userId?: string }): Promise<GrantRecord[]> {
      return withTenant(knex, principal.orgId, async (trx) => {
        let projectId: string | undefined;
        if (filter.project !== undefined) {
          const project = await store.findProject(trx, filter.project);
          if (!project) throw notFound.project(filter.project);
          projectId = project.id;
        }
        const rows = await store.listGrants(trx, {
          ...(projectId !== undefined ? { projectId } : {}),
          ...(filter.userId !== undefined ? { userId: filter.userId } : {}),
        });
        return rows.filter((row) => isAuthorized(principal, ['members:manage'], { orgId: principal.orgId, project: row.project })).map(toGrant);
      });
    },

    /**
     * One grant per member and place (a project, or one environment of it): putting one replaces
     * what was there, which the caller must hold too. The access table has checked `members:manage`
     * on the project, which is then visible to the caller.
     */
    putGrant(principal: Principal, input: GrantInput): Promise<GrantRecord> {
      return change(principal, async (trx) => {
        const project = await store.findProject(trx, input.project);
        if (!project) throw notFound.project(input.project);
        const environment = input.environment === undefined ? undefined : await store.findEnvironment(trx, project.id, input.environment);
        if (input.environment !== undefined && !environment) throw notFound.environment(input.environment, input.project);
        const member = await store.findMember(trx, principal.orgId, input.member);
        if (!member) throw memberNotFound('userId' in input.member ? input.member.userId : input.member.email);
        const resource = grantResource(principal.orgId, { project: project.slug, environment: environment?.slug ?? null });
        const granted = await gives(trx, input.gives);
        mayGive(principal, member.user_id, resource, granted.permissions);
        const [existing] = await store.listGrants(trx, { projectId: project.id, userId: member.user_id, environmentId: environment?.id ?? null });
        const row = { role_id: granted.roleId, permissions: granted.roleId === null ? granted.permissions : null, created_by: actorIdOf(principal) };
        if (existing) {
          mayGive(principal, member.user_id, resource, existing.permissions);
          await store.replaceGrant(trx, existing.id, row);
        }
        const id = existing?.id ?? randomUUID();
        if (!existing) {
          await store
            .insertGrant(trx, { id, org_id: principal.orgId, user_id: member.user_id, project_id: project.id, environment_id: environment?.id ?? null, ...row })
            .catch((err: unknown) => {
              // Another grant for the same member and place was put at the same moment.
              if (isUniqueViolation(err)) throw new CofferError('ABORTED', 'the grant was changed concurrently; retry');
              throw err;
            });
        }
        const [stored] = await store.listGrants(trx, { grantId: id });
        return toGrant(stored!);
      });
    },

    /** Takes a grant away: as putting one, the caller must manage the project and hold what it gives. */
    deleteGrant(principal: Principal, grantId: string): Promise<boolean> {
      return change(principal, async (trx) => {
        const [grant] = await store.listGrants(trx, { grantId });
        const resource = grant ? grantResource(principal.orgId, grant) : undefined;
        // A grant on a place the caller cannot see is not found, spelt as a missing one.
        if (!grant || !resource || !isAuthorized(principal, [], resource)) throw grantNotFound(grantId);
        mayGive(principal, grant.user_id, resource, grant.permissions);
        return store.deleteGrant(trx, grant.id);
      });
    },

    /** Protects an environment or lifts its protection; the access table has checked `hierarchy:write` on the project. */
    updateEnvironment(principal: Principal, input: { projectSlug: string; slug: string; protected: boolean }): Promise<Environment> {
      return change(principal, async (trx) => {
        const project = await store.findProject(trx, input.projectSlug);
        if (!project) throw notFound.project(input.projectSlug);
        const environment = await store.findEnvironment(trx, project.id, input.slug);
        if (!environment) throw notFound.environment(input.slug, input.projectSlug);
        const row = await store.setEnvironmentProtected(trx, environment.id, input.protected);
        return { id: row.id, projectId: row.project_id, slug: row.slug, name: row.name, createdAt: iso(row.created_at), protected: row.protected };
      });
    },
  };
}

export type AccessService = ReturnType<typeof createAccessService>;
