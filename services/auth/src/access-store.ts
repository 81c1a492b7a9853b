import type { Knex } from '@coffer/db';
import type { EnvironmentRow, ProjectRow } from './auth-store.js';

/** A grant as a principal carries it: project and environment slugs, and what it gives there. */
export interface ResolvedGrant {
  project: string;
  environments: string[];
  permissions: string[];
  breakGlassId: string;
}

export interface MemberRow {
  user_id: string;
  email: string;
  name: string;
  role: string;
  break_glass: boolean;
  totp_enabled_at: Date | null;
  joined_at: Date;
}

export interface RoleRow {
  id: string;
  /** Null for a built-in role. */
  org_id: string | null;
  scope: 'org' | 'project';
  name: string;
  description: string;
  permissions: string[];
  created_at: Date;
}

export interface GrantRow {
  id: string;
  user_id: string;
  email: string;
  project_id: string;
  project: string;
  environment_id: string | null;
  /** Null: every environment of the project. */
  environment: string | null;
  role_id: string | null;
  role: string | null;
  /** What the grant gives: its role's permissions, or its own. */
  permissions: string[];
  created_at: Date;
  created_by: string;
}

const MEMBER_COLUMNS = ['u.id as user_id', 'u.email', 'u.name', 'm.role', 'm.break_glass', 'u.totp_enabled_at', 'm.created_at as joined_at'];

