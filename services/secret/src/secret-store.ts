import { queryPrepared, type Knex, type PreparedStatement } from '@coffer/db';
import type { StoredBlobs } from './secret-sealer.js';

export interface EnvironmentRow {
  id: string;
  org_id: string;
}

export interface SecretRow {
  id: string;
  org_id: string;
  env_id: string;
  key: string;
  type: string;
  description: string;
  current_version: number;
  deleted: boolean;
  created_at: Date;
  updated_at: Date;
  updated_by: string;
}

export interface VersionRow {
  id: string;
  secret_id: string;
  version: number;
  type: string;
  description: string;
  ciphertext: string;
  wrapped_dek: string;
  kms_key_id: string;
  kms_key_version: number;
  created_at: Date;
  created_by: string;
}

/** Names the record of one Idempotency-Key of one token (see migration 007). */
export interface IdempotencyRecordKey {
  orgId: string;
  tokenId: string;
  key: string;
}

/** The record of an Idempotency-Key that a committed write left. */
export interface IdempotencyRecordRow {
  fingerprint: string;
  reply: unknown;
}

export type VersionMetaRow = Omit<VersionRow, 'ciphertext' | 'wrapped_dek' | 'id' | 'secret_id'>;

export interface InjectRow {
  env_id: string;
  secret_id: string | null;
  key: string | null;
  version: number | null;
  ciphertext: string | null;
  wrapped_dek: string | null;
  kms_key_id: string | null;
  kms_key_version: number | null;
}

/** One row whatever exists: nulls say which part is missing (see migration 004). */
export interface VersionOfRow extends Omit<StoredBlobs, 'secret_id' | 'version'> {
  project_id: string | null;
  env_id: string | null;
  secret_id: string | null;
  key: string;
  secret_type: string;
  secret_description: string;
  current_version: number;
  deleted: boolean;
  created_at: Date;
  updated_at: Date;
  updated_by: string;
  version: number | null;
  type: string;
  description: string;
}

/** Expired records of an organisation removed by each write that keeps one: enough to keep up, never a long statement. */
const PURGE_BATCH = 100;

const VERSION_META = ['version', 'type', 'description', 'kms_key_id', 'kms_key_version', 'created_at', 'created_by'] as const;

const CURRENT_VALUES: PreparedStatement = { name: 'coffer_secret_current_values', text: 'select * from secret_current_values(?, ?, ?)' };
const VERSION_OF: PreparedStatement = { name: 'coffer_secret_version_of', text: 'select * from secret_version_of(?, ?, ?, ?, ?)' };

/**
 * SQL for secrets and their versions. Every function takes a transaction that is already scoped
 * to the caller's organisation, so row-level security applies to each statement.
 */
