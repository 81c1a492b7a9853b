import { randomUUID, timingSafeEqual } from 'node:crypto';
import { CofferError, fieldError, isSecretKey, type SecretType } from '@coffer/contract';
import { isDeadlock, isUniqueViolation, withTenant, type Knex } from '@coffer/db';
import { isDangerousName } from '@coffer/env-policy';
import { KekRetiredError, type Kek } from '@coffer/kms';
import { createChangeRequestStore, type ChangeRequestStatus, type ChangeRequestStore } from './change-request-store.js';
import { createChangeRequests, liveVersion, type ChangeRequestRef, type ChangeRequestView, type ProposedChange } from './change-requests.js';
import { importError, lastEntryOfEachKey, planDifferences, type ImportEntry, type ImportPlan, type PlanKeys } from './secret-import.js';
import { UNCONDITIONAL, injectEtag, notModified, type InjectAnswer, type InjectConditions } from './secret-etag.js';
import { KekNotInHand, type KeysInHand, type SecretSealer, type StoredBlobs } from './secret-sealer.js';
import { type SecretStore, type SecretRow, type VersionRow, type VersionMetaRow } from './secret-store.js';
import { typedValueProblem } from './secret-values.js';

/** Who is asking, as established by the Auth service and carried in call metadata. */
export interface Caller {
  orgId: string;
  actor: string;
  /** Whether the caller may see what the environment holds (read): a write by one that may not is blind. */
  reads: boolean;
  /** Whether it may write a new key, and a new version of a stored one; a blind writer may do both (secretAccess). */
  creates: boolean;
  updates: boolean;
  /** Acts on the environment under a break-glass access: its changes skip approval. */
  breakGlass: boolean;
  /** When the caller stops waiting (ms since the epoch): database work past it is cancelled, and a write not yet committed is not. */
  deadline?: number;
  /** The write's Idempotency-Key, when it was sent with one. */
  idempotency?: IdempotentWrite;
}

/**
 * A write sent with an Idempotency-Key: it is done at most once per key and token. Its transaction
 * first claims the key (see `claimIdempotencyKey`) and keeps the reply before it commits, so the
 * record exists exactly when the write does; a write that rolled back leaves none and runs again.
 */
export interface IdempotentWrite {
  tokenId: string;
  key: string;
  /** Of the request the key was first used with: the same key with another request is refused. */
  fingerprint: string;
  /** What the caller is answered of the write's result: kept with the key and answered again to a retry. */
  reply(result: unknown): unknown;
}

/** Thrown instead of writing when the Idempotency-Key names a committed write of the same request: its reply is the answer. */
export class IdempotentReplay extends Error {
  constructor(readonly reply: unknown) {
    super('the write of this Idempotency-Key was already made');
  }
}

/** How long an Idempotency-Key is remembered: a retry later than this writes again. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export interface Scope {
  project: string;
  environment: string;
}

export interface SecretMeta {
  id: string;
  key: string;
  type: string;
  version: number;
  description: string;
  deleted: boolean;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

export interface VersionMeta {
  version: number;
  type: string;
  description: string;
  createdAt: string;
  createdBy: string;
  kmsKeyVersion: number;
}

export interface SetSecretInput {
  key: string;
  value: string;
  type?: SecretType;
  description?: string;
  expectedVersion?: number;
}

export interface SecretServiceDeps {
  knex: Knex;
  store: SecretStore;
  sealer: SecretSealer;
  requests?: ChangeRequestStore;
}

/**
 * What a write answers: what it wrote, or, on a protected environment, the change request it opened
 * instead (nothing written; the meta then holds the key alone, version 0).
 */
export type Written<T> = T & { changeRequest?: ChangeRequestRef };

function requested(key: string, changeRequest: ChangeRequestRef): Written<SecretMeta> {
  return { id: '', key, type: '', version: 0, description: '', deleted: false, createdAt: '', updatedAt: '', updatedBy: '', changeRequest };
}

