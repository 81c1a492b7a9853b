import { z } from 'zod';
import { DocumentError, FORMATS, parseDocumentEntries, type DocumentEntry } from '@coffer/formats';
import {
  MAX_ALLOWED_CIDRS,
  MAX_IMPORT_ENTRIES,
  MAX_NAME_LENGTH,
  WELL_FORMED_RULE,
  credentialInputSchema,
  descriptionSchema,
  emailSchema,
  exactText,
  isNetwork,
  isWellFormed,
  orgRoleSchema,
  passwordInputSchema,
  secretKeySchema,
  secretTypeSchema,
  secretValueSchema,
  slugSchema,
} from '@coffer/contract';

/** Request shapes. Objects are strict: an unknown field is a 400 naming it, not silently dropped. */
export const slug = slugSchema;
const name = exactText(z.string().trim().min(1).max(MAX_NAME_LENGTH));
const version = z.coerce.number().int().min(1).max(2_147_483_647);
const TEN_YEARS_SECONDS = 10 * 365 * 86_400;
const WEEK_SECONDS = 7 * 86_400;

export const scopeParams = z.object({ org: slug, project: slug, env: slug });
export const secretParams = scopeParams.extend({ key: secretKeySchema });
export const orgParams = z.object({ org: slug });
export const projectParams = orgParams.extend({ project: slug });
export const tokenParams = orgParams.extend({ tokenId: z.uuid('must be a token id') });
export const noParams = z.object({});

export const bootstrapBody = z
  .strictObject({
    org: slug.default('default'),
    orgName: name.optional(),
    project: slug.default('default'),
    projectName: name.optional(),
    owner: z.strictObject({ email: emailSchema, password: passwordInputSchema }).optional(),
  })
  .default({ org: 'default', project: 'default' });

export const createOrgBody = z.strictObject({ slug, name: name.optional() });
export const createProjectBody = z.strictObject({ slug, name: name.optional() });
export const createEnvBody = z.strictObject({ slug, name: name.optional() });
/** Least privilege by default: no permissions is `read`, no project is organisation-wide (only for a caller holding them so). */
export const createTokenBody = z.strictObject({
  name,
  serviceAccount: slug.optional(),
  project: slug.optional(),
  environments: z.array(slug).max(64).optional(),
  // Omitted: `read`. Given, at least one (an empty list is more likely a mistake than a wish for `read`).
  permissions: z.array(z.string().min(1).max(64)).min(1).max(32).optional(),
  expiresInSeconds: z.number().int().min(60).max(TEN_YEARS_SECONDS, 'must be at most 10 years').optional(),
  allowedCidrs: z
    .array(z.string().max(64).refine(isNetwork, 'must be an IP address or a CIDR network, e.g. 10.0.0.0/8'))
    .max(MAX_ALLOWED_CIDRS, `must list at most ${MAX_ALLOWED_CIDRS} networks`)
    .optional(),
});

export const setSecretBody = z.strictObject({
  value: secretValueSchema,
  type: secretTypeSchema.optional(),
  description: descriptionSchema.optional(),
  expectedVersion: z.number().int().min(0).max(2_147_483_647).optional(),
});

export const rollbackBody = z.strictObject({
  version,
  expectedVersion: z.number().int().min(0).max(2_147_483_647).optional(),
});

const documentFormat = z.enum(FORMATS);
const documentContent = z.string().refine(isWellFormed, WELL_FORMED_RULE);
const pushKeys = z.array(secretKeySchema).max(MAX_IMPORT_ENTRIES, `must list at most ${MAX_IMPORT_ENTRIES} keys`);

/** The entries of a document with their lines; undefined, and an issue naming `content` and the line, when it does not parse. */
function readDocument(format: z.output<typeof documentFormat>, content: string, ctx: z.RefinementCtx): DocumentEntry[] | undefined {
  try {
    return parseDocumentEntries(format, content);
  } catch (err) {
    if (!(err instanceof DocumentError)) throw err;
    ctx.addIssue({ code: 'custom', path: ['content'], message: err.message });
    return undefined;
  }
}

/**
 * A push is a document (`format` + `content`) or a list of `entries`; either way it becomes the
 * entries to import, and for a document the line of each, to point the service's errors at. Entry
 * keys and values are checked key by key in the Secret service, which answers each bad one by its
 * position; here only what could not reach it intact (lone surrogates) or in bounds.
 */
