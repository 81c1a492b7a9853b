import { FORMATS } from '@coffer/formats';
import { SLUG_PATTERN } from '@coffer/grpc';
import { z } from 'zod';

/** Request shapes. Objects are strict: an unknown field is a 400 naming it, not silently dropped. */
export const slug = z.string().regex(SLUG_PATTERN, 'must be 1-63 lowercase letters, digits or dashes, not starting or ending with a dash');
// PostgreSQL text cannot hold U+0000: refuse it here as the client's mistake, not as a 500 from the database.
const NO_NUL = 'must not contain the NUL character (U+0000)';
const noNul = (value: string) => !value.includes('\u0000');
// A lone UTF-16 surrogate cannot be encoded: it would come back as U+FFFD, not as what was written.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const WELL_FORMED = 'must be well-formed Unicode (no lone surrogates)';
const wellFormed = (value: string) => !LONE_SURROGATE.test(value);
const name = z.string().trim().min(1).max(200).refine(noNul, NO_NUL).refine(wellFormed, WELL_FORMED);

// `__proto__` fits the shape but cannot be a key of a JavaScript object, so it would vanish from inject.
export const SECRET_KEY = /^(?!__proto__$)[A-Za-z_][A-Za-z0-9_]{0,254}$/;
export const secretKey = z
  .string()
  .regex(SECRET_KEY, 'must start with a letter or underscore and hold only letters, digits and underscores (at most 255), and not be __proto__');
export const SECRET_TYPES = ['text', 'json', 'yaml', 'boolean', 'integer', 'password'] as const;
const version = z.coerce.number().int().min(1).max(2_147_483_647);

export const scopeParams = z.object({ org: slug, project: slug, env: slug });
export const secretParams = scopeParams.extend({ key: secretKey });

export const bootstrapBody = z
  .strictObject({
    org: slug.default('default'),
    orgName: name.optional(),
    project: slug.default('default'),
    projectName: name.optional(),
  })
  .default({ org: 'default', project: 'default' });

export const createOrgBody = z.strictObject({ slug, name: name.optional() });
export const createProjectBody = z.strictObject({ slug, name: name.optional() });
export const createEnvBody = z.strictObject({ slug, name: name.optional() });
export const createTokenBody = z.strictObject({ name, permissions: z.array(z.string().min(1).max(64)).min(1).max(32) });

const secretType = z.enum(SECRET_TYPES);
const description = z.string().max(1000).refine(noNul, NO_NUL).refine(wellFormed, WELL_FORMED);

export const setSecretBody = z.strictObject({
  value: z.string().max(64 * 1024, 'must be at most 65536 characters').refine(wellFormed, WELL_FORMED),
  type: secretType.optional(),
  description: description.optional(),
  expectedVersion: z.number().int().min(0).max(2_147_483_647).optional(),
});

export const rollbackBody = z.strictObject({
  version,
  expectedVersion: z.number().int().min(0).max(2_147_483_647).optional(),
});

const documentFormat = z.enum(FORMATS);
const documentContent = z.string().refine(wellFormed, WELL_FORMED);
/** The Secret service's limit on one import (MAX_IMPORT_ENTRIES); a document is held to it there. */
export const MAX_PUSH_KEYS = 1000;
const pushKeys = z.array(secretKey).max(MAX_PUSH_KEYS, `must list at most ${MAX_PUSH_KEYS} keys`);

/**
 * A push is a document (`format` + `content`) or a list of `entries`. Entry keys and values are
 * checked key by key in the Secret service, which names each bad key in the plan's errors; here
 * only what could not reach it intact (lone surrogates) or in bounds.
 */
const pushEntry = z.strictObject({
  key: z.string().max(255, 'must be at most 255 characters').refine(wellFormed, WELL_FORMED),
  value: z.string().refine(wellFormed, WELL_FORMED),
  type: secretType.optional(),
  description: description.optional(),
});

export const pushBody = z
  .strictObject({
    format: documentFormat.optional(),
    content: documentContent.optional(),
    entries: z.array(pushEntry).min(1, 'must hold at least one entry').max(MAX_PUSH_KEYS, `at most ${MAX_PUSH_KEYS} keys in one push`).optional(),
    dryRun: z.boolean().default(false),
    // Write every entry as a new version without comparing values: needs only secrets:write.
    writeAll: z.boolean().default(false),
    // The keys of the plan a person confirmed (a dry run's answer): the push writes only that plan.
    expectedPlan: z.strictObject({ created: pushKeys, updated: pushKeys, unchanged: pushKeys }).optional(),
  })
  .superRefine((body, ctx) => {
    const issue = (field: 'format' | 'content', message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
    if (body.entries !== undefined) {
      if (body.content !== undefined) issue('content', 'give content or entries, not both');
      if (body.format !== undefined) issue('format', 'only goes with content, not with entries');
    } else {
      if (body.content === undefined) issue('content', 'required (or give entries instead)');
      if (body.format === undefined) issue('format', 'required with content: one of env, json, yaml');
    }
  });
export const diffBody = z.strictObject({ format: documentFormat, content: documentContent });
export const pullQuery = z.strictObject({ format: documentFormat.default('env') });

export const getSecretQuery = z.strictObject({
  reveal: z.enum(['true', 'false']).optional(),
  version: version.optional(),
});
export const listSecretsQuery = z.strictObject({ includeDeleted: z.enum(['true', 'false']).optional() });
export const diffQuery = z.strictObject({ from: version, to: version, reveal: z.enum(['true', 'false']).optional() });
export const emptyQuery = z.strictObject({});
export const auditQuery = z.strictObject({
  action: z.string().max(64).refine(noNul, NO_NUL).optional(),
  resource: z.string().max(512).refine(noNul, NO_NUL).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