/** A transaction that found it needs a KEK not resolved beforehand, or whose KEK was rotated meanwhile, runs again this often. */
const KEY_ATTEMPTS = 3;

function toMeta(row: SecretRow): SecretMeta {
  return {
    id: row.id,
    key: row.key,
    type: row.type,
    version: row.current_version,
    description: row.description,
    deleted: row.deleted,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    updatedBy: row.updated_by,
  };
}

function toVersionMeta(row: VersionMetaRow): VersionMeta {
  return {
    version: row.version,
    type: row.type,
    description: row.description,
    createdAt: new Date(row.created_at).toISOString(),
    createdBy: row.created_by,
    kmsKeyVersion: row.kms_key_version,
  };
}

/**
 * The type of a write that names none. A caller that may read keeps the secret's own type (and is
 * told when the value does not fit it). A blind caller must learn nothing about the secret, not even
 * its type through a refusal: its value keeps the stored type when it fits it and is otherwise
 * written as text, the type a new key gets, so the answer is the same whether the key existed or not.
 */
function typeOfWrite(caller: Caller, given: SecretType | undefined, existing: SecretRow | undefined, value: string): SecretType {
  if (given) return given;
  const stored = existing?.type as SecretType | undefined;
  if (!stored) return 'text';
  return caller.reads || typedValueProblem(stored, value) === null ? stored : 'text';
}

