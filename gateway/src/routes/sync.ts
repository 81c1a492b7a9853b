import type { DocumentFormat } from '@coffer/contract';
import { dotenvMisreadKeys, keysWithoutDotenvSpelling, serializeDocument } from '@coffer/formats';
import type { ImportEntryError__Output } from '@coffer/grpc';
import { conditionalAnswer } from '../conditional.js';
import { compareWithServer } from '../document-diff.js';
import { route, type RouteAnswer } from '../route.js';
import { diffBody, emptyQuery, pullQuery, pushBody, scopeParams } from '../schemas.js';
import { SCOPE_PATH, requestedAnswer, scopeOf } from './secrets.js';

// One version per changed key in one transaction, a few milliseconds each: a full 1000-key import
// takes seconds, more than the deadline of a single call.
const PUSH_DEADLINE_MS = 30_000;

function byKey(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * An import error as the caller can place it: by the document's line, or by the position in
 * `entries`. The service leaves the key empty when it could never be a secret key (it is input,
 * and is not echoed): null here.
 */
function placedError({ key, message, entry }: ImportEntryError__Output, lines: readonly number[] | undefined) {
  return { key: key === '' ? null : key, message, ...(lines ? { line: lines[entry - 1] } : { entry }) };
}

/** The environment as a document in `format`, with the names withheld; or, for dotenv, a refusal naming the values it cannot spell. */
function pullAnswer({ values, removed }: { values: Record<string, string>; removed: string[] }, format: DocumentFormat): RouteAnswer {
  const record = byKey(values);
  const withheld = [...removed].sort();
  if (format === 'dotenv') {
    // The whole document or nothing: a file missing some keys, or holding other values, would be read as the environment.
    const keys = keysWithoutDotenvSpelling(record);
    if (keys.length > 0) {
      return {
        refusal: 'FAILED_PRECONDITION',
        data: { keys },
        message: `no dotenv spelling reads back exactly the value${keys.length === 1 ? '' : 's'} of ${keys.join(', ')}; nothing was pulled (pull as env, json or yaml instead)`,
      };
    }
  }
  const content = serializeDocument(format, record);
  const misread = format === 'env' ? { dotenvMisreads: dotenvMisreadKeys(record) } : {};
  return { data: { format, content, removed: withheld, ...misread } };
}

/**
 * Whole environments as documents (.env for a shell or for dotenv, JSON, YAML): push writes one
 * through the Secret service's import, pull and the document comparison read through inject, so
 * they withhold exactly the names inject withholds.
 */
export const syncRoutes = [
  route({
    method: 'post',
    path: `${SCOPE_PATH}/sync/push`,
    summary:
      '`{format, content}` or `{entries}`, with `dryRun?`, `expectedPlan?`, `writeAll?`: one transaction → `{created, updated, unchanged, errors, written}` (`Idempotency-Key`)',
    params: scopeParams,
    query: emptyQuery,
    body: pushBody,
    idempotent: true,
    audit: { action: 'secret.push' },
    rpc: { service: 'secret', method: 'ImportSecrets', deadlineMs: PUSH_DEADLINE_MS },
    request: ({ params, body }) => ({
      scope: scopeOf(params),
      entries: body.entries,
      dryRun: body.dryRun,
      writeAll: body.writeAll,
      ...(body.expectedPlan ? { expectedPlan: body.expectedPlan } : {}),
    }),
    answer: ({ created, updated, unchanged, errors, written, changeRequest }, { body }) => {
      const lines = 'lines' in body ? body.lines : undefined;
      const plan = { created, updated, unchanged, errors: errors.map((error) => placedError(error, lines)), written };
      if (errors.length > 0) {
        const keys = `${errors.length} key${errors.length === 1 ? '' : 's'}`;
        return { refusal: 'INVALID_ARGUMENT', data: plan, message: `${keys} cannot be written (see errors); nothing was written` };
      }
      // On a protected environment the plan waits for approval: nothing was written yet.
      return requestedAnswer(changeRequest, plan) ?? { data: plan, ...(body.dryRun ? { message: 'dry run: nothing was written' } : {}) };
    },
  }),
  route({
    method: 'get',
    path: `${SCOPE_PATH}/sync/pull`,
    summary: 'the environment as a document, `?format=env|dotenv|json|yaml` → `{format, content, removed}` (+ `dotenvMisreads` for env)',
    params: scopeParams,
    query: pullQuery,
    audit: { action: 'secret.pull' },
    rpc: { service: 'secret', method: 'Inject' },
    // The format is part of the tag: each document of one environment has its own.
    request: ({ params, query, ifNoneMatch }) => ({ scope: scopeOf(params), ifNoneMatch, representation: `pull:${query.format}` }),
    answer: (reply, { query }) => conditionalAnswer(reply, 'secret.pull', () => pullAnswer(reply, query.format)),
  }),
  route({
    method: 'post',
    path: `${SCOPE_PATH}/sync/diff`,
    summary: '`{format, content}` compared with the environment: key lists, never values (audited as `secret.compare`)',
    params: scopeParams,
    query: emptyQuery,
    body: diffBody,
    // Not secret.diff, which compares two versions of one secret.
    audit: { action: 'secret.compare' },
    rpc: { service: 'secret', method: 'Inject' },
    request: ({ params }) => ({ scope: scopeOf(params) }),
    answer: (server, { body }) => ({ data: compareWithServer(body.entries, server) }),
  }),
];
