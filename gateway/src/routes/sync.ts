import { Router } from 'express';
import { DocumentError, parseDocument, serializeDocument, type Format } from '@coffer/formats';
import { CofferError, unary } from '@coffer/grpc';
import { compareWithServer } from '../document-diff.js';
import { idempotency } from '../idempotency.js';
import { diffBody, emptyQuery, pullQuery, pushBody } from '../schemas.js';
import { parse } from '../validate.js';
import { operation, type SecretRouteDeps } from './secrets.js';

/** The key/value pairs of a pushed document; a 400 naming `content` and the line when it does not parse. */
function readDocument(format: Format, content: string): Record<string, string> {
  try {
    return parseDocument(format, content);
  } catch (err) {
    if (!(err instanceof DocumentError)) throw err;
    throw new CofferError('INVALID_ARGUMENT', `body field 'content': ${err.message}`, { details: { field: 'content' } });
  }
}

// One version per changed key in one transaction, a few milliseconds each: a full 1000-key import
// takes seconds, more than the deadline of a single call.
const PUSH_DEADLINE_MS = 30_000;

function byKey(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * Whole environments as .env, JSON or YAML documents: push writes one through the Secret service's
 * import, pull and diff read through inject, so they withhold exactly the names inject withholds.
 */
export function syncRoutes(deps: SecretRouteDeps): Router {
  const router = Router();
  const base = '/orgs/:org/projects/:project/envs/:env/sync';

  router.post(
    `${base}/push`,
    idempotency(deps.idempotencyCache),
    operation(deps, 'secret.push', false, async ({ req, scope, call }) => {
      parse(emptyQuery, req.query, 'query');
      const body = parse(pushBody, req.body ?? {}, 'body');
      // The schema guarantees content and format unless entries are given.
      const entries = body.entries ?? Object.entries(readDocument(body.format!, body.content!)).map(([key, value]) => ({ key, value }));
      const request = { scope, entries, dryRun: body.dryRun, writeAll: body.writeAll, ...(body.expectedPlan ? { expectedPlan: body.expectedPlan } : {}) };
      const { created, updated, unchanged, errors, written } = await unary(deps.backends.secret, 'ImportSecrets', request, { ...call, deadlineMs: PUSH_DEADLINE_MS });
      const plan = { created, updated, unchanged, errors, written };
      if (errors.length > 0) {
        const keys = `${errors.length} key${errors.length === 1 ? '' : 's'}`;
        return { status: 400, data: plan, message: `${keys} cannot be written (see errors); nothing was written` };
      }
      return { data: plan, ...(body.dryRun ? { message: 'dry run: nothing was written' } : {}) };
    }),
  );

  router.get(
    `${base}/pull`,
    operation(deps, 'secret.pull', false, async ({ req, scope, call }) => {
      const { format } = parse(pullQuery, req.query, 'query');
      const { values, removed } = await unary(deps.backends.secret, 'Inject', { scope }, call);
      return { data: { format, content: serializeDocument(format, byKey(values)), removed: [...removed].sort() } };
    }),
  );

  router.post(
    `${base}/diff`,
    operation(deps, 'secret.diff', false, async ({ req, scope, call }) => {
      parse(emptyQuery, req.query, 'query');
      const body = parse(diffBody, req.body ?? {}, 'body');
      const document = readDocument(body.format, body.content);
      return { data: compareWithServer(document, await unary(deps.backends.secret, 'Inject', { scope }, call)) };
    }),
  );

  return router;
}