function sameValue(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Refuses a write the caller may not make (known only from what is stored), or one whose check-and-set fails. */
function checkWrite(caller: Caller, currentVersion: number, input: { key: string; expectedVersion?: number }): void {
  // Known only now, from what is stored; a caller told this may read the environment anyway.
  if (currentVersion === 0 ? !caller.creates : !caller.updates) {
    throw new CofferError('PERMISSION_DENIED', `missing permission: ${currentVersion === 0 ? 'create' : 'update'}`);
  }
  if (input.expectedVersion !== undefined && input.expectedVersion !== currentVersion) {
    throw new CofferError('ABORTED', `secret '${input.key}' is at version ${currentVersion}, not the expected version ${input.expectedVersion}`, {
      details: { currentVersion },
    });
  }
}

export function createSecretService({ knex, store, sealer, requests = createChangeRequestStore() }: SecretServiceDeps) {
  const changeRequests = createChangeRequests({ requests, store, sealer });
  /** Injects in flight in this process: one alone opens its values on the event loop (value-opener.ts). */
  let injecting = 0;

  async function environmentId(trx: Knex.Transaction, scope: Scope): Promise<string> {
    const project = await store.findProject(trx, scope.project);
    if (!project) throw new CofferError('NOT_FOUND', `project '${scope.project}' not found`);
    const env = await store.findEnvironment(trx, project.id, scope.environment);
    if (!env) throw new CofferError('NOT_FOUND', `environment '${scope.environment}' not found in project '${scope.project}'`);
    return env.id;
  }

  async function liveSecret(trx: Knex.Transaction, scope: Scope, key: string, lock = false): Promise<SecretRow> {
    const secret = await store.findSecret(trx, await environmentId(trx, scope), key, lock);
    if (!secret || secret.deleted) throw new CofferError('NOT_FOUND', `secret '${key}' not found`);
    return secret;
  }

  async function existingSecret(trx: Knex.Transaction, scope: Scope, key: string): Promise<SecretRow> {
    const secret = await store.findSecret(trx, await environmentId(trx, scope), key, true);
    if (!secret) throw new CofferError('NOT_FOUND', `secret '${key}' not found`);
    return secret;
  }

  async function versionOf(trx: Knex.Transaction, secret: SecretRow, version: number): Promise<VersionRow> {
    const row = await store.findVersion(trx, secret.id, version);
    if (!row) throw new CofferError('NOT_FOUND', `secret '${secret.key}' has no version ${version}`);
    return row;
  }

  /** Seals the value (pure), writes the version and moves the secret to it, all in the caller's transaction. */
  async function writeVersion(
    trx: Knex.Transaction,
    caller: Caller,
    kek: Kek,
    envId: string,
    existing: SecretRow | undefined,
    input: { key: string; value: string; type: SecretType; description: string; expectedVersion?: number },
  ): Promise<SecretRow> {
    checkWrite(caller, liveVersion(existing), input);
    const secretId = existing?.id ?? randomUUID();
    const version = (existing?.current_version ?? 0) + 1;
    const sealed = sealer.seal(kek, { plaintext: input.value, orgId: caller.orgId, secretId, version });

    const secret = existing
      ? await store.updateSecret(trx, secretId, {
          type: input.type,
          description: input.description,
          current_version: version,
          deleted: false,
          deleted_at: null,
          updated_by: caller.actor,
        })
      : await store.insertSecret(trx, {
          id: secretId,
          org_id: caller.orgId,
          env_id: envId,
          key: input.key,
          type: input.type,
          description: input.description,
          current_version: version,
          updated_by: caller.actor,
        });
    await store.insertVersion(trx, {
      id: randomUUID(),
      org_id: caller.orgId,
      secret_id: secretId,
      version,
      type: input.type,
      description: input.description,
      ciphertext: sealed.ciphertext,
      wrapped_dek: sealed.wrappedDek,
      kms_key_id: sealed.kekId,
      kms_key_version: sealed.kekVersion,
      created_by: caller.actor,
    });
    await sealer.recordSeal(trx, caller.orgId, kek);
    return secret;
  }

  async function tenant<T>(caller: Caller, fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    try {
      return await withTenant(knex, caller.orgId, fn, caller.deadline);
    } catch (err) {
      // Two first writes of one key race on UNIQUE(env_id, key): the loser retries like a CAS miss.
      // An import racing a single write to create the same key can deadlock on it and the KEK row
      // instead; PostgreSQL aborts one of them, which retries the same way.
      if (isUniqueViolation(err) || isDeadlock(err)) throw new CofferError('ABORTED', 'the secret was changed concurrently; retry');
      throw err;
    }
  }

  /**
   * The transaction of a write: under the caller's Idempotency-Key, if any, claimed first; a key
   * already used answers the reply kept with it (IdempotentReplay), or ALREADY_EXISTS for another request.
   */
  function writing<T>(caller: Caller, fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    const once = caller.idempotency;
    if (!once) return tenant(caller, fn);
    const record = { orgId: caller.orgId, tokenId: once.tokenId, key: once.key };
    return tenant(caller, async (trx) => {
      const earlier = await store.claimIdempotencyKey(trx, record, once.fingerprint, IDEMPOTENCY_TTL_MS);
      if (earlier) {
        if (!sameValue(earlier.fingerprint, once.fingerprint)) {
          throw fieldError('header', 'Idempotency-Key', 'was already used with a different request', 'ALREADY_EXISTS');
        }
        throw new IdempotentReplay(earlier.reply);
      }
      const result = await fn(trx);
      await store.keepIdempotentReply(trx, record, once.reply(result));
      return result;
    });
  }

  /**
   * A write with its keys resolved first: the KEK new versions are sealed under, and those of the
   * versions `expected` reads (in a short transaction of its own) that the write will open. When the
   * write meets a version whose KEK was not resolved (the data changed in between) or its KEK was
   * retired meanwhile, it rolls back, the keys are resolved outside it, and it runs again.
   */
  async function withKeys<T>(
    caller: Caller,
    fn: (trx: Knex.Transaction, keys: { write: Kek; opened: KeysInHand }) => Promise<T>,
    expected?: (trx: Knex.Transaction) => Promise<StoredBlobs[]>,
  ): Promise<T> {
    const rows: StoredBlobs[] = expected ? await tenant(caller, expected) : [];
    for (let attempt = 1; ; attempt++) {
      const [write, opened] = await Promise.all([sealer.writeKek(caller.orgId), sealer.prepare(caller.orgId, rows)]);
      try {
        return await writing(caller, (trx) => fn(trx, { write, opened }));
      } catch (err) {
        const again = err instanceof KekNotInHand || err instanceof KekRetiredError;
        if (!again) throw err;
        if (attempt >= KEY_ATTEMPTS) throw new CofferError('ABORTED', 'the encryption key was rotated concurrently; retry');
        if (err instanceof KekNotInHand) rows.push(err.row);
      }
    }
  }

  /** The current versions of these keys, for an import to resolve their KEKs before it compares. */
  async function currentVersionsOf(trx: Knex.Transaction, scope: Scope, keys: string[]): Promise<StoredBlobs[]> {
    const secrets = (await store.lockSecrets(trx, await environmentId(trx, scope), keys, false)).filter((secret) => !secret.deleted);
    return store.currentVersionBlobs(
      trx,
      secrets.map((secret) => secret.id),
    );
  }

  /** Opens stored versions read in an earlier transaction, resolving their KEKs first. */
  async function openAfter<T>(caller: Caller, rows: readonly StoredBlobs[], key: string, shape: (open: (row: StoredBlobs) => string) => T): Promise<T> {
    const keys = await sealer.prepare(caller.orgId, rows);
    return shape((row) => keys.open(key, row));
  }

  /** See `inject` below. */
  async function injectNow(caller: Caller, scope: Scope, conditions: InjectConditions): Promise<InjectAnswer> {
    const rows = await store.currentValues(knex, caller.orgId, scope.project, scope.environment);
    if (rows.length === 0) {
      throw new CofferError('NOT_FOUND', `environment '${scope.environment}' not found in project '${scope.project}'`);
    }
    const removed: string[] = [];
    const live: (StoredBlobs & { key: string })[] = [];
    for (const row of rows) {
      if (row.key === null || row.secret_id === null || row.version === null) continue;
      if (isDangerousName(row.key)) removed.push(row.key);
      else live.push(row as StoredBlobs & { key: string });
    }
    // A strong etag vouches for the bytes: the same state is always answered in the same order.
    live.sort((a, b) => (a.key < b.key ? -1 : 1));
    removed.sort();
    const etag = injectEtag({ envId: rows[0]!.env_id, live, withheld: removed }, conditions);
    if (notModified(etag, conditions.ifNoneMatch)) return { values: {}, removed: [], etag, notModified: true };
    const keys = await sealer.prepare(caller.orgId, live);
    const opened = await keys.openAll(
      live.map((row) => ({ key: row.key, row })),
      { alone: injecting === 1 },
    );
    const values: Record<string, string> = {};
    live.forEach((row, i) => (values[row.key] = opened[i]!));
    return { values, removed, etag, notModified: false };
  }

  return {
    list(caller: Caller, scope: Scope, includeDeleted = false): Promise<SecretMeta[]> {
      return tenant(caller, async (trx) => (await store.listSecrets(trx, await environmentId(trx, scope), includeDeleted)).map(toMeta));
    },

    /** One round trip (see migration 004), then the KEK from the process cache and one decryption. */
    async get(caller: Caller, scope: Scope, key: string, options: { reveal: boolean; version?: number }): Promise<{ meta: SecretMeta; value?: string }> {
      const row = await store.versionOf(knex, caller.orgId, scope.project, scope.environment, key, options.version ?? 0);
      if (row.project_id === null) throw new CofferError('NOT_FOUND', `project '${scope.project}' not found`);
      if (row.env_id === null) throw new CofferError('NOT_FOUND', `environment '${scope.environment}' not found in project '${scope.project}'`);
      if (row.secret_id === null || row.deleted) throw new CofferError('NOT_FOUND', `secret '${key}' not found`);
      if (row.version === null) throw new CofferError('NOT_FOUND', `secret '${key}' has no version ${options.version}`);
      const meta: SecretMeta = {
        ...toMeta({ ...row, id: row.secret_id, org_id: caller.orgId, env_id: row.env_id, type: row.secret_type, description: row.secret_description }),
        version: row.version,
        type: row.type,
        description: row.description,
      };
      if (!options.reveal) return { meta };
      const stored: StoredBlobs = { ...row, secret_id: row.secret_id, version: row.version };
      return openAfter(caller, [stored], key, (open) => ({ meta, value: open(stored) }));
    },

    set(caller: Caller, scope: Scope, input: SetSecretInput): Promise<Written<SecretMeta>> {
      return withKeys(caller, async (trx, { write }) => {
        const envId = await environmentId(trx, scope);
        const existing = await store.findSecret(trx, envId, input.key, true);
        const type = typeOfWrite(caller, input.type, existing, input.value);
        const problem = typedValueProblem(type, input.value);
        if (problem) throw new CofferError('INVALID_ARGUMENT', `value: ${problem}`, { details: { field: 'value' } });
        const description = input.description ?? existing?.description ?? '';
        if (await changeRequests.needsApproval(trx, caller, envId)) {
          const baseVersion = liveVersion(existing);
          checkWrite(caller, baseVersion, input);
          const change: ProposedChange = { key: input.key, action: 'set', baseVersion, type, description, value: input.value };
          return requested(input.key, await changeRequests.open(trx, caller, write, envId, [change]));
        }
        return toMeta(await writeVersion(trx, caller, write, envId, existing, { ...input, type, description }));
      });
    },

    delete(caller: Caller, scope: Scope, key: string): Promise<Written<SecretMeta>> {
      return writing(caller, async (trx) => {
        const secret = await liveSecret(trx, scope, key, true);
        if (await changeRequests.needsApproval(trx, caller, secret.env_id)) {
          const change: ProposedChange = { key, action: 'delete', baseVersion: secret.current_version };
          return requested(key, await changeRequests.open(trx, caller, undefined, secret.env_id, [change]));
        }
        return toMeta(await store.updateSecret(trx, secret.id, { deleted: true, deleted_at: new Date(), updated_by: caller.actor }));
      });
    },

    restore(caller: Caller, scope: Scope, key: string): Promise<Written<SecretMeta>> {
      return writing(caller, async (trx) => {
        const secret = await existingSecret(trx, scope, key);
        if (!secret.deleted) return toMeta(secret);
        if (await changeRequests.needsApproval(trx, caller, secret.env_id)) {
          const change: ProposedChange = { key, action: 'restore', baseVersion: 0 };
          return requested(key, await changeRequests.open(trx, caller, undefined, secret.env_id, [change]));
        }
        return toMeta(await store.updateSecret(trx, secret.id, { deleted: false, deleted_at: null, updated_by: caller.actor }));
      });
    },

    /** On a protected environment, a change request (nothing destroyed until another member approves). */
    purge(caller: Caller, scope: Scope, key: string): Promise<{ key: string; versionsPurged: number; changeRequest?: ChangeRequestRef }> {
      return writing(caller, async (trx) => {
        const secret = await existingSecret(trx, scope, key);
        if (await changeRequests.needsApproval(trx, caller, secret.env_id)) {
          const change: ProposedChange = { key, action: 'purge', baseVersion: liveVersion(secret) };
          return { key, versionsPurged: 0, changeRequest: await changeRequests.open(trx, caller, undefined, secret.env_id, [change]) };
        }
        return { key, versionsPurged: await store.deleteSecret(trx, secret.id) };
      });
    },

    history(caller: Caller, scope: Scope, key: string): Promise<VersionMeta[]> {
      return tenant(caller, async (trx) => {
        const secret = await existingSecret(trx, scope, key);
        return (await store.listVersions(trx, secret.id)).map(toVersionMeta);
      });
    },

    async diff(caller: Caller, scope: Scope, key: string, range: { from: number; to: number; reveal: boolean }) {
      const { from, to } = await tenant(caller, async (trx) => {
        const secret = await existingSecret(trx, scope, key);
        return { from: await versionOf(trx, secret, range.from), to: await versionOf(trx, secret, range.to) };
      });
      return openAfter(caller, [from, to], key, (open) => {
        const fromValue = open(from);
        const toValue = open(to);
        return {
          key,
          from: toVersionMeta(from),
          to: toVersionMeta(to),
          valueChanged: !sameValue(fromValue, toValue),
          typeChanged: from.type !== to.type,
          descriptionChanged: from.description !== to.description,
          ...(range.reveal ? { fromValue, toValue } : {}),
        };
      });
    },

    /** A new version holding an old version's value, freshly encrypted under the current KEK. */
    rollback(caller: Caller, scope: Scope, key: string, target: { version: number; expectedVersion?: number }): Promise<Written<SecretMeta>> {
      return withKeys(
        caller,
        async (trx, { write, opened }) => {
          const envId = await environmentId(trx, scope);
          const secret = await store.findSecret(trx, envId, key, true);
          if (!secret || secret.deleted) throw new CofferError('NOT_FOUND', `secret '${key}' not found`);
          const old = await versionOf(trx, secret, target.version);
          const value = opened.open(key, old);
          // A version written before a rule existed (a NUL, say) is not written again.
          const problem = typedValueProblem(old.type as SecretType, value);
          if (problem) {
            throw new CofferError('FAILED_PRECONDITION', `version ${target.version} of secret '${key}' cannot be written again: its value ${problem}`, {
              details: { field: 'version' },
            });
          }
          if (await changeRequests.needsApproval(trx, caller, envId)) {
            checkWrite(caller, secret.current_version, { key, expectedVersion: target.expectedVersion });
            const change: ProposedChange = {
              key,
              action: 'set',
              baseVersion: secret.current_version,
              type: old.type as SecretType,
              description: old.description,
              value,
            };
            return requested(key, await changeRequests.open(trx, caller, write, envId, [change]));
          }
          const written = await writeVersion(trx, caller, write, envId, secret, {
            key,
            value,
            type: old.type as SecretType,
            description: old.description,
            expectedVersion: target.expectedVersion,
          });
          return toMeta(written);
        },
        async (trx) => {
          const secret = await store.findSecret(trx, await environmentId(trx, scope), key);
          const old = secret && (await store.findVersion(trx, secret.id, target.version));
          return old ? [old] : [];
        },
      );
    },

    /**
     * The latest value of every live key, in key order, with names that could hijack the child
     * process withheld, and the etag of that answer (secret-etag.ts). A caller that holds the current
     * etag is answered `notModified` before any KEK is resolved or any value opened.
     */
    async inject(caller: Caller, scope: Scope, conditions: InjectConditions = UNCONDITIONAL): Promise<InjectAnswer> {
      injecting++;
      try {
        return await injectNow(caller, scope, conditions);
      } finally {
        injecting--;
      }
    },

    /**
     * Writes a document of key/value pairs in one transaction: a new version of each key that is new
     * (or soft-deleted) or would change in value, type or description. Nothing is written on a dry
     * run, when any entry is invalid, or when the plan is not the `expectedPlan` the caller had
     * confirmed; the plan says what would be (or was) done. Telling unchanged from updated compares
     * values, which is why callers need reveal as well as write, unless `writeAll` writes every
     * valid entry as a new version, as a single set does, and compares nothing.
     */
    import(
      caller: Caller,
      scope: Scope,
      entries: readonly ImportEntry[],
      options: { dryRun: boolean; expectedPlan?: PlanKeys; writeAll?: boolean },
    ): Promise<Written<ImportPlan>> {
      return withKeys(
        caller,
        async (trx, { write, opened }) => {
          const envId = await environmentId(trx, scope);
          // Also what makes expectedPlan hold until commit: no other import runs in between, the
          // existing keys are locked below, and a key a single write creates meanwhile makes this
          // import's insert fail (ABORTED), so nothing is written against a stale plan.
          await store.lockEnvironmentForImport(trx, envId);
          const wanted = lastEntryOfEachKey(entries);
          // Only keys that can exist are looked up; one with a NUL in it could not even reach PostgreSQL.
          const locked = await store.lockSecrets(trx, envId, [...wanted.keys()].filter(isSecretKey));
          const existing = new Map(locked.map((secret) => [secret.key, secret]));
          const plan: ImportPlan = { created: [], updated: [], unchanged: [], errors: [], written: [] };
          const writes: { key: string; value: string; type: SecretType; description: string; secret: SecretRow | undefined }[] = [];
          for (const [key, entry] of wanted) {
            const secret = existing.get(key);
            // As a single set: a type or description not given keeps the secret's own.
            const type = typeOfWrite(caller, entry.type, secret, entry.value);
            const description = entry.description ?? secret?.description ?? '';
            const error = importError(key, entry.value, type, entry.position);
            const write = { key, value: entry.value, type, description, secret };
            if (error !== null) {
              plan.errors.push(error);
            } else if (!secret || secret.deleted) {
              plan.created.push(key);
              writes.push(write);
            } else if (
              !options.writeAll &&
              type === secret.type &&
              description === secret.description &&
              sameValue(opened.open(key, await versionOf(trx, secret, secret.current_version)), entry.value)
            ) {
              plan.unchanged.push(key);
            } else {
              plan.updated.push(key);
              writes.push(write);
            }
          }
          if (plan.errors.length > 0) return plan;
          if (options.expectedPlan) {
            const differences = planDifferences(options.expectedPlan, plan);
            if (differences.length > 0) {
              const shown = differences.slice(0, 3).join('; ') + (differences.length > 3 ? `; and ${differences.length - 3} more` : '');
              throw new CofferError(
                'ABORTED',
                `environment '${scope.environment}' changed since the plan was shown (${shown}); nothing was written: push again to see the new plan`,
                { details: { field: 'expectedPlan' } },
              );
            }
          }
          if (options.dryRun) return plan;
          if (writes.length > 0 && (await changeRequests.needsApproval(trx, caller, envId))) {
            const changes = writes.map(({ secret, ...input }): ProposedChange => {
              checkWrite(caller, liveVersion(secret), input);
              return { ...input, action: 'set', baseVersion: liveVersion(secret) };
            });
            return { ...plan, changeRequest: await changeRequests.open(trx, caller, write, envId, changes) };
          }
          for (const { secret, ...input } of writes) {
            const row = await writeVersion(trx, caller, write, envId, secret, input);
            plan.written.push({ key: row.key, version: row.current_version });
          }
          return plan;
        },
        options.writeAll ? undefined : (trx) => currentVersionsOf(trx, scope, [...new Set(entries.map((entry) => entry.key))].filter(isSecretKey)),
      );
    },

    /** The change requests of an environment, newest first; values only with `reveal`. */
    async listChangeRequests(caller: Caller, scope: Scope, options: { status?: ChangeRequestStatus; reveal: boolean }): Promise<ChangeRequestView[]> {
      const loaded = await tenant(caller, async (trx) => changeRequests.load(trx, await environmentId(trx, scope), { status: options.status }));
      const keys = options.reveal ? await sealer.prepare(caller.orgId, changeRequests.blobsOf(loaded, true)) : undefined;
      return loaded.found.map((request) => changeRequests.view(request, loaded, keys));
    },

    /** One change request of the environment: the diff, with the values (base and proposed) only with `reveal`. */
    async getChangeRequest(caller: Caller, scope: Scope, id: string, options: { reveal: boolean }): Promise<ChangeRequestView> {
      const loaded = await tenant(caller, async (trx) => changeRequests.load(trx, await environmentId(trx, scope), { id }));
      const keys = options.reveal ? await sealer.prepare(caller.orgId, changeRequests.blobsOf(loaded, true)) : undefined;
      return changeRequests.view(loaded.found[0]!, loaded, keys);
    },

    /**
     * Applies an open request at once, in one transaction, through the normal write path: new
     * versions (sealed afresh) and deletes, made in the requester's name. Refused to its requester,
     * and when any key moved from the base it was made against (the request stays open).
     */
    approveChangeRequest(caller: Caller, scope: Scope, id: string): Promise<ChangeRequestView> {
      return withKeys(
        caller,
        async (trx, { write, opened }) => {
          const envId = await environmentId(trx, scope);
          const request = await changeRequests.toDecide(trx, envId, id);
          if (request.requested_by === caller.actor) {
            throw new CofferError('PERMISSION_DENIED', `change request '${id}' cannot be approved by its requester: another member with approve must`);
          }
          const changes = await changeRequests.changesOf(trx, id);
          const secrets = new Map(
            (
              await store.lockSecrets(
                trx,
                envId,
                changes.map((change) => change.key),
              )
            ).map((secret) => [secret.key, secret]),
          );
          for (const change of changes) {
            const secret = secrets.get(change.key);
            // A restore or purge of a secret purged meanwhile has nothing left to act on.
            const moved = liveVersion(secret) !== change.base_version || ((change.action === 'restore' || change.action === 'purge') && !secret);
            if (moved) {
              throw new CofferError(
                'ABORTED',
                `secret '${change.key}' changed since change request '${id}' was opened (version ${liveVersion(secret)}, not ${change.base_version}); nothing was applied`,
                { details: { key: change.key } },
              );
            }
          }
          // The requester's write, as it would have been made: it held these permissions when it asked.
          const requester: Caller = {
            orgId: caller.orgId,
            actor: request.requested_by,
            reads: true,
            creates: true,
            updates: true,
            breakGlass: false,
            deadline: caller.deadline,
          };
          for (const change of changes) {
            const secret = secrets.get(change.key);
            if (change.action === 'set') {
              const value = opened.open(change.key, changeRequests.sealedBlobs(change)!);
              await writeVersion(trx, requester, write, envId, secret, {
                key: change.key,
                value,
                type: change.type as SecretType,
                description: change.description,
              });
            } else if (change.action === 'purge') {
              await store.deleteSecret(trx, secret!.id);
            } else {
              await store.updateSecret(trx, secret!.id, {
                deleted: change.action === 'delete',
                deleted_at: change.action === 'delete' ? new Date() : null,
                updated_by: requester.actor,
              });
            }
          }
          const decided = await changeRequests.decide(trx, id, { status: 'applied', decided_by: caller.actor });
          return changeRequests.view(decided, { changes, bases: new Map() }, undefined);
        },
        async (trx) => {
          const loaded = await changeRequests.load(trx, await environmentId(trx, scope), { id });
          return changeRequests.blobsOf(loaded, false);
        },
      );
    },

    /** Closes an open request without applying it: by a member with approve, or by its requester (a withdrawal). */
    rejectChangeRequest(caller: Caller, scope: Scope, id: string, decision: { reason: string; approves: boolean }): Promise<ChangeRequestView> {
      return writing(caller, async (trx) => {
        const envId = await environmentId(trx, scope);
        const request = await changeRequests.toDecide(trx, envId, id);
        if (!decision.approves && request.requested_by !== caller.actor) throw new CofferError('PERMISSION_DENIED', 'missing permission: approve');
        const decided = await changeRequests.decide(trx, id, { status: 'rejected', decided_by: caller.actor, reason: decision.reason });
        return changeRequests.view(decided, { changes: await changeRequests.changesOf(trx, id), bases: new Map() }, undefined);
      });
    },
  };
}

export type SecretService = ReturnType<typeof createSecretService>;
