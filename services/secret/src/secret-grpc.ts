import { hasPermission, requirePermissions, requirePrincipal, SLUG_PATTERN, validRequest, type AsyncHandlers, type CallContext, type Permission, type SecretServiceHandlers } from '@coffer/grpc';
import { z } from 'zod';
import { MAX_IMPORT_ENTRIES } from './secret-import.js';
import type { Caller, Scope, SecretService, SecretMeta, VersionMeta } from './secret-service.js';
import { secretKeySchema, secretTypeSchema } from './secret-values.js';

const slug = z.string().regex(SLUG_PATTERN, 'must be a slug');
const scopeSchema = z.object({ project: slug, environment: slug });
const version = z.number().int().min(1);

/** The caller, with the permissions this call needs checked here, where the secrets are. */
function caller(ctx: CallContext, ...needed: Permission[]): Caller {
  const principal = requirePrincipal(ctx);
  requirePermissions(principal.permissions, ...needed);
  return { orgId: principal.orgId, actor: `${principal.actorType}:${principal.tokenId}` };
}

function scopeOf(request: { scope?: { project: string; environment: string } | null }): Scope {
  return validRequest(scopeSchema, request.scope ?? {});
}

const key = (value: string) => validRequest(secretKeySchema, value);

// Keys and values are checked one by one in the service, so that every bad entry is reported by key.
// A type or description is checked here, as SetSecret checks them.
const planKeys = z.array(secretKeySchema).max(MAX_IMPORT_ENTRIES, `at most ${MAX_IMPORT_ENTRIES} keys`);
const importSchema = z.object({
  entries: z
    .array(z.object({ key: z.string(), value: z.string(), type: secretTypeSchema.optional(), description: z.string().max(1000).optional() }))
    .max(MAX_IMPORT_ENTRIES, `at most ${MAX_IMPORT_ENTRIES} keys in one import`),
  expectedPlan: z.object({ created: planKeys, updated: planKeys, unchanged: planKeys }).optional(),
});

const metaMessage = (meta: SecretMeta) => ({ ...meta });
const versionMessage = (meta: VersionMeta) => ({ ...meta });

/** gRPC edge of the Secret service: validate, check permissions, call the domain, shape the reply. */
export function secretHandlers(service: SecretService): AsyncHandlers<SecretServiceHandlers> {
  return {
    async ListSecrets(request, ctx) {
      const secrets = await service.list(caller(ctx, 'secrets:read'), scopeOf(request), request.includeDeleted);
      return { secrets: secrets.map(metaMessage) };
    },

    async GetSecret(request, ctx) {
      const needed: Permission[] = request.reveal ? ['secrets:read', 'secrets:reveal'] : ['secrets:read'];
      const found = await service.get(caller(ctx, ...needed), scopeOf(request), key(request.key), {
        reveal: request.reveal,
        version: request.version ? validRequest(version, request.version) : undefined,
      });
      return { meta: metaMessage(found.meta), ...(found.value !== undefined ? { value: found.value } : {}) };
    },

    async SetSecret(request, ctx) {
      const input = validRequest(
        z.object({
          key: secretKeySchema,
          value: z.string(),
          type: secretTypeSchema.optional(),
          description: z.string().max(1000).optional(),
          expectedVersion: z.number().int().min(0).optional(),
        }),
        { ...request, type: request.type || undefined, description: request.description ?? undefined, expectedVersion: request.expectedVersion ?? undefined },
      );
      const meta = await service.set(caller(ctx, 'secrets:write'), scopeOf(request), input);
      return { meta: metaMessage(meta) };
    },

    async DeleteSecret(request, ctx) {
      return { meta: metaMessage(await service.delete(caller(ctx, 'secrets:delete'), scopeOf(request), key(request.key))) };
    },

    async RestoreSecret(request, ctx) {
      return { meta: metaMessage(await service.restore(caller(ctx, 'secrets:write'), scopeOf(request), key(request.key))) };
    },

    async PurgeSecret(request, ctx) {
      return service.purge(caller(ctx, 'secrets:purge'), scopeOf(request), key(request.key));
    },

    async GetHistory(request, ctx) {
      const versions = await service.history(caller(ctx, 'secrets:read'), scopeOf(request), key(request.key));
      return { key: request.key, versions: versions.map(versionMessage) };
    },

    async DiffVersions(request, ctx) {
      // Whether two values differ says something about them, so a diff needs reveal even without values.
      const diff = await service.diff(caller(ctx, 'secrets:read', 'secrets:reveal'), scopeOf(request), key(request.key), {
        from: validRequest(version, request.from),
        to: validRequest(version, request.to),
        reveal: request.reveal,
      });
      return { ...diff, from: versionMessage(diff.from), to: versionMessage(diff.to) };
    },

    async Rollback(request, ctx) {
      const meta = await service.rollback(caller(ctx, 'secrets:write', 'secrets:reveal'), scopeOf(request), key(request.key), {
        version: validRequest(version, request.version),
        expectedVersion: request.expectedVersion ?? undefined,
      });
      return { meta: metaMessage(meta) };
    },

    async Inject(request, ctx) {
      return service.inject(caller(ctx, 'secrets:reveal', 'secrets:export'), scopeOf(request));
    },

    async ImportSecrets(request, ctx) {
      // Comparing with stored values reveals them (unchanged or not); writing them all does not. A
      // plan that writes nothing (a dry run, a refusal) still tells which keys exist: that is
      // secrets:read, which a write-only caller has to show for a dry run and is not told otherwise.
      const granted = requirePrincipal(ctx).permissions;
      const who = request.writeAll
        ? caller(ctx, 'secrets:write', ...(request.dryRun ? (['secrets:read'] as const) : []))
        : caller(ctx, 'secrets:write', 'secrets:reveal');
      const { entries, expectedPlan } = validRequest(importSchema, {
        entries: request.entries.map((entry) => ({
          key: entry.key,
          value: entry.value,
          type: entry.type || undefined,
          description: entry.description ?? undefined,
        })),
        expectedPlan: request.expectedPlan ?? undefined,
      });
      const plan = await service.import(who, scopeOf(request), entries, { dryRun: request.dryRun, writeAll: request.writeAll, ...(expectedPlan ? { expectedPlan } : {}) });
      const hidden = plan.errors.length > 0 && !hasPermission(granted, 'secrets:read');
      return hidden ? { ...plan, created: [], updated: [], unchanged: [] } : plan;
    },
  };
}
