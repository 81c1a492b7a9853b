import { conditionalAnswer } from '../conditional.js';
import type { ChangeRequestRef__Output } from '@coffer/grpc';
import { route, type RouteAnswer } from '../route.js';
import { diffQuery, emptyQuery, getSecretQuery, listSecretsQuery, rollbackBody, scopeParams, secretParams, setSecretBody } from '../schemas.js';

export const SCOPE_PATH = '/orgs/:org/projects/:project/envs/:env';
const SECRET_PATH = `${SCOPE_PATH}/secrets/:key`;

export const scopeOf = (params: { project: string; env: string }) => ({ project: params.project, environment: params.env });
const flag = (value: 'true' | 'false' | undefined) => value === 'true';

/**
 * A write to a protected environment wrote nothing and opened a change request instead: 202, audited
 * as `change-request.open`, or undefined for a write that was made.
 */
export function requestedAnswer(changeRequest: ChangeRequestRef__Output | null | undefined, data: Record<string, unknown> = {}): RouteAnswer | undefined {
  if (!changeRequest?.id) return undefined;
  return {
    status: 202,
    data: { ...data, changeRequest: { id: changeRequest.id, status: changeRequest.status } },
    message: `change request ${changeRequest.id} opened: it needs approval by another member with approve`,
    action: 'change-request.open',
  };
}

/** One environment's secrets, each operation audited (reads and denials too); values only with reveal or export. */
export const secretRoutes = [
  route({
    method: 'get',
    path: `${SCOPE_PATH}/secrets`,
    summary: 'metadata only (key, type, version, description, updated); `?includeDeleted=true`',
    params: scopeParams,
    query: listSecretsQuery,
    audit: { action: 'secret.list' },
    rpc: { service: 'secret', method: 'ListSecrets' },
    request: ({ params, query }) => ({ scope: scopeOf(params), includeDeleted: flag(query.includeDeleted) }),
    answer: ({ secrets }) => ({ data: { secrets } }),
  }),
  route({
    method: 'post',
    path: `${SCOPE_PATH}/inject`,
    summary: 'every current value as key/value pairs; names that can hijack a process withheld (`removed`)',
    params: scopeParams,
    query: emptyQuery,
    audit: { action: 'secret.inject' },
    rpc: { service: 'secret', method: 'Inject' },
    // ETag and If-None-Match (conditional.ts): a poller that holds the current tag gets a 304 and no value is opened.
    request: ({ params, ifNoneMatch }) => ({ scope: scopeOf(params), ifNoneMatch }),
    answer: (reply) => conditionalAnswer(reply, 'secret.inject', () => ({ data: { values: reply.values, removed: reply.removed } })),
  }),
  route({
    method: 'get',
    path: SECRET_PATH,
    summary: 'one secret; its value only with `?reveal=true`; `?version=N` for an older version',
    params: secretParams,
    query: getSecretQuery,
    audit: { action: (query) => (query.reveal === 'true' ? 'secret.reveal' : 'secret.read') },
    rpc: { service: 'secret', method: 'GetSecret' },
    request: ({ params, query }) => ({ scope: scopeOf(params), key: params.key, reveal: flag(query.reveal), version: query.version ?? 0 }),
    answer: (secret) => ({ data: { ...secret.meta, ...(secret.value !== undefined ? { value: secret.value } : {}) } }),
  }),
  route({
    method: 'post',
    path: SECRET_PATH,
    summary: '`{value, type?, description?, expectedVersion?}`: a new version (`Idempotency-Key`)',
    params: secretParams,
    query: emptyQuery,
    body: setSecretBody,
    idempotent: true,
    audit: { action: 'secret.update' },
    rpc: { service: 'secret', method: 'SetSecret' },
    request: ({ params, body }) => ({ scope: scopeOf(params), key: params.key, ...body }),
    answer: ({ meta, changeRequest }) => {
      const requested = requestedAnswer(changeRequest, { key: meta?.key });
      if (requested) return requested;
      // A blind write (no read) is answered with the key alone: 200 whether or not it
      // created the secret, and audited without the distinction it was not told either.
      if (!meta?.version) return { data: { key: meta?.key }, action: 'secret.write' };
      const created = meta.version === 1;
      return { status: created ? 201 : 200, data: meta, action: created ? 'secret.create' : 'secret.update' };
    },
  }),
  route({
    method: 'delete',
    path: SECRET_PATH,
    summary: 'soft delete',
    params: secretParams,
    query: emptyQuery,
    idempotent: true,
    audit: { action: 'secret.delete' },
    rpc: { service: 'secret', method: 'DeleteSecret' },
    request: ({ params }) => ({ scope: scopeOf(params), key: params.key }),
    answer: ({ meta, changeRequest }) => requestedAnswer(changeRequest, { key: meta?.key }) ?? { data: meta },
  }),
  route({
    method: 'delete',
    path: `${SECRET_PATH}/permanent`,
    summary: 'purge the secret and every version, irreversibly (a change request on a protected environment)',
    params: secretParams,
    query: emptyQuery,
    idempotent: true,
    audit: { action: 'secret.purge' },
    rpc: { service: 'secret', method: 'PurgeSecret' },
    request: ({ params }) => ({ scope: scopeOf(params), key: params.key }),
    answer: ({ key, versionsPurged, changeRequest }) => requestedAnswer(changeRequest, { key }) ?? { data: { key, versionsPurged } },
  }),
  route({
    method: 'post',
    path: `${SECRET_PATH}/restore`,
    summary: 'undelete',
    params: secretParams,
    query: emptyQuery,
    idempotent: true,
    audit: { action: 'secret.restore' },
    rpc: { service: 'secret', method: 'RestoreSecret' },
    request: ({ params }) => ({ scope: scopeOf(params), key: params.key }),
    answer: ({ meta, changeRequest }) => requestedAnswer(changeRequest, { key: meta?.key }) ?? { data: meta },
  }),
  route({
    method: 'get',
    path: `${SECRET_PATH}/history`,
    summary: 'the versions of a secret, metadata only',
    params: secretParams,
    query: emptyQuery,
    audit: { action: 'secret.history' },
    rpc: { service: 'secret', method: 'GetHistory' },
    request: ({ params }) => ({ scope: scopeOf(params), key: params.key }),
  }),
  route({
    method: 'get',
    path: `${SECRET_PATH}/diff`,
    summary: 'what changed between versions `?from=N&to=M`; the values only with `&reveal=true`',
    params: secretParams,
    query: diffQuery,
    audit: { action: 'secret.diff' },
    rpc: { service: 'secret', method: 'DiffVersions' },
    request: ({ params, query }) => ({ scope: scopeOf(params), key: params.key, from: query.from, to: query.to, reveal: flag(query.reveal) }),
  }),
  route({
    method: 'post',
    path: `${SECRET_PATH}/rollback`,
    summary: "`{version, expectedVersion?}`: a new version holding that version's value, freshly encrypted",
    params: secretParams,
    query: emptyQuery,
    body: rollbackBody,
    idempotent: true,
    audit: { action: 'secret.rollback' },
    rpc: { service: 'secret', method: 'Rollback' },
    request: ({ params, body }) => ({ scope: scopeOf(params), key: params.key, ...body }),
    answer: ({ meta, changeRequest }) => requestedAnswer(changeRequest, { key: meta?.key }) ?? { data: meta },
  }),
];