const pushEntry = z.strictObject({
  key: z.string().max(255, 'must be at most 255 characters').refine(isWellFormed, WELL_FORMED_RULE),
  value: z.string().refine(isWellFormed, WELL_FORMED_RULE),
  type: secretTypeSchema.optional(),
  description: descriptionSchema.optional(),
});

export const pushBody = z
  .strictObject({
    format: documentFormat.optional(),
    content: documentContent.optional(),
    entries: z.array(pushEntry).min(1, 'must hold at least one entry').max(MAX_IMPORT_ENTRIES, `at most ${MAX_IMPORT_ENTRIES} keys in one push`).optional(),
    dryRun: z.boolean().default(false),
    // Write every entry as a new version without comparing values: needs only create and update.
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
      if (body.format === undefined) issue('format', `required with content: one of ${FORMATS.join(', ')}`);
    }
  })
  .transform(({ format, content, entries, ...rest }, ctx) => {
    if (entries) return { ...rest, entries };
    const document = readDocument(format!, content!, ctx);
    if (!document) return z.NEVER;
    return { ...rest, entries: document.map(({ key, value }) => ({ key, value })), lines: document.map(({ line }) => line) };
  });

export const diffBody = z.strictObject({ format: documentFormat, content: documentContent }).transform(({ format, content }, ctx) => {
  const entries = readDocument(format, content, ctx);
  return entries ? { entries } : z.NEVER;
});
export const pullQuery = z.strictObject({ format: documentFormat.default('env') });

export const getSecretQuery = z.strictObject({
  reveal: z.enum(['true', 'false']).optional(),
  version: version.optional(),
});
export const listSecretsQuery = z.strictObject({ includeDeleted: z.enum(['true', 'false']).optional() });
export const diffQuery = z.strictObject({ from: version, to: version, reveal: z.enum(['true', 'false']).optional() });
export const emptyQuery = z.strictObject({});
export const auditQuery = z.strictObject({
  // The query parser has refused NUL and bytes that are not UTF-8 in every query already.
  action: z.string().max(64).optional(),
  resource: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

export const signupBody = z.strictObject({ email: emailSchema, password: passwordInputSchema, name: name.optional() });
export const loginBody = z.strictObject({ email: emailSchema, password: passwordInputSchema });
export const secondFactorBody = z
  .strictObject({ challenge: credentialInputSchema, code: z.string().max(32).optional(), recoveryCode: z.string().max(64).optional() })
  .refine((body) => (body.code === undefined) !== (body.recoveryCode === undefined), {
    message: 'give either code (from your authenticator app) or recoveryCode',
    path: ['code'],
  });
export const refreshBody = z.strictObject({ refreshToken: credentialInputSchema });
export const logoutBody = z.strictObject({ refreshToken: credentialInputSchema.optional() }).default({});
export const tokenBody = z.strictObject({ token: credentialInputSchema });
export const forgotPasswordBody = z.strictObject({ email: emailSchema });
export const resetPasswordBody = z.strictObject({ token: credentialInputSchema, password: passwordInputSchema });
export const acceptInvitationBody = z.strictObject({ token: credentialInputSchema, password: passwordInputSchema.optional(), name: name.optional() });
export const invitationBody = z.strictObject({ email: emailSchema, role: orgRoleSchema });
export const codeBody = z.strictObject({ code: z.string().min(1, 'is required').max(32) });
export const sessionParams = z.object({ sessionId: z.uuid('must be a session id') });
export const orgSettingsBody = z.strictObject({ requireTwoFactor: z.boolean().optional() });
export const rotateTokenBody = z
  .strictObject({ overlapSeconds: z.number().int().min(0).max(WEEK_SECONDS, 'must be at most 7 days (604800 seconds)').default(0) })
  .default({ overlapSeconds: 0 });
export const listTokensQuery = z.strictObject({ includeRevoked: z.enum(['true', 'false']).optional() });
export const serviceAccountParams = orgParams.extend({ name: slug });
export const createServiceAccountBody = z.strictObject({ name: slug, description: exactText(z.string().max(500)).optional() });
