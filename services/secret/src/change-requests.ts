import { randomUUID } from 'node:crypto';
import { CofferError, type SecretType } from '@coffer/contract';
import type { Knex } from '@coffer/db';
import type { Kek } from '@coffer/kms';
import type { ChangeAction, ChangeRequestRow, ChangeRequestStatus, ChangeRequestStore, ChangeRow } from './change-request-store.js';
import type { KeysInHand, SecretSealer, StoredBlobs } from './secret-sealer.js';
import type { SecretRow, SecretStore } from './secret-store.js';

/** What a write to a protected environment answers instead of what it wrote. */
export interface ChangeRequestRef {
  id: string;
  status: ChangeRequestStatus;
}

/** One change a write proposes: a set carries the value, type and description it would write. */
export type ProposedChange =
  | { key: string; action: 'set'; baseVersion: number; type: SecretType; description: string; value: string }
  | { key: string; action: 'delete' | 'restore' | 'purge'; baseVersion: number };

export interface ChangeView {
  key: string;
  action: ChangeAction;
  baseVersion: number;
  baseType: string;
  type: string;
  description: string;
  baseValue?: string;
  value?: string;
}

export interface ChangeRequestView {
  id: string;
  status: ChangeRequestStatus;
  requestedBy: string;
  createdAt: string;
  decidedBy: string;
  decidedAt: string;
  reason: string;
  changes: ChangeView[];
  valuesShown: boolean;
}

/** The caller as the change requests see it: its organisation and actor id (`user:<id>`, `token:<id>`). */
interface Actor {
  orgId: string;
  actor: string;
}

/** The live version of a secret: 0 when it does not exist or is deleted, as a base is recorded. */
export const liveVersion = (secret: SecretRow | undefined): number => (secret && !secret.deleted ? secret.current_version : 0);

/** A proposed value as the sealer opens it: bound to the request (as a secret id) and the change's position (as a version). */
function sealedBlobs(change: ChangeRow): StoredBlobs | undefined {
  if (change.ciphertext === null || change.wrapped_dek === null || change.kms_key_id === null || change.kms_key_version === null) return undefined;
  return {
    secret_id: change.request_id,
    version: change.position,
    ciphertext: change.ciphertext,
    wrapped_dek: change.wrapped_dek,
    kms_key_id: change.kms_key_id,
    kms_key_version: change.kms_key_version,
  };
}

export const notFoundRequest = (id: string) => new CofferError('NOT_FOUND', `change request '${id}' not found`);

/**
 * Change requests: a write to a protected environment is kept, sealed, until another member with
 * `approve` applies it (or it is rejected). Opening one happens inside the write's own transaction,
 * which read the base; applying goes through the service's normal write path (secret-service.ts).
 */
