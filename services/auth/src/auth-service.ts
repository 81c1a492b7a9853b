import { randomUUID } from 'node:crypto';
import { isUniqueViolation, setTenant, withScope, withTenant, type Knex } from '@coffer/db';
import { CofferError, networksAllow, orgRevocationMessage, visibleEnvironments, visibleProjects } from '@coffer/contract';
import type { PrincipalClaims } from '@coffer/grpc';
import type { AccessStore } from './access-store.js';
import type { AuthStore, EnvironmentRow, OrganizationRow, ProjectRow, TokenRow } from './auth-store.js';
import { toUser } from './identity-service.js';
import { generateToken, hashToken, isWellFormedToken } from './tokens.js';

export const DEFAULT_ENVIRONMENTS = ['development', 'staging', 'production'] as const;

export type Principal = PrincipalClaims;

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
  protected: boolean;
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
  access: AccessStore;
  /** Tells every gateway to drop what it cached for this token or session id; reports its own failures and never rejects. */
  onTokenRevoked(tokenId: string): Promise<void>;
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
  protected: row.protected,
});

function alreadyExists<T>(what: string): (err: unknown) => T {
  return (err: unknown) => {
    if (isUniqueViolation(err)) throw new CofferError('ALREADY_EXISTS', `${what} already exists`);
    throw err;
  };
}

