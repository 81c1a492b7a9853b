import { randomUUID } from 'node:crypto';
import { isUniqueViolation, withTenant, type Knex } from '@coffer/db';
import { authorize, CofferError, isPermission, isSlug, notFound, type Permission, type Resource } from '@coffer/contract';
import { actorIdOf, type PrincipalClaims } from '@coffer/grpc';
import type { AccessStore } from './access-store.js';
import type { AuthStore, TokenRow } from './auth-store.js';
import type { ListedTokenRow, ServiceAccountRow, TokenStore } from './token-store.js';
import { generateToken, hashToken } from './tokens.js';

type Principal = PrincipalClaims;

/** A token as issued: the only time the token exists outside its holder's hands (only its hash is stored). */
export interface IssuedToken {
  id: string;
  name: string;
  token: string;
  permissions: string[];
  createdAt: string;
  serviceAccount: string;
  /** Empty for an organisation-wide token. */
  project: string;
  /** Empty: every environment of the project. */
  environments: string[];
  allowedCidrs: string[];
  /** ISO 8601; empty for never. */
  expiresAt: string;
}

/** A token as listed: everything but the token. */
export interface TokenInfo {
  id: string;
  name: string;
  serviceAccount: string;
  project: string;
  environments: string[];
  permissions: string[];
  allowedCidrs: string[];
  expiresAt: string;
  createdAt: string;
  createdBy: string;
  lastUsedAt: string;
  lastUsedIp: string;
  revokedAt: string;
  rotatedFrom: string;
}

export interface ServiceAccount {
  id: string;
  name: string;
  description: string;
  createdAt: string;
  createdBy: string;
}

/** What a new token is to be; validated at the edge (token-grpc.ts). */
export interface TokenInput {
  name: string;
  /** Made if missing; absent: one named after the token. */
  serviceAccount?: string;
  /** Absent: an organisation-wide token. */
  project?: string;
  /** Of the project; none: all of them. */
  environments?: string[];
  permissions: Permission[];
  /** Absent: never expires. */
  expiresInSeconds?: number;
  /** None: from anywhere. */
  allowedCidrs?: string[];
}

export interface TokenServiceDeps {
  knex: Knex;
  store: TokenStore;
  /** Where tokens are inserted, as bootstrap's are. */
  auth: AuthStore;
  access: AccessStore;
  /** Tells every process to drop what it cached for this token id; never rejects. */
  onTokenRevoked(tokenId: string): Promise<void>;
  now?: () => number;
}

const iso = (date: Date | null) => (date ? new Date(date).toISOString() : '');
const tokenNotFound = (id: string) => new CofferError('NOT_FOUND', `token '${id}' not found`);
const accountNotFound = (name: string) => new CofferError('NOT_FOUND', `service account '${name}' not found`);

/** A slug for the account a token gets when none is named: its name, lowercased, runs of anything else as one dash. */
export function accountNameFor(tokenName: string): string {
  const slug = tokenName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 63)
    .replace(/^-+|-+$/g, '');
  return isSlug(slug) ? slug : 'token';
}

const toInfo = (row: ListedTokenRow): TokenInfo => ({
  id: row.id,
  name: row.name,
  serviceAccount: row.service_account ?? '',
  project: row.project ?? '',
  environments: row.environments,
  permissions: row.permissions,
  allowedCidrs: row.allowed_cidrs,
  expiresAt: iso(row.expires_at),
  createdAt: iso(row.created_at),
  createdBy: row.created_by,
  lastUsedAt: iso(row.last_used_at),
  lastUsedIp: row.last_used_ip ?? '',
  revokedAt: iso(row.revoked_at),
  rotatedFrom: row.rotated_from ?? '',
});

const toAccount = (row: ServiceAccountRow): ServiceAccount => ({
  id: row.id,
  name: row.name,
  description: row.description,
  createdAt: iso(row.created_at),
  createdBy: row.created_by,
});

/**
 * Service accounts and their tokens. Who may manage tokens at all (`tokens:manage`) the access
 * table decides; what depends on the token (its permissions where it acts) is decided here through
 * the same `authorize`: nobody issues, rotates or revokes a token that holds more than they do.
 */