export function createSecretStore() {
  return {
    async findProject(trx: Knex.Transaction, projectSlug: string): Promise<{ id: string } | undefined> {
      return trx('projects').where({ slug: projectSlug }).first('id');
    },

    async findEnvironment(trx: Knex.Transaction, projectId: string, envSlug: string): Promise<EnvironmentRow | undefined> {
      return trx('environments').where({ project_id: projectId, slug: envSlug }).first('id', 'org_id');
    },

    async listSecrets(trx: Knex.Transaction, envId: string, includeDeleted: boolean): Promise<SecretRow[]> {
      const query = trx<SecretRow>('secrets').where({ env_id: envId }).orderBy('key');
      if (!includeDeleted) query.andWhere({ deleted: false });
      return query.select('*');
    },

    async findSecret(trx: Knex.Transaction, envId: string, key: string, lock = false): Promise<SecretRow | undefined> {
      const query = trx<SecretRow>('secrets').where({ env_id: envId, key }).first('*');
      return lock ? query.forUpdate() : query;
    },

    /**
     * Makes imports into one environment wait for each other until commit. Each write also locks the
     * organisation's KEK row (its wrap count), so two imports creating overlapping keys would
     * otherwise each hold a key the other needs next.
     */
    async lockEnvironmentForImport(trx: Knex.Transaction, envId: string): Promise<void> {
      await trx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`coffer.import:${envId}`]);
    },

    /** These keys of an environment, locked until commit unless `lock` is false. */
    async lockSecrets(trx: Knex.Transaction, envId: string, keys: string[], lock = true): Promise<SecretRow[]> {
      if (keys.length === 0) return [];
      const query = trx<SecretRow>('secrets').where({ env_id: envId }).whereIn('key', keys).select('*');
      return lock ? query.forUpdate() : query;
    },

    /** The blobs of the current version of each secret. */
    async currentVersionBlobs(trx: Knex.Transaction, secretIds: string[]): Promise<StoredBlobs[]> {
      if (secretIds.length === 0) return [];
      return trx('secret_versions as v')
        .join('secrets as s', (on) => on.on('s.id', 'v.secret_id').andOn('s.current_version', 'v.version'))
        .whereIn('s.id', secretIds)
        .select('v.secret_id', 'v.version', 'v.ciphertext', 'v.wrapped_dek', 'v.kms_key_id', 'v.kms_key_version');
    },

    /**
     * Claims an Idempotency-Key for this transaction, or returns the record a committed write left
     * under it. A claim by a transaction still running makes this one wait until that one commits
     * (its record is returned) or rolls back (the key is claimed here). An expired record is taken over.
     */
    async claimIdempotencyKey(
      trx: Knex.Transaction,
      { orgId, tokenId, key }: IdempotencyRecordKey,
      fingerprint: string,
      ttlMs: number,
    ): Promise<IdempotencyRecordRow | undefined> {
      const claimed = await trx.raw(
        `insert into idempotency_records (org_id, token_id, key, fingerprint, expires_at)
         values (?, ?, ?, ?, now() + make_interval(secs => ?))
         on conflict (org_id, token_id, key) do update
           set fingerprint = excluded.fingerprint, reply = null, created_at = now(), expires_at = excluded.expires_at
           where idempotency_records.expires_at <= now()
         returning 1`,
        [orgId, tokenId, key, fingerprint, ttlMs / 1000],
      );
      if (claimed.rows.length > 0) return undefined;
      return trx('idempotency_records').where({ org_id: orgId, token_id: tokenId, key }).first('fingerprint', 'reply');
    },

    /** Keeps the reply of the write that claimed the key, and purges a batch of the organisation's expired records on the way. */
    async keepIdempotentReply(trx: Knex.Transaction, { orgId, tokenId, key }: IdempotencyRecordKey, reply: unknown): Promise<void> {
      await trx.raw(
        `with purged as (
           delete from idempotency_records where ctid = any(array(
             select ctid from idempotency_records where org_id = ? and expires_at <= now() limit ? for update skip locked))
         )
         update idempotency_records set reply = ?::jsonb where org_id = ? and token_id = ? and key = ?`,
        [orgId, PURGE_BATCH, JSON.stringify(reply), orgId, tokenId, key],
      );
    },

    async insertSecret(trx: Knex.Transaction, row: Omit<SecretRow, 'created_at' | 'updated_at' | 'deleted'>): Promise<SecretRow> {
      const [inserted] = await trx<SecretRow>('secrets')
        .insert({ ...row, deleted: false })
        .returning('*');
      return inserted as SecretRow;
    },

    async updateSecret(
      trx: Knex.Transaction,
      id: string,
      changes: Partial<Pick<SecretRow, 'type' | 'description' | 'current_version' | 'deleted' | 'updated_by'>> & { deleted_at?: Date | null },
    ): Promise<SecretRow> {
      const [updated] = await trx<SecretRow>('secrets')
        .where({ id })
        .update({ ...changes, updated_at: trx.fn.now() } as unknown as Partial<SecretRow>)
        .returning('*');
      return updated as SecretRow;
    },

    async insertVersion(trx: Knex.Transaction, row: Omit<VersionRow, 'created_at'> & { org_id: string }): Promise<void> {
      await trx('secret_versions').insert(row);
    },

    async findVersion(trx: Knex.Transaction, secretId: string, version: number): Promise<VersionRow | undefined> {
      return trx<VersionRow>('secret_versions').where({ secret_id: secretId, version }).first('*');
    },

    async listVersions(trx: Knex.Transaction, secretId: string): Promise<VersionMetaRow[]> {
      return trx('secret_versions').where({ secret_id: secretId }).orderBy('version', 'desc').select(VERSION_META);
    },

    async deleteSecret(trx: Knex.Transaction, secretId: string): Promise<number> {
      const versions = await trx('secret_versions').where({ secret_id: secretId }).del();
      await trx('secrets').where({ id: secretId }).del();
      return versions;
    },

    /**
     * The inject query: the environment and the current version of every live key in it, in one
     * statement that scopes itself to the organisation (see migration 003). Runs outside any
     * transaction, so it costs one round trip. No row means no such project/environment; a row
     * with a null key means it is empty.
     */
    currentValues(knex: Knex, orgId: string, projectSlug: string, envSlug: string): Promise<InjectRow[]> {
      return queryPrepared<InjectRow>(knex, CURRENT_VALUES, [orgId, projectSlug, envSlug]);
    },

    /**
     * The reveal query: a secret and one of its versions (0: the current one) with the environment
     * and project it is reached through, in one statement that scopes itself to the organisation.
     */
    async versionOf(knex: Knex, orgId: string, projectSlug: string, envSlug: string, key: string, version: number): Promise<VersionOfRow> {
      const [row] = await queryPrepared<VersionOfRow>(knex, VERSION_OF, [orgId, projectSlug, envSlug, key, version]);
      return row!;
    },
  };
}

export type SecretStore = ReturnType<typeof createSecretStore>;