export function createAuthService({ knex, store, access, onTokenRevoked }: AuthServiceDeps) {
  async function issueToken(trx: Knex.Transaction, orgId: string, name: string, permissions: string[]): Promise<IssuedToken> {
    const token = generateToken();
    const row: TokenRow = await store.insertToken(trx, { id: randomUUID(), org_id: orgId, name, token_hash: hashToken(token), permissions });
    return { id: row.id, name: row.name, token, permissions: row.permissions, createdAt: iso(row.created_at) };
  }

  async function createOrganization(trx: Knex.Transaction, slug: string, name: string): Promise<OrganizationRow> {
    const orgId = randomUUID();
    await setTenant(trx, orgId);
    return store.insertOrganization(trx, { id: orgId, slug, name }).catch(alreadyExists<OrganizationRow>(`organisation '${slug}'`));
  }

  async function projectBySlug(trx: Knex.Transaction, slug: string): Promise<ProjectRow> {
    const project = await store.findProject(trx, slug);
    if (!project) throw new CofferError('NOT_FOUND', `project '${slug}' not found`);
    return project;
  }

  return {
    /**
     * Who holds an API token, used from `clientIp`: a revoked or expired token, or one used from
     * outside its allow-list, is refused alike (nothing tells a thief which). The address and time
     * of use are kept (at most once a minute per address: this runs on every cache miss).
     */
    async authenticate(token: string, clientIp = ''): Promise<Principal> {
      const invalid = new CofferError('UNAUTHENTICATED', 'invalid or revoked token');
      if (!isWellFormedToken(token)) throw invalid;
      return withScope(knex, { tokenHash: hashToken(token) }, async (trx) => {
        const row = await store.findActiveTokenByHash(trx, hashToken(token));
        if (!row || !networksAllow(row.allowed_cidrs, clientIp)) throw invalid;
        await setTenant(trx, row.org_id);
        const org = await store.findOrganization(trx, row.org_id);
        if (!org) throw invalid;
        await store.recordTokenUse(trx, row.id, clientIp);
        const scope = await access.tokenScope(trx, row);
        const scoped = row.project_id !== null;
        return {
          tokenId: row.id,
          orgId: org.id,
          orgSlug: org.slug,
          name: row.name,
          // A scoped token holds its permissions in its project only, and nothing once that is gone.
          permissions: scoped ? [] : row.permissions,
          grants: scope ? [{ ...scope, permissions: row.permissions, breakGlassId: '' }] : [],
          allowedCidrs: row.allowed_cidrs,
          expiresAt: row.expires_at ? iso(row.expires_at) : '',
          actorType: 'api_token',
          userId: '',
        };
      });
    },

    /**
     * First-run setup, exactly once: an organisation, a project, three environments, an admin token
     * and, when asked, the first owner (who made the platform: their address counts as verified).
     */
    bootstrap(input: { orgSlug: string; orgName: string; projectSlug: string; projectName: string; owner?: { email: string; passwordHash: string } }) {
      const ownerId = randomUUID();
      return withScope(knex, input.owner ? { userId: ownerId } : {}, async (trx) => {
        if (!(await store.claimBootstrap(trx))) {
          throw new CofferError('ALREADY_EXISTS', 'the platform is already bootstrapped');
        }
        const owner = input.owner
          ? await store.insertUser(trx, {
              id: ownerId,
              email: input.owner.email,
              name: '',
              password_hash: input.owner.passwordHash,
              password_changed_at: new Date(),
              email_verified_at: new Date(),
            })
          : undefined;
        const org = await createOrganization(trx, input.orgSlug, input.orgName);
        const token = await issueToken(trx, org.id, 'admin', ['admin']);
        if (owner) await store.insertMembership(trx, { org_id: org.id, user_id: owner.id, role: 'owner' });
        const project = await store.insertProject(trx, { id: randomUUID(), org_id: org.id, slug: input.projectSlug, name: input.projectName });
        const environments: EnvironmentRow[] = [];
        for (const slug of DEFAULT_ENVIRONMENTS) {
          environments.push(await store.insertEnvironment(trx, { id: randomUUID(), org_id: org.id, project_id: project.id, slug, name: slug }));
        }
        return {
          org: toOrganization(org),
          project: toProject(project),
          environments: environments.map(toEnvironment),
          token,
          ...(owner ? { owner: toUser(owner) } : {}),
        };
      });
    },

    /** A token's own organisation; a person's, those they are a member of. */
    listOrgs(principal: Principal): Promise<Organization[]> {
      const scope = principal.userId ? { userId: principal.userId } : { orgId: principal.orgId };
      return withScope(knex, scope, async (trx) => (await store.listOrganizations(trx)).map(toOrganization));
    },

    /** Made by a token: answers the new organisation's admin token. Made by a person: they are its owner. */
    createOrg(principal: Principal, input: { slug: string; name: string }) {
      const ownerId = principal.userId || undefined;
      return withScope(knex, ownerId ? { userId: ownerId } : {}, async (trx) => {
        const org = await createOrganization(trx, input.slug, input.name);
        if (!ownerId) return { org: toOrganization(org), token: await issueToken(trx, org.id, 'admin', ['admin']) };
        await store.insertMembership(trx, { org_id: org.id, user_id: ownerId, role: 'owner' });
        return { org: toOrganization(org) };
      });
    },

    /** The organisation's policies; `requireTwoFactor` lets its members without two-factor only enrol. */
    async orgSettings(principal: Principal, patch?: { requireTwoFactor?: boolean }): Promise<{ requireTwoFactor: boolean }> {
      const changing = patch?.requireTwoFactor !== undefined;
      const row = await withTenant(knex, principal.orgId, (trx) =>
        changing ? store.updateOrgSettings(trx, principal.orgId, { require_2fa: patch.requireTwoFactor }) : store.findOrgSettings(trx, principal.orgId),
      );
      if (!row) throw new CofferError('NOT_FOUND', 'organisation not found');
      // Principals cached under the old policy are dropped everywhere, as a revocation is.
      if (changing) await onTokenRevoked(orgRevocationMessage(principal.orgId));
      return { requireTwoFactor: row.require_2fa };
    },

    /** Those the caller may know of: all, with anything organisation-wide, else those its grants name. */
    listProjects(principal: Principal): Promise<Project[]> {
      const visible = visibleProjects(principal);
      return withTenant(knex, principal.orgId, async (trx) =>
        (await store.listProjects(trx)).filter((row) => visible === 'all' || visible.has(row.slug)).map(toProject),
      );
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
        const visible = visibleEnvironments(principal, projectSlug);
        return (await store.listEnvironments(trx, project.id)).filter((row) => visible === 'all' || visible.has(row.slug)).map(toEnvironment);
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
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
