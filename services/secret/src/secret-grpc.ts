import { z } from 'zod';
import {
  MAX_IMPORT_ENTRIES,
  descriptionSchema,
  isAuthorized,
  parseInput,
  secretKeySchema,
  secretTypeSchema,
  slugSchema,
  type Permission,
  type Resource,
} from '@coffer/contract';
import {
  principalWith,
  requirePrincipal,
  type AccessTable,
  type AsyncHandlers,
  type CallContext,
  type Principal,
  type SecretServiceHandlers,
} from '@coffer/grpc';
import type { Caller, Scope, SecretService, SecretMeta, VersionMeta } from './secret-service.js';

const scopeSchema = z.object({ project: slugSchema, environment: slugSchema });
const version = z.number().int().min(1);

/** Every Secret RPC acts on one environment, named by the request's scope. */
function environmentOf(request: { scope?: { project: string; environment: string } | null }, principal: Principal): Resource {
  return { orgId: principal.orgId, project: request.scope?.project ?? '', environment: request.scope?.environment ?? '' };
}

const onEnvironment = <Request extends { scope?: { project: string; environment: string } | null }>(
  permissions: readonly Permission[] | ((request: Request) => readonly Permission[]),
) => principalWith<Request>(permissions, environmentOf);

/**
 * Who may call what. Seeing that a secret exists is `read`; a value is `reveal`; every value of an
 * environment at once is `export`. Whether two values differ says something about them, so a diff
 * needs reveal even without values; a rollback re-encrypts an old value, so it needs reveal too.
 * Comparing with stored values reveals them (unchanged or not); writing them all does not, so an
 * import needs reveal unless it writes every entry (`writeAll`). A plan that writes nothing (a dry
 * run) tells which keys exist: that is `read`.
 */
export const secretAccess: AccessTable<SecretServiceHandlers> = {
  ListSecrets: onEnvironment(['secrets:read']),
  GetSecret: onEnvironment((request) => (request.reveal ? ['secrets:read', 'secrets:reveal'] : ['secrets:read'])),
  SetSecret: onEnvironment(['secrets:write']),
  DeleteSecret: onEnvironment(['secrets:delete']),
  RestoreSecret: onEnvironment(['secrets:write']),
  PurgeSecret: onEnvironment(['secrets:purge']),
  GetHistory: onEnvironment(['secrets:read']),
  DiffVersions: onEnvironment(['secrets:read', 'secrets:reveal']),
  Rollback: onEnvironment(['secrets:write', 'secrets:reveal']),
  Inject: onEnvironment(['secrets:reveal', 'secrets:export']),
  ImportSecrets: onEnvironment((request) =>
    request.writeAll ? ['secrets:write', ...(request.dryRun ? (['secrets:read'] as const) : [])] : ['secrets:write', 'secrets:reveal'],
  ),
};

function callerOf(ctx: CallContext): Caller {
  const principal = requirePrincipal(ctx);
  return { orgId: principal.orgId, actor: `${principal.actorType}:${principal.tokenId}` };
}

function scopeOf(request: { scope?: { project: string; environment: string } | null }): Scope {
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

const metaMessage = (meta: SecretMeta) => ({ ...meta });
const versionMessage = (meta: VersionMeta) => ({ ...meta });

/** gRPC edge of the Secret service: validate, call the domain, shape the reply. Access is decided by secretAccess. */
export function secretHandlers(service: SecretService): AsyncHandlers<SecretServiceHandlers> {
  return {
    async ListSecrets(request, ctx) {
      const secrets = await service.list(callerOf(ctx), scopeOf(request), request.includeDeleted);
      return { secrets: secrets.map(metaMessage) };
    },

    async GetSecret(request, ctx) {
      const found = await service.get(callerOf(ctx), scopeOf(request), key(request.key), {
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
      const meta = await service.set(callerOf(ctx), scopeOf(request), input);
      return { meta: metaMessage(meta) };
    },

    async DeleteSecret(request, ctx) {
      return { meta: metaMessage(await service.delete(callerOf(ctx), scopeOf(request), key(request.key))) };
    },

    async RestoreSecret(request, ctx) {
      return { meta: metaMessage(await service.restore(callerOf(ctx), scopeOf(request), key(request.key))) };
    },

    async PurgeSecret(request, ctx) {
      return service.purge(callerOf(ctx), scopeOf(request), key(request.key));
    },

    async GetHistory(request, ctx) {
      const versions = await service.history(callerOf(ctx), scopeOf(request), key(request.key));
      return { key: request.key, versions: versions.map(versionMessage) };
    },

    async DiffVersions(request, ctx) {
      const diff = await service.diff(callerOf(ctx), scopeOf(request), key(request.key), {
        from: parseInput(version, request.from),
        to: parseInput(version, request.to),
        reveal: request.reveal,
      });
      return { ...diff, from: versionMessage(diff.from), to: versionMessage(diff.to) };
    },

    async Rollback(request, ctx) {
      const meta = await service.rollback(callerOf(ctx), scopeOf(request), key(request.key), {
        version: parseInput(version, request.version),
        expectedVersion: request.expectedVersion ?? undefined,
      });
      return { meta: metaMessage(meta) };
    },

    async Inject(request, ctx) {
      return service.inject(callerOf(ctx), scopeOf(request));
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
      const plan = await service.import(callerOf(ctx), scopeOf(request), entries, {
        dryRun: request.dryRun,
        writeAll: request.writeAll,
        ...(expectedPlan ? { expectedPlan } : {}),
      });
      // A refused plan would tell a caller without read which keys exist.
      const hidden = plan.errors.length > 0 && !isAuthorized(requirePrincipal(ctx), ['secrets:read'], environmentOf(request, requirePrincipal(ctx)));
      return hidden ? { ...plan, created: [], updated: [], unchanged: [] } : plan;
    },
  };
}
