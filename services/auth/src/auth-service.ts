import { randomUUID } from 'node:crypto';
import { isUniqueViolation, setTenant, withScope, withTenant, type Knex } from '@coffer/db';
import { CofferError, type Permission } from '@coffer/contract';
import type { AuthStore, EnvironmentRow, OrganizationRow, ProjectRow, TokenRow } from './auth-store.js';
import { generateToken, hashToken, isWellFormedToken } from './tokens.js';

export const DEFAULT_ENVIRONMENTS = ['development', 'staging', 'production'] as const;

export interface Principal {
  tokenId: string;
  orgId: string;
  orgSlug: string;
  name: string;
  permissions: string[];
  actorType: string;
}

export interface Organization {
  id: string;
  slug: string;
  name: string;
  createdAt: string;
}

export interface Project {
  id: string;
  orgId: string;
  slug: string;
  name: string;
  createdAt: string;
}

export interface Environment {
  id: string;
  projectId: string;
  slug: string;
  name: string;
  createdAt: string;
}

export interface IssuedToken {
  id: string;
  name: string;
  /** The only time the token exists outside its owner's hands; it is never stored. */
  token: string;
  permissions: string[];
  createdAt: string;
}

export interface AuthServiceDeps {
  knex: Knex;
  store: AuthStore;
  /** Tells every gateway to drop its cached principal for this token hash; reports its own failures and never rejects. */
  onTokenRevoked(tokenHash: string): Promise<void>;
}

const iso = (date: Date) => new Date(date).toISOString();
const toOrganization = (row: OrganizationRow): Organization => ({ id: row.id, slug: row.slug, name: row.name, createdAt: iso(row.created_at) });
const toProject = (row: ProjectRow): Project => ({ id: row.id, orgId: row.org_id, slug: row.slug, name: row.name, createdAt: iso(row.created_at) });
const toEnvironment = (row: EnvironmentRow): Environment => ({
  id: row.id,
  projectId: row.project_id,
  slug: row.slug,
  name: row.name,
  createdAt: iso(row.created_at),
});

function alreadyExists<T>(what: string): (err: unknown) => T {
  return (err: unknown) => {
    if (isUniqueViolation(err)) throw new CofferError('ALREADY_EXISTS', `${what} already exists`);
    throw err;
  };
}

export function createAuthService({ knex, store, onTokenRevoked }: AuthServiceDeps) {
  async function issueToken(trx: Knex.Transaction, orgId: string, name: string, permissions: string[]): Promise<IssuedToken> {
    const token = generateToken();
    const row: TokenRow = await store.insertToken(trx, { id: randomUUID(), org_id: orgId, name, token_hash: hashToken(token), permissions });
    return { id: row.id, name: row.name, token, permissions: row.permissions, createdAt: iso(row.created_at) };
  }

  async function createOrganizationWithAdmin(trx: Knex.Transaction, slug: string, name: string) {
    const orgId = randomUUID();
    await setTenant(trx, orgId);
    const org = await store.insertOrganization(trx, { id: orgId, slug, name }).catch(alreadyExists<OrganizationRow>(`organisation '${slug}'`));
    const token = await issueToken(trx, orgId, 'admin', ['admin']);
    return { org, token };
  }

  async function projectBySlug(trx: Knex.Transaction, slug: string): Promise<ProjectRow> {
    const project = await store.findProject(trx, slug);
    if (!project) throw new CofferError('NOT_FOUND', `project '${slug}' not found`);
    return project;
  }

  return {
    async authenticate(token: string): Promise<Principal> {
      const invalid = new CofferError('UNAUTHENTICATED', 'invalid or revoked token');
      if (!isWellFormedToken(token)) throw invalid;
      return withScope(knex, { tokenHash: hashToken(token) }, async (trx) => {
        const row = await store.findActiveTokenByHash(trx, hashToken(token));
        if (!row) throw invalid;
        await setTenant(trx, row.org_id);
        const org = await store.findOrganization(trx, row.org_id);
        if (!org) throw invalid;
        return { tokenId: row.id, orgId: org.id, orgSlug: org.slug, name: row.name, permissions: row.permissions, actorType: 'api_token' };
      });
    },

    /** First-run setup, exactly once: an organisation, a project, three environments and an admin token. */
    bootstrap(input: { orgSlug: string; orgName: string; projectSlug: string; projectName: string }) {
      return withScope(knex, {}, async (trx) => {
        if (!(await store.claimBootstrap(trx))) {
          throw new CofferError('ALREADY_EXISTS', 'the platform is already bootstrapped');
        }
        const { org, token } = await createOrganizationWithAdmin(trx, input.orgSlug, input.orgName);
        const project = await store.insertProject(trx, { id: randomUUID(), org_id: org.id, slug: input.projectSlug, name: input.projectName });
        const environments: EnvironmentRow[] = [];
        for (const slug of DEFAULT_ENVIRONMENTS) {
          environments.push(await store.insertEnvironment(trx, { id: randomUUID(), org_id: org.id, project_id: project.id, slug, name: slug }));
        }
        return { org: toOrganization(org), project: toProject(project), environments: environments.map(toEnvironment), token };
      });
    },

    listOrgs(principal: Principal): Promise<Organization[]> {
      return withTenant(knex, principal.orgId, async (trx) => (await store.listOrganizations(trx)).map(toOrganization));
    },

    createOrg(input: { slug: string; name: string }) {
      return withScope(knex, {}, async (trx) => {
        const { org, token } = await createOrganizationWithAdmin(trx, input.slug, input.name);
        return { org: toOrganization(org), token };
      });
    },

    listProjects(principal: Principal): Promise<Project[]> {
      return withTenant(knex, principal.orgId, async (trx) => (await store.listProjects(trx)).map(toProject));
    },

    createProject(principal: Principal, input: { slug: string; name: string }): Promise<Project> {
      return withTenant(knex, principal.orgId, async (trx) =>
        toProject(
          await store
            .insertProject(trx, { id: randomUUID(), org_id: principal.orgId, slug: input.slug, name: input.name })
            .catch(alreadyExists<ProjectRow>(`project '${input.slug}'`)),
        ),
      );
    },

    listEnvironments(principal: Principal, projectSlug: string): Promise<Environment[]> {
      return withTenant(knex, principal.orgId, async (trx) => {
        const project = await projectBySlug(trx, projectSlug);
        return (await store.listEnvironments(trx, project.id)).map(toEnvironment);
      });
    },

    createEnvironment(principal: Principal, input: { projectSlug: string; slug: string; name: string }): Promise<Environment> {
      return withTenant(knex, principal.orgId, async (trx) => {
        const project = await projectBySlug(trx, input.projectSlug);
        const row = await store
          .insertEnvironment(trx, { id: randomUUID(), org_id: principal.orgId, project_id: project.id, slug: input.slug, name: input.name })
          .catch(alreadyExists<EnvironmentRow>(`environment '${input.slug}' in project '${input.projectSlug}'`));
        return toEnvironment(row);
      });
    },

    /** Who may create which token is decided by the access table (authAccess), before this runs. */
    createToken(principal: Principal, input: { name: string; permissions: Permission[] }): Promise<IssuedToken> {
      return withTenant(knex, principal.orgId, (trx) => issueToken(trx, principal.orgId, input.name, input.permissions));
    },

    async revokeToken(principal: Principal, tokenId: string): Promise<boolean> {
      const revoked = await withTenant(knex, principal.orgId, (trx) => store.revokeToken(trx, tokenId));
      if (!revoked) throw new CofferError('NOT_FOUND', `token '${tokenId}' not found`);
      await onTokenRevoked(revoked.token_hash);
      return true;
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
