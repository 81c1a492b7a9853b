import type { Knex } from '@coffer/db';
import type { UserRow } from './identity-store.js';

export interface OrganizationRow {
  id: string;
  slug: string;
  name: string;
  created_at: Date;
}

export interface ProjectRow {
  id: string;
  org_id: string;
  slug: string;
  name: string;
  created_at: Date;
}

export interface EnvironmentRow {
  id: string;
  org_id: string;
  project_id: string;
  slug: string;
  name: string;
  created_at: Date;
  protected: boolean;
}

export interface TokenRow {
  id: string;
  org_id: string;
  name: string;
  token_hash: string;
  permissions: string[];
  created_at: Date;
  revoked_at: Date | null;
  service_account_id: string | null;
  project_id: string | null;
  environment_ids: string[];
  expires_at: Date | null;
  allowed_cidrs: string[];
  last_used_at: Date | null;
  last_used_ip: string | null;
  rotated_from: string | null;
  created_by: string;
}

/** SQL for identities and the hierarchy. Callers pass a transaction scoped by `withScope`. */
export function createAuthStore() {
  return {
    /** Claims first-run bootstrap; false when it already happened. */
    async claimBootstrap(trx: Knex.Transaction): Promise<boolean> {
      const result = await trx.raw(`insert into platform_state (singleton) values (true) on conflict do nothing returning singleton`);
      return (result.rows as unknown[]).length === 1;
    },

    async insertOrganization(trx: Knex.Transaction, row: Omit<OrganizationRow, 'created_at'>): Promise<OrganizationRow> {
      const [inserted] = await trx<OrganizationRow>('organizations').insert(row).returning('*');
      return inserted as OrganizationRow;
    },

    async listOrganizations(trx: Knex.Transaction): Promise<OrganizationRow[]> {
      return trx<OrganizationRow>('organizations').orderBy('slug').select('*');
    },

    async findOrganization(trx: Knex.Transaction, id: string): Promise<OrganizationRow | undefined> {
      return trx<OrganizationRow>('organizations').where({ id }).first('*');
    },

    async insertMembership(trx: Knex.Transaction, row: { org_id: string; user_id: string; role: string }): Promise<void> {
      await trx('memberships').insert(row);
    },

    async insertUser(trx: Knex.Transaction, row: Pick<UserRow, 'id' | 'email' | 'name' | 'password_hash'> & Partial<UserRow>): Promise<UserRow> {
      const [inserted] = await trx<UserRow>('users').insert(row).returning('*');
      return inserted as UserRow;
    },

    async findOrgSettings(trx: Knex.Transaction, id: string): Promise<{ require_2fa: boolean } | undefined> {
      return trx('organizations').where({ id }).first('require_2fa');
    },

    async updateOrgSettings(trx: Knex.Transaction, id: string, patch: { require_2fa?: boolean }): Promise<{ require_2fa: boolean } | undefined> {
      const [row] = await trx('organizations').where({ id }).update(patch).returning('require_2fa');
      return row as { require_2fa: boolean } | undefined;
    },

    async insertProject(trx: Knex.Transaction, row: Omit<ProjectRow, 'created_at'>): Promise<ProjectRow> {
      const [inserted] = await trx<ProjectRow>('projects').insert(row).returning('*');
      return inserted as ProjectRow;
    },

    async listProjects(trx: Knex.Transaction): Promise<ProjectRow[]> {
      return trx<ProjectRow>('projects').orderBy('slug').select('*');
    },

    async findProject(trx: Knex.Transaction, slug: string): Promise<ProjectRow | undefined> {
      return trx<ProjectRow>('projects').where({ slug }).first('*');
    },

    async insertEnvironment(trx: Knex.Transaction, row: Omit<EnvironmentRow, 'created_at' | 'protected'>): Promise<EnvironmentRow> {
      const [inserted] = await trx<EnvironmentRow>('environments').insert(row).returning('*');
      return inserted as EnvironmentRow;
    },

    async listEnvironments(trx: Knex.Transaction, projectId: string): Promise<EnvironmentRow[]> {
      return trx<EnvironmentRow>('environments').where({ project_id: projectId }).orderBy('created_at').orderBy('slug').select('*');
    },

    async insertToken(
      trx: Knex.Transaction,
      row: Pick<TokenRow, 'id' | 'org_id' | 'name' | 'token_hash' | 'permissions'> & Partial<Omit<TokenRow, 'created_at' | 'revoked_at'>>,
    ): Promise<TokenRow> {
      const [inserted] = await trx<TokenRow>('api_tokens').insert(row).returning('*');
      return inserted as TokenRow;
    },

    /** Visible only through the token-hash policy or within the token's own organisation; neither revoked nor expired. */
    async findActiveTokenByHash(trx: Knex.Transaction, tokenHash: string): Promise<TokenRow | undefined> {
      return trx<TokenRow>('api_tokens')
        .where({ token_hash: tokenHash })
        .whereNull('revoked_at')
        .where((q) => q.whereNull('expires_at').orWhere('expires_at', '>', trx.fn.now()))
        .first('*');
    },

    /** When and from where a token was last used; written at most once a minute for the same address. */
    async recordTokenUse(trx: Knex.Transaction, id: string, ip: string): Promise<void> {
      await trx.raw(
        `update api_tokens set last_used_at = now(), last_used_ip = ?
          where id = ? and (last_used_at is null or last_used_at < now() - interval '1 minute' or last_used_ip is distinct from ?)`,
        [ip, id, ip],
      );
    },
  };
}

export type AuthStore = ReturnType<typeof createAuthStore>;