/** SQL that decides what a principal holds, and that manages it. Callers pass a transaction scoped to the organisation. */
export function createAccessStore() {
  return {
    /** What an organisation role gives organisation-wide (built-in roles are rows). */
    async orgRolePermissions(trx: Knex.Transaction, role: string): Promise<string[]> {
      const row = await trx('roles').whereNull('org_id').where({ scope: 'org', name: role }).first('permissions');
      return (row?.permissions as string[] | undefined) ?? [];
    },

    /** A member's grants in the organisation: one per project (every environment) or environment. */
    async userGrants(trx: Knex.Transaction, userId: string): Promise<ResolvedGrant[]> {
      const rows: { project: string; environment: string | null; permissions: string[] }[] = await trx('grants as g')
        .join('projects as p', 'p.id', 'g.project_id')
        .leftJoin('environments as e', 'e.id', 'g.environment_id')
        .leftJoin('roles as r', 'r.id', 'g.role_id')
        .where('g.user_id', userId)
        .orderBy(['p.slug', 'e.slug'])
        .select('p.slug as project', 'e.slug as environment', trx.raw('coalesce(g.permissions, r.permissions) as permissions'));
      return rows.map((row) => ({
        project: row.project,
        environments: row.environment === null ? [] : [row.environment],
        permissions: row.permissions,
        breakGlassId: '',
      }));
    },

    /**
     * Where a scoped token acts: its project's slug and its environments' (all of them: `[]`), or
     * undefined when what it was scoped to is gone (it then holds nothing, rather than everything).
     */
    async tokenScope(
      trx: Knex.Transaction,
      token: { project_id: string | null; environment_ids: string[] },
    ): Promise<{ project: string; environments: string[] } | undefined> {
      if (token.project_id === null) return undefined;
      const project = await trx('projects').where({ id: token.project_id }).first('slug');
      if (!project) return undefined;
      if (token.environment_ids.length === 0) return { project: project.slug, environments: [] };
      const environments: { slug: string }[] = await trx('environments')
        .where({ project_id: token.project_id })
        .whereIn('id', token.environment_ids)
        .orderBy('slug')
        .select('slug');
      return environments.length === 0 ? undefined : { project: project.slug, environments: environments.map((env) => env.slug) };
    },

    async listMembers(trx: Knex.Transaction, orgId: string): Promise<MemberRow[]> {
      return trx('memberships as m').join('users as u', 'u.id', 'm.user_id').where('m.org_id', orgId).orderBy('u.email').select(MEMBER_COLUMNS);
    },

    /** A member by user id or by email; undefined for anyone who is not one. */
    async findMember(trx: Knex.Transaction, orgId: string, who: { userId: string } | { email: string }): Promise<MemberRow | undefined> {
      const query = trx('memberships as m').join('users as u', 'u.id', 'm.user_id').where('m.org_id', orgId);
      if ('userId' in who) query.where('u.id', who.userId);
      else query.whereRaw('lower(u.email) = lower(?)', [who.email]);
      return query.first(MEMBER_COLUMNS);
    },

    /** The owners' user ids, locked until the transaction ends: two demotions at once cannot leave none. */
    async lockOwners(trx: Knex.Transaction, orgId: string): Promise<string[]> {
      const rows: { user_id: string }[] = await trx('memberships').where({ org_id: orgId, role: 'owner' }).forUpdate().select('user_id');
      return rows.map((row) => row.user_id);
    },

    async updateMembership(trx: Knex.Transaction, orgId: string, userId: string, patch: { role?: string; break_glass?: boolean }): Promise<void> {
      if (Object.keys(patch).length > 0) await trx('memberships').where({ org_id: orgId, user_id: userId }).update(patch);
    },

    /** Drops the membership and every grant of the member in the organisation. */
    async deleteMembership(trx: Knex.Transaction, orgId: string, userId: string): Promise<boolean> {
      await trx('grants').where({ org_id: orgId, user_id: userId }).delete();
      return (await trx('memberships').where({ org_id: orgId, user_id: userId }).delete()) > 0;
    },

    /** Built-in roles and the organisation's own (row-level security shows both). */
    async listRoles(trx: Knex.Transaction, scope?: 'org' | 'project'): Promise<RoleRow[]> {
      const query = trx<RoleRow>('roles').orderBy([{ column: 'scope' }, { column: 'org_id', order: 'asc', nulls: 'first' }, { column: 'name' }]);
      if (scope) query.where({ scope });
      return query.select('*');
    },

    async findRole(trx: Knex.Transaction, scope: 'org' | 'project', name: string): Promise<RoleRow | undefined> {
      return trx<RoleRow>('roles').where({ scope, name }).first();
    },

    async insertRole(trx: Knex.Transaction, row: Omit<RoleRow, 'created_at'>): Promise<RoleRow> {
      const [inserted] = await trx<RoleRow>('roles').insert(row).returning('*');
      return inserted as RoleRow;
    },

    async updateRole(trx: Knex.Transaction, id: string, patch: { description?: string; permissions?: string[] }): Promise<RoleRow> {
      const [updated] = await trx<RoleRow>('roles').where({ id }).update(patch).returning('*');
      return updated as RoleRow;
    },

    async deleteRole(trx: Knex.Transaction, id: string): Promise<void> {
      await trx('roles').where({ id }).delete();
    },

    async countGrantsOfRole(trx: Knex.Transaction, roleId: string): Promise<number> {
      const row = await trx('grants').where({ role_id: roleId }).count<{ n: string }>('* as n').first();
      return Number(row?.n ?? 0);
    },

    async findProject(trx: Knex.Transaction, slug: string): Promise<ProjectRow | undefined> {
      return trx<ProjectRow>('projects').where({ slug }).first();
    },

    async findEnvironment(trx: Knex.Transaction, projectId: string, slug: string): Promise<EnvironmentRow | undefined> {
      return trx<EnvironmentRow>('environments').where({ project_id: projectId, slug }).first();
    },

    async setEnvironmentProtected(trx: Knex.Transaction, id: string, isProtected: boolean): Promise<EnvironmentRow> {
      const [updated] = await trx<EnvironmentRow>('environments').where({ id }).update({ protected: isProtected }).returning('*');
      return updated as EnvironmentRow;
    },

    /** Grants with who holds them, where and what, filtered by project and member ids. */
    async listGrants(
      trx: Knex.Transaction,
      filter: { grantId?: string; projectId?: string; userId?: string; environmentId?: string | null } = {},
    ): Promise<GrantRow[]> {
      const query = trx('grants as g')
        .join('users as u', 'u.id', 'g.user_id')
        .join('projects as p', 'p.id', 'g.project_id')
        .leftJoin('environments as e', 'e.id', 'g.environment_id')
        .leftJoin('roles as r', 'r.id', 'g.role_id')
        .orderBy(['p.slug', 'u.email', 'e.slug'])
        .select(
          'g.id',
          'g.user_id',
          'u.email',
          'g.project_id',
          'p.slug as project',
          'g.environment_id',
          'e.slug as environment',
          'g.role_id',
          'r.name as role',
          trx.raw('coalesce(g.permissions, r.permissions) as permissions'),
          'g.created_at',
          'g.created_by',
        );
      if (filter.grantId !== undefined) query.where('g.id', filter.grantId);
      if (filter.projectId !== undefined) query.where('g.project_id', filter.projectId);
      if (filter.userId !== undefined) query.where('g.user_id', filter.userId);
      if (filter.environmentId !== undefined) {
        if (filter.environmentId === null) query.whereNull('g.environment_id');
        else query.where('g.environment_id', filter.environmentId);
      }
      return query;
    },

    async insertGrant(
      trx: Knex.Transaction,
      row: {
        id: string;
        org_id: string;
        user_id: string;
        project_id: string;
        environment_id: string | null;
        role_id: string | null;
        permissions: string[] | null;
        created_by: string;
      },
    ): Promise<void> {
      await trx('grants').insert(row);
    },

    /** Replaces what a grant gives, as if it were made anew. */
    async replaceGrant(trx: Knex.Transaction, id: string, gives: { role_id: string | null; permissions: string[] | null; created_by: string }): Promise<void> {
      await trx('grants')
        .where({ id })
        .update({ ...gives, created_at: trx.fn.now() });
    },

    async deleteGrant(trx: Knex.Transaction, id: string): Promise<boolean> {
      return (await trx('grants').where({ id }).delete()) > 0;
    },
  };
}

export type AccessStore = ReturnType<typeof createAccessStore>;
