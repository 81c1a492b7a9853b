import { Router, type Request, type Response } from 'express';
import type { Cache } from '@coffer/kv';
import { unary, type UnaryOptions } from '@coffer/grpc';
import type { AuditRecorder } from '../audit-recorder.js';
import { outcomeOf, recordAudit } from '../audit-events.js';
import type { Backends } from '../backends.js';
import { callContext, requireOwnOrg } from '../context.js';
import { sendData, sendError } from '../envelope.js';
import { idempotency } from '../idempotency.js';
import {
  diffQuery,
  emptyQuery,
  getSecretQuery,
  listSecretsQuery,
  rollbackBody,
  scopeParams,
  secretParams,
  setSecretBody,
} from '../schemas.js';
import { parse } from '../validate.js';

export interface SecretRouteDeps {
  backends: Backends;
  audit: AuditRecorder;
  idempotencyCache: Cache;
  deadlineMs: number;
}

type Scope = { project: string; environment: string };

/**
 * Runs one secret operation: validates the path, checks the organisation, calls the Secret
 * service and writes an audit record of the outcome (also when it was denied or failed).
 * An answer with a 4xx status is a refusal that carries data (a push whose entries are invalid):
 * it is sent in the error envelope and audited as a failure.
 */
export function operation(
  deps: SecretRouteDeps,
  action: string | ((req: Request) => string),
  withKey: boolean,
  run: (ctx: { req: Request; scope: Scope; key: string; call: UnaryOptions }) => Promise<{ status?: number; data: unknown; action?: string; message?: string }>,
) {
  return async (req: Request, res: Response) => {
    const params = withKey ? parse(secretParams, req.params, 'path') : { ...parse(scopeParams, req.params, 'path'), key: '' };
    requireOwnOrg(res, params.org);
    const resource = `orgs/${params.org}/projects/${params.project}/envs/${params.env}${withKey ? `/secrets/${params.key}` : ''}`;
    const name = typeof action === 'string' ? action : action(req);
    try {
      const call = { ctx: callContext(res), deadlineMs: deps.deadlineMs };
      const scope = { project: params.project, environment: params.env };
      const { status = 200, data, action: done = name, message } = await run({ req, scope, key: params.key, call });
      const refused = status >= 400;
      recordAudit(deps.audit, req, res, done, resource, refused ? 'failure' : 'success');
      if (refused) sendError(res, status, message ?? 'request refused', data);
      else sendData(res, data, status, message);
    } catch (err) {
      recordAudit(deps.audit, req, res, name, resource, outcomeOf(err));
      throw err;
    }
  };
}

const flag = (value: 'true' | 'false' | undefined) => value === 'true';

export function secretRoutes(deps: SecretRouteDeps): Router {
  const router = Router({ mergeParams: true });
  const base = '/orgs/:org/projects/:project/envs/:env';
  const idem = idempotency(deps.idempotencyCache);

  router.get(
    `${base}/secrets`,
    operation(deps, 'secret.list', false, async ({ req, scope, call }) => {
      const query = parse(listSecretsQuery, req.query, 'query');
      const { secrets } = await unary(deps.backends.secret, 'ListSecrets', { scope, includeDeleted: flag(query.includeDeleted) }, call);
      return { data: { secrets } };
    }),
  );

  router.post(
    `${base}/inject`,
    operation(deps, 'secret.inject', false, async ({ req, scope, call }) => {
      parse(emptyQuery, req.query, 'query');
      const { values, removed } = await unary(deps.backends.secret, 'Inject', { scope }, call);
      return { data: { values, removed } };
    }),
  );

  router.get(
    `${base}/secrets/:key`,
    operation(
      deps,
      (req) => (req.query.reveal === 'true' ? 'secret.reveal' : 'secret.read'),
      true,
      async ({ req, scope, key, call }) => {
        const query = parse(getSecretQuery, req.query, 'query');
        const secret = await unary(deps.backends.secret, 'GetSecret', { scope, key, reveal: flag(query.reveal), version: query.version ?? 0 }, call);
        return { data: { ...secret.meta, ...(secret.value !== undefined ? { value: secret.value } : {}) } };
      },
    ),
  );

  router.post(
    `${base}/secrets/:key`,
    idem,
    operation(deps, 'secret.update', true, async ({ req, scope, key, call }) => {
      parse(emptyQuery, req.query, 'query');
      const body = parse(setSecretBody, req.body ?? {}, 'body');
      const { meta } = await unary(deps.backends.secret, 'SetSecret', { scope, key, ...body }, call);
      const created = meta?.version === 1;
      return { status: created ? 201 : 200, data: meta, action: created ? 'secret.create' : 'secret.update' };
    }),
  );

  router.delete(
    `${base}/secrets/:key`,
    idem,
    operation(deps, 'secret.delete', true, async ({ req, scope, key, call }) => {
      parse(emptyQuery, req.query, 'query');
      const { meta } = await unary(deps.backends.secret, 'DeleteSecret', { scope, key }, call);
      return { data: meta };
    }),
  );

  router.delete(
    `${base}/secrets/:key/permanent`,
    idem,
    operation(deps, 'secret.purge', true, async ({ req, scope, key, call }) => {
      parse(emptyQuery, req.query, 'query');
      return { data: await unary(deps.backends.secret, 'PurgeSecret', { scope, key }, call) };
    }),
  );

  router.post(
    `${base}/secrets/:key/restore`,
    idem,
    operation(deps, 'secret.restore', true, async ({ req, scope, key, call }) => {
      parse(emptyQuery, req.query, 'query');
      const { meta } = await unary(deps.backends.secret, 'RestoreSecret', { scope, key }, call);
      return { data: meta };
    }),
  );

  router.get(
    `${base}/secrets/:key/history`,
    operation(deps, 'secret.history', true, async ({ req, scope, key, call }) => {
      parse(emptyQuery, req.query, 'query');
      return { data: await unary(deps.backends.secret, 'GetHistory', { scope, key }, call) };
    }),
  );

  router.get(
    `${base}/secrets/:key/diff`,
    operation(deps, 'secret.diff', true, async ({ req, scope, key, call }) => {
      const query = parse(diffQuery, req.query, 'query');
      return { data: await unary(deps.backends.secret, 'DiffVersions', { scope, key, from: query.from, to: query.to, reveal: flag(query.reveal) }, call) };
    }),
  );

  router.post(
    `${base}/secrets/:key/rollback`,
    idem,
    operation(deps, 'secret.rollback', true, async ({ req, scope, key, call }) => {
      parse(emptyQuery, req.query, 'query');
      const body = parse(rollbackBody, req.body ?? {}, 'body');
      const { meta } = await unary(deps.backends.secret, 'Rollback', { scope, key, ...body }, call);
      return { data: meta };
    }),
  );

  return router;
}
