import { z } from 'zod';
import {
  COMPARABLE_ENTITY_TAG,
  MAX_IF_NONE_MATCH,
  MAX_IMPORT_ENTRIES,
  ENVIRONMENT_PERMISSION_NAMES,
  descriptionSchema,
  authorizedOf,
  breakGlassOn,
  isAuthorized,
  parseInput,
  secretKeySchema,
  secretTypeSchema,
  slugSchema,
  type Permission,
  type Resource,
} from '@coffer/contract';
import {
  actorIdOf,
  principalWith,
  principalWithAnyOf,
  requirePrincipal,
  type AccessTable,
  type ExtraPermissions,
  type AsyncHandlers,
  type CallContext,
  type Principal,
  type SecretServiceHandlers,
  type SetSecretRequest__Output,
} from '@coffer/grpc';
import { IdempotentReplay, type Caller, type Scope, type SecretService, type SecretMeta, type VersionMeta, type Written } from './secret-service.js';

const scopeSchema = z.object({ project: slugSchema, environment: slugSchema });
const version = z.number().int().min(1);

type ScopedRequest = { scope?: { project: string; environment: string } | null };

/** Every Secret RPC acts on one environment, named by the request's scope. */
function environmentOf(request: ScopedRequest, principal: Principal): Resource {
  return { orgId: principal.orgId, project: request.scope?.project ?? '', environment: request.scope?.environment ?? '' };
}

const onEnvironment = <Request extends ScopedRequest>(permissions: readonly Permission[], extras: readonly ExtraPermissions<Request>[] = []) =>
  principalWith<Request>(permissions, environmentOf, extras);

/**
 * Who may call what. Seeing that a secret exists, and anything about it, is `read`; a value is
 * `reveal`; every value of an environment at once is `export`. Acting on a stored secret by name
 * (history, diff, delete, restore, purge, rollback) needs `read`, as seeing it does. A new key needs
 * `create`, a new version of a stored one `update`. The one blind operation is a write (SetSecret,
 * or an import with `writeAll`): a caller without `read` needs both, since which one applies would
 * tell whether the key exists, and is answered without anything about what was stored (see
 * `blindMeta`); a check-and-set compares with the stored version, so `expectedVersion` needs
 * `read`. Whether two values differ says something about them: a diff needs reveal even without
 * values, and so does an import that compares with stored values (without `writeAll`); a rollback
 * re-encrypts an old value.
 */
export const secretAccess: AccessTable<SecretServiceHandlers> = {
  ListSecrets: onEnvironment(['read']),
  GetSecret: onEnvironment(['read'], [{ when: 'with `reveal=true`', applies: (request) => request.reveal, needs: ['reveal'] }]),
  SetSecret: principalWithAnyOf<SetSecretRequest__Output>(['create', 'update'], environmentOf, [
    { when: 'with `expectedVersion`', applies: (request) => request.expectedVersion != null, needs: ['read'] },
    {
      when: 'without `read`',
      applies: (request, principal) => !isAuthorized(principal, ['read'], environmentOf(request, principal)),
      needs: ['create', 'update'],
    },
  ]),
  DeleteSecret: onEnvironment(['read', 'delete']),
  RestoreSecret: onEnvironment(['read', 'update']),
  PurgeSecret: onEnvironment(['read', 'purge']),
  GetHistory: onEnvironment(['read']),
  DiffVersions: onEnvironment(['read', 'reveal']),
  Rollback: onEnvironment(['read', 'update', 'reveal']),
  Inject: onEnvironment(['reveal', 'export']),
  ImportSecrets: onEnvironment(
    ['create', 'update'],
    [
      { when: 'without `writeAll`', applies: (request) => !request.writeAll, needs: ['read', 'reveal'] },
      { when: 'with `writeAll` and `dryRun`', applies: (request) => request.writeAll && request.dryRun, needs: ['read'] },
    ],
  ),
  // A change request is shown to whoever may read the environment, its values only with reveal.
  ListChangeRequests: onEnvironment(['read']),
  GetChangeRequest: onEnvironment(['read']),
  ApproveChangeRequest: onEnvironment(['read', 'approve']),
  // Also `approve`, unless the caller is the requester withdrawing its own: only the stored request
  // tells, so the service asks (`approves` below).
  RejectChangeRequest: onEnvironment(['read']),
};

/** The caller of a request on an environment, and whether it may see what that environment holds. */
function callerOf(ctx: CallContext, request: ScopedRequest): Caller {
  const principal = requirePrincipal(ctx);
  const resource = environmentOf(request, principal);
  const holds = authorizedOf(principal, ['read', 'create', 'update'], resource);
  return {
    orgId: principal.orgId,
    actor: `${principal.actorType}:${actorIdOf(principal)}`,
    reads: holds.includes('read'),
    creates: holds.includes('create'),
    updates: holds.includes('update'),
    breakGlass: breakGlassOn(principal, resource) !== undefined,
    deadline: ctx.deadline,
  };
}