export function createTokenService({ knex, store, auth, access, onTokenRevoked, now = Date.now }: TokenServiceDeps) {
  /** Where a token with this scope acts, as `authorize` takes it: the organisation, the project, or each environment. */
  function placesOf(orgId: string, project: string | undefined, environments: readonly string[]): Resource[] {
    if (project === undefined) return [{ orgId }];
    if (environments.length === 0) return [{ orgId, project }];
    return environments.map((environment) => ({ orgId, project, environment }));
  }

  /** Refuses, naming the missing permission, a caller that does not hold every permission of a stored token where it acts. */
  async function requireHolds(trx: Knex.Transaction, principal: Principal, row: TokenRow): Promise<void> {
    // An expired token holds nothing any more.
    if (row.expires_at && row.expires_at.getTime() <= now()) return;
    const permissions = row.permissions.filter(isPermission);
    if (row.project_id === null) return authorize(principal, permissions, { orgId: principal.orgId });
    // A token whose project or environments are gone holds nothing (see AccessStore.tokenScope).
    const scope = await access.tokenScope(trx, row);
    if (!scope) return;
    for (const place of placesOf(principal.orgId, scope.project, scope.environments)) authorize(principal, permissions, place);
  }

  async function issue(
    trx: Knex.Transaction,
    principal: Principal,
    row: Pick<TokenRow, 'name' | 'permissions' | 'service_account_id' | 'project_id' | 'environment_ids' | 'allowed_cidrs' | 'expires_at' | 'rotated_from'>,
    names: { serviceAccount: string; project: string; environments: string[] },
  ): Promise<IssuedToken> {
    const token = generateToken();
    const inserted = await auth.insertToken(trx, {
      ...row,
      id: randomUUID(),
      org_id: principal.orgId,
      token_hash: hashToken(token),
      created_by: actorIdOf(principal),
    });
    return {
      id: inserted.id,
      name: inserted.name,
      token,
      permissions: inserted.permissions,
      createdAt: iso(inserted.created_at),
      serviceAccount: names.serviceAccount,
      project: names.project,
      environments: names.environments,
      allowedCidrs: inserted.allowed_cidrs,
      expiresAt: iso(inserted.expires_at),
    };
  }

  async function liveToken(trx: Knex.Transaction, principal: Principal, tokenId: string): Promise<TokenRow> {
    const row = await store.lockLiveToken(trx, tokenId);
    if (!row) throw tokenNotFound(tokenId);
    await requireHolds(trx, principal, row);
    return row;
  }

  return {
    /**
     * A token of a service account, answered once. A scoped one needs the caller to hold each of
     * its permissions on each of its environments (or the whole project); an organisation-wide one,
     * organisation-wide (the access table decided that already).
     */
    async createToken(principal: Principal, input: TokenInput): Promise<IssuedToken> {
      const environments = [...new Set(input.environments ?? [])];
      for (const place of placesOf(principal.orgId, input.project, environments)) authorize(principal, input.permissions, place);
      return withTenant(knex, principal.orgId, async (trx) => {
        let projectId: string | null = null;
        const environmentIds: string[] = [];
        if (input.project !== undefined) {
          const project = await access.findProject(trx, input.project);
          if (!project) throw notFound.project(input.project);
          projectId = project.id;
          for (const slug of environments) {
            const environment = await access.findEnvironment(trx, project.id, slug);
            if (!environment) throw notFound.environment(slug, input.project);
            environmentIds.push(environment.id);
          }
        }
        const accountName = input.serviceAccount ?? accountNameFor(input.name);
        const account = await store.ensureServiceAccount(trx, {
          id: randomUUID(),
          org_id: principal.orgId,
          name: accountName,
          description: '',
          created_by: actorIdOf(principal),
        });
        return issue(
          trx,
          principal,
          {
            name: input.name,
            permissions: input.permissions,
            service_account_id: account.id,
            project_id: projectId,
            environment_ids: environmentIds,
            allowed_cidrs: input.allowedCidrs ?? [],
            expires_at: input.expiresInSeconds ? new Date(now() + input.expiresInSeconds * 1000) : null,
            rotated_from: null,
          },
          { serviceAccount: account.name, project: input.project ?? '', environments: environments.slice().sort() },
        );
      });
    },

    /** Every token of the organisation, never the token itself; revoked ones only when asked for. */
    listTokens(principal: Principal, includeRevoked: boolean): Promise<TokenInfo[]> {
      return withTenant(knex, principal.orgId, async (trx) => (await store.listTokens(trx, { includeRevoked })).map(toInfo));
    },

    /**
     * A new token with the same scope (and, when the old one expires, the same lifetime from now);
     * the old one works on for `overlapSeconds` at most, and at once no more with 0.
     */
    async rotateToken(principal: Principal, tokenId: string, overlapSeconds: number): Promise<IssuedToken> {
      const issued = await withTenant(knex, principal.orgId, async (trx) => {
        const old = await liveToken(trx, principal, tokenId);
        if (old.expires_at && old.expires_at.getTime() <= now())
          throw new CofferError('FAILED_PRECONDITION', `token '${tokenId}' has expired and cannot be rotated`);
        const [listed] = await store.listTokens(trx, { includeRevoked: false, tokenId });
        const lifetimeMs = old.expires_at ? old.expires_at.getTime() - old.created_at.getTime() : undefined;
        const fresh = await issue(
          trx,
          principal,
          {
            name: old.name,
            permissions: old.permissions,
            service_account_id: old.service_account_id,
            project_id: old.project_id,
            environment_ids: old.environment_ids,
            allowed_cidrs: old.allowed_cidrs,
            expires_at: lifetimeMs === undefined ? null : new Date(now() + lifetimeMs),
            rotated_from: old.id,
          },
          { serviceAccount: listed?.service_account ?? '', project: listed?.project ?? '', environments: listed?.environments ?? [] },
        );
        if (overlapSeconds === 0) await store.revokeToken(trx, old.id);
        else await store.shortenToken(trx, old.id, new Date(now() + overlapSeconds * 1000));
        return fresh;
      });
      // Cached principals of the old token carry its old expiry: every process fetches it anew.
      await onTokenRevoked(tokenId);
      return issued;
    },

    async revokeToken(principal: Principal, tokenId: string): Promise<boolean> {
      await withTenant(knex, principal.orgId, async (trx) => store.revokeToken(trx, (await liveToken(trx, principal, tokenId)).id));
      await onTokenRevoked(tokenId);
      return true;
    },

    listServiceAccounts(principal: Principal): Promise<ServiceAccount[]> {
      return withTenant(knex, principal.orgId, async (trx) => (await store.listServiceAccounts(trx)).map(toAccount));
    },

    createServiceAccount(principal: Principal, input: { name: string; description: string }): Promise<ServiceAccount> {
      return withTenant(knex, principal.orgId, async (trx) => {
        const row = await store
          .insertServiceAccount(trx, {
            id: randomUUID(),
            org_id: principal.orgId,
            name: input.name,
            description: input.description,
            created_by: actorIdOf(principal),
          })
          .catch((err: unknown) => {
            if (isUniqueViolation(err)) throw new CofferError('ALREADY_EXISTS', `service account '${input.name}' already exists`);
            throw err;
          });
        return toAccount(row);
      });
    },

    /** Revokes every token of the account (each one the caller must hold), then deletes it. */
    async deleteServiceAccount(principal: Principal, name: string): Promise<boolean> {
      const revoked = await withTenant(knex, principal.orgId, async (trx) => {
        const account = await store.findServiceAccount(trx, name);
        if (!account) throw accountNotFound(name);
        const tokens = await store.listTokens(trx, { includeRevoked: false, serviceAccountId: account.id });
        for (const token of tokens) await liveToken(trx, principal, token.id);
        for (const token of tokens) await store.revokeToken(trx, token.id);
        await store.deleteServiceAccount(trx, account.id);
        return tokens.map((token) => token.id);
      });
      for (const tokenId of revoked) await onTokenRevoked(tokenId);
      return true;
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;