export function createChangeRequests({ requests, store, sealer }: { requests: ChangeRequestStore; store: SecretStore; sealer: SecretSealer }) {
  return {
    /**
     * Whether a change by `caller` must wait for approval: on a protected environment, unless the
     * caller acts there under a break-glass access (applied at once, and marked in the audit trail).
     */
    needsApproval: async (trx: Knex.Transaction, caller: { breakGlass: boolean }, envId: string) =>
      !caller.breakGlass && (await requests.isProtected(trx, envId)),

    /** Stores the request in the write's transaction; each proposed value sealed with a fresh DEK under `kek`. */
    async open(trx: Knex.Transaction, caller: Actor, kek: Kek | undefined, envId: string, changes: readonly ProposedChange[]): Promise<ChangeRequestRef> {
      const id = randomUUID();
      const rows: ChangeRow[] = [];
      for (const [index, change] of changes.entries()) {
        const position = index + 1;
        const row: ChangeRow = {
          org_id: caller.orgId,
          request_id: id,
          position,
          key: change.key,
          action: change.action,
          base_version: change.baseVersion,
          type: '',
          description: '',
          ciphertext: null,
          wrapped_dek: null,
          kms_key_id: null,
          kms_key_version: null,
        };
        if (change.action === 'set') {
          if (!kek) throw new Error('a proposed value needs the write KEK');
          const sealed = sealer.seal(kek, { plaintext: change.value, orgId: caller.orgId, secretId: id, version: position });
          Object.assign(row, {
            type: change.type,
            description: change.description,
            ciphertext: sealed.ciphertext,
            wrapped_dek: sealed.wrappedDek,
            kms_key_id: sealed.kekId,
            kms_key_version: sealed.kekVersion,
          });
          await sealer.recordSeal(trx, caller.orgId, kek);
        }
        rows.push(row);
      }
      const request = await requests.insertRequest(trx, { id, org_id: caller.orgId, env_id: envId, requested_by: caller.actor }, rows);
      return { id: request.id, status: request.status };
    },

    /** The requests of an environment with their changes, and the stored base versions a reveal opens. */
    async load(trx: Knex.Transaction, envId: string, filter: { id: string } | { status?: ChangeRequestStatus }) {
      let found: ChangeRequestRow[];
      if ('id' in filter) {
        const one = await requests.findRequest(trx, envId, filter.id);
        if (!one) throw notFoundRequest(filter.id);
        found = [one];
      } else {
        found = await requests.listRequests(trx, envId, filter.status);
      }
      const changes = await requests.changesOf(
        trx,
        found.map((request) => request.id),
      );
      const bases = new Map<string, { type: string; blobs: StoredBlobs }>();
      for (const change of changes) {
        if (change.base_version === 0) continue;
        const secret = await store.findSecret(trx, envId, change.key);
        // A base purged since is shown without its type or value.
        const version = secret && (await store.findVersion(trx, secret.id, change.base_version));
        if (version) bases.set(`${change.request_id}:${change.position}`, { type: version.type, blobs: version });
      }
      return { found, changes, bases };
    },

    /** The blobs whose KEKs must be resolved before values are opened: proposed values and, for a reveal, the bases. */
    blobsOf(loaded: { changes: ChangeRow[]; bases: Map<string, { blobs: StoredBlobs }> }, withBases: boolean): StoredBlobs[] {
      const proposed = loaded.changes.map(sealedBlobs).filter((blobs): blobs is StoredBlobs => blobs !== undefined);
      return withBases ? [...proposed, ...[...loaded.bases.values()].map((base) => base.blobs)] : proposed;
    },

    /** A request as a caller is shown it: values (old and new) only when `keys` is given, i.e. to a caller with reveal. */
    view(
      request: ChangeRequestRow,
      loaded: { changes: ChangeRow[]; bases: Map<string, { type: string; blobs: StoredBlobs }> },
      keys: KeysInHand | undefined,
    ): ChangeRequestView {
      const changes = loaded.changes
        .filter((change) => change.request_id === request.id)
        .map((change): ChangeView => {
          const base = loaded.bases.get(`${change.request_id}:${change.position}`);
          const proposed = sealedBlobs(change);
          return {
            key: change.key,
            action: change.action,
            baseVersion: change.base_version,
            baseType: base?.type ?? '',
            type: change.type,
            description: change.description,
            ...(keys && base ? { baseValue: keys.open(change.key, base.blobs) } : {}),
            ...(keys && proposed ? { value: keys.open(change.key, proposed) } : {}),
          };
        });
      return {
        id: request.id,
        status: request.status,
        requestedBy: request.requested_by,
        createdAt: new Date(request.created_at).toISOString(),
        decidedBy: request.decided_by ?? '',
        decidedAt: request.decided_at ? new Date(request.decided_at).toISOString() : '',
        reason: request.reason,
        changes,
        valuesShown: keys !== undefined,
      };
    },

    /** The request to decide, locked: open, and in this environment. */
    async toDecide(trx: Knex.Transaction, envId: string, id: string): Promise<ChangeRequestRow> {
      const request = await requests.findRequest(trx, envId, id, true);
      if (!request) throw notFoundRequest(id);
      if (request.status !== 'open') throw new CofferError('ABORTED', `change request '${id}' was already ${request.status}`);
      return request;
    },

    changesOf: (trx: Knex.Transaction, id: string) => requests.changesOf(trx, [id]),
    sealedBlobs,
    decide: requests.decide,
  };
}

export type ChangeRequests = ReturnType<typeof createChangeRequests>;