/**
 * What a blind write (by a caller without read) is answered: the key it wrote and nothing
 * about what was stored before: no version (which counts earlier writes), type, description or
 * dates, and no created/updated split, which would tell whether the key existed.
 */
const blindMeta = (key: string) => ({ key });

function scopeOf(request: ScopedRequest): Scope {
  return parseInput(scopeSchema, request.scope ?? {});
}

const key = (value: string) => parseInput(secretKeySchema, value);

// Keys and values are checked one by one in the service, so that every bad entry is reported by key.
// A type or description is checked here, as SetSecret checks them.
const planKeys = z.array(secretKeySchema).max(MAX_IMPORT_ENTRIES, `at most ${MAX_IMPORT_ENTRIES} keys`);
const importSchema = z.object({
  entries: z
    .array(z.object({ key: z.string(), value: z.string(), type: secretTypeSchema.optional(), description: descriptionSchema.optional() }))
    .max(MAX_IMPORT_ENTRIES, `at most ${MAX_IMPORT_ENTRIES} keys in one import`),
  expectedPlan: z.object({ created: planKeys, updated: planKeys, unchanged: planKeys }).optional(),
});

const setSchema = z.object({
  key: secretKeySchema,
  value: z.string(),
  type: secretTypeSchema.optional(),
  description: descriptionSchema.optional(),
  expectedVersion: z.number().int().min(0).optional(),
});

/**
 * What an inject caller holds (entity-tags as the gateway parsed them from If-None-Match, or `*`)
 * and what it makes of the answer. Bounded: a caller that holds more tags is answered in full.
 */
const injectSchema = z.object({
  ifNoneMatch: z
    .array(z.union([z.literal('*'), z.string().regex(COMPARABLE_ENTITY_TAG, 'an entity-tag')]))
    .max(MAX_IF_NONE_MATCH, `at most ${MAX_IF_NONE_MATCH} entity-tags`),
  representation: z.string().regex(/^[a-z0-9:._-]{0,64}$/, 'lowercase letters, digits and : . _ -'),
});

/**
 * The secrets permissions the caller holds on the environment: what it may be shown, so part of an
 * inject etag. Two callers that may see different things never share a tag.
 */
function viewOf(ctx: CallContext, request: ScopedRequest): Permission[] {
  const principal = requirePrincipal(ctx);
  const resource = environmentOf(request, principal);
  // Every environment permission is part of what shapes the answer about an environment's secrets.
  return authorizedOf(principal, ENVIRONMENT_PERMISSION_NAMES, resource);
}

/**
 * Runs a write and shapes its reply; under the call's Idempotency-Key, if it has one, the reply is
 * kept with the write, and a call that repeats a committed one is answered that reply again, marked
 * as a replay (a trailer the gateway turns into `Idempotent-Replayed`).
 */
async function answerOnce<Result, Reply>(
  ctx: CallContext,
  caller: Caller,
  write: (caller: Caller) => Promise<Result>,
  reply: (result: Result) => Reply,
): Promise<Reply> {
  if (!ctx.idempotency) return reply(await write(caller));
  const { key, fingerprint } = ctx.idempotency;
  const idempotency = { tokenId: requirePrincipal(ctx).tokenId, key, fingerprint, reply: (result: unknown) => reply(result as Result) };
  try {
    return reply(await write({ ...caller, idempotency }));
  } catch (err) {
    if (!(err instanceof IdempotentReplay)) throw err;
    ctx.replayed = true;
    return err.reply as Reply;
  }
}

const metaMessage = ({ changeRequest: _, ...meta }: Written<SecretMeta>) => meta;
/** A write's reply; one that opened a change request instead names the key alone, and the request. */
const metaReply = (meta: Written<SecretMeta>) =>
  meta.changeRequest ? { meta: blindMeta(meta.key), changeRequest: meta.changeRequest } : { meta: metaMessage(meta) };

const statusSchema = z.enum(['open', 'applied', 'rejected']).optional();
const requestId = (value: string) => parseInput(z.object({ id: z.uuid('must be a change request id') }), { id: value }).id;
const reasonSchema = z.object({ reason: descriptionSchema });

/** Whether the caller holds `permission` on the request's environment: shapes what it is shown. */
function holds(ctx: CallContext, request: ScopedRequest, permission: Permission): boolean {
  const principal = requirePrincipal(ctx);
  return isAuthorized(principal, [permission], environmentOf(request, principal));
}

const versionMessage = (meta: VersionMeta) => ({ ...meta });

/** gRPC edge of the Secret service: validate, call the domain, shape the reply. Access is decided by secretAccess. */
export function secretHandlers(service: SecretService): AsyncHandlers<SecretServiceHandlers> {
  return {
    async ListSecrets(request, ctx) {
      const secrets = await service.list(callerOf(ctx, request), scopeOf(request), request.includeDeleted);
      return { secrets: secrets.map(metaMessage) };
    },

    async GetSecret(request, ctx) {
      const found = await service.get(callerOf(ctx, request), scopeOf(request), key(request.key), {
        reveal: request.reveal,
        version: request.version ? parseInput(version, request.version) : undefined,
      });
      return { meta: metaMessage(found.meta), ...(found.value !== undefined ? { value: found.value } : {}) };
    },

    async SetSecret(request, ctx) {
      const input = parseInput(setSchema, {
        ...request,
        type: request.type || undefined,
        description: request.description ?? undefined,
        expectedVersion: request.expectedVersion ?? undefined,
      });
      const caller = callerOf(ctx, request);
      return answerOnce(
        ctx,
        caller,
        (caller) => service.set(caller, scopeOf(request), input),
        (meta) => (meta.changeRequest ? metaReply(meta) : { meta: caller.reads ? metaMessage(meta) : blindMeta(meta.key) }),
      );
    },

    async DeleteSecret(request, ctx) {
      const [scope, name] = [scopeOf(request), key(request.key)];
      return answerOnce(ctx, callerOf(ctx, request), (caller) => service.delete(caller, scope, name), metaReply);
    },

    async RestoreSecret(request, ctx) {
      const [scope, name] = [scopeOf(request), key(request.key)];
      return answerOnce(ctx, callerOf(ctx, request), (caller) => service.restore(caller, scope, name), metaReply);
    },

    async PurgeSecret(request, ctx) {
      const [scope, name] = [scopeOf(request), key(request.key)];
      return answerOnce(
        ctx,
        callerOf(ctx, request),
        (caller) => service.purge(caller, scope, name),
        (purged) => purged,
      );
    },

    async GetHistory(request, ctx) {
      const versions = await service.history(callerOf(ctx, request), scopeOf(request), key(request.key));
      return { key: request.key, versions: versions.map(versionMessage) };
    },

    async DiffVersions(request, ctx) {
      const diff = await service.diff(callerOf(ctx, request), scopeOf(request), key(request.key), {
        from: parseInput(version, request.from),
        to: parseInput(version, request.to),
        reveal: request.reveal,
      });
      return { ...diff, from: versionMessage(diff.from), to: versionMessage(diff.to) };
    },

    async Rollback(request, ctx) {
      const [scope, name] = [scopeOf(request), key(request.key)];
      const target = { version: parseInput(version, request.version), expectedVersion: request.expectedVersion ?? undefined };
      return answerOnce(ctx, callerOf(ctx, request), (caller) => service.rollback(caller, scope, name, target), metaReply);
    },

    async Inject(request, ctx) {
      const conditions = parseInput(injectSchema, { ifNoneMatch: request.ifNoneMatch, representation: request.representation });
      return service.inject(callerOf(ctx, request), scopeOf(request), { ...conditions, view: viewOf(ctx, request) });
    },

    async ImportSecrets(request, ctx) {
      const { entries, expectedPlan } = parseInput(importSchema, {
        entries: request.entries.map((entry) => ({
          key: entry.key,
          value: entry.value,
          type: entry.type || undefined,
          description: entry.description ?? undefined,
        })),
        expectedPlan: request.expectedPlan ?? undefined,
      });
      const caller = callerOf(ctx, request);
      const options = { dryRun: request.dryRun, writeAll: request.writeAll, ...(expectedPlan ? { expectedPlan } : {}) };
      return answerOnce(
        ctx,
        caller,
        (caller) => service.import(caller, scopeOf(request), entries, options),
        (plan) =>
          caller.reads
            ? plan
            : // Which keys existed, and how often they were written, is read knowledge (see blindMeta).
              { ...plan, created: [], updated: [], unchanged: [], written: plan.written.map(({ key }) => ({ key, version: 0 })) },
      );
    },

    async ListChangeRequests(request, ctx) {
      const status = parseInput(z.object({ status: statusSchema }), { status: request.status || undefined }).status;
      const changeRequests = await service.listChangeRequests(callerOf(ctx, request), scopeOf(request), {
        ...(status ? { status } : {}),
        reveal: holds(ctx, request, 'reveal'),
      });
      return { changeRequests };
    },

    async GetChangeRequest(request, ctx) {
      return service.getChangeRequest(callerOf(ctx, request), scopeOf(request), requestId(request.id), { reveal: holds(ctx, request, 'reveal') });
    },

    async ApproveChangeRequest(request, ctx) {
      const [scope, id] = [scopeOf(request), requestId(request.id)];
      return answerOnce(
        ctx,
        callerOf(ctx, request),
        (caller) => service.approveChangeRequest(caller, scope, id),
        (view) => view,
      );
    },

    async RejectChangeRequest(request, ctx) {
      const [scope, id] = [scopeOf(request), requestId(request.id)];
      const { reason } = parseInput(reasonSchema, { reason: request.reason });
      const approves = holds(ctx, request, 'approve');
      return answerOnce(
        ctx,
        callerOf(ctx, request),
        (caller) => service.rejectChangeRequest(caller, scope, id, { reason, approves }),
        (view) => view,
      );
    },
  };
}
