import { z } from 'zod';
import { descriptionSchema } from '@coffer/contract';
import type { ChangeRequest__Output } from '@coffer/grpc';
import { route } from '../route.js';
import { emptyQuery, scopeParams } from '../schemas.js';
import { SCOPE_PATH, scopeOf } from './secrets.js';

const REQUESTS_PATH = `${SCOPE_PATH}/change-requests`;
const requestParams = scopeParams.extend({ id: z.uuid('must be a change request id') });
const listQuery = z.strictObject({ status: z.enum(['open', 'applied', 'rejected']).optional() });
const rejectBody = z.strictObject({ reason: descriptionSchema.optional() });

/** A request as answered: values appear only for a caller with reveal (the service leaves them out otherwise). */
const requestData = (request: ChangeRequest__Output) => ({
  ...request,
  changes: request.changes.map(({ baseValue, value, ...change }) => ({
    ...change,
    ...(baseValue != null ? { baseValue } : {}),
    ...(value != null ? { value } : {}),
  })),
});

const resourceOf = ({ params }: { params: z.infer<typeof requestParams> }) =>
  `orgs/${params.org}/projects/${params.project}/envs/${params.env}/change-requests/${params.id}`;

/**
 * Change requests of a protected environment: what a write there became. Listed and shown to whoever
 * may read the environment (values only with reveal); approved (which applies it at once, audited as
 * its own `change-request.apply`) by another member with approve; rejected by one, or withdrawn by
 * its requester.
 */
export const approvalRoutes = [
  route({
    method: 'get',
    path: REQUESTS_PATH,
    summary: "the environment's change requests, newest first; `?status=open|applied|rejected`",
    params: scopeParams,
    query: listQuery,
    audit: { action: 'change-request.list' },
    rpc: { service: 'secret', method: 'ListChangeRequests' },
    request: ({ params, query }) => ({ scope: scopeOf(params), status: query.status ?? '' }),
    answer: ({ changeRequests }) => ({ data: { changeRequests: changeRequests.map(requestData) } }),
  }),
  route({
    method: 'get',
    path: `${REQUESTS_PATH}/:id`,
    summary: 'one change request: each key, its action, base and proposed type and version; values only with reveal',
    params: requestParams,
    query: emptyQuery,
    audit: { action: 'change-request.read' },
    rpc: { service: 'secret', method: 'GetChangeRequest' },
    request: ({ params }) => ({ scope: scopeOf(params), id: params.id }),
    answer: (request) => ({ data: requestData(request) }),
  }),
  route({
    method: 'post',
    path: `${REQUESTS_PATH}/:id/approve`,
    summary: "applies an open change request at once (another member than its requester); 409 when a key's base moved (`Idempotency-Key`)",
    params: requestParams,
    query: emptyQuery,
    idempotent: true,
    audit: { action: 'change-request.approve', resource: resourceOf },
    rpc: { service: 'secret', method: 'ApproveChangeRequest' },
    request: ({ params }) => ({ scope: scopeOf(params), id: params.id }),
    answer: (request, input) => ({ data: requestData(request), alsoAudited: [{ action: 'change-request.apply', resource: resourceOf(input) }] }),
  }),
  route({
    method: 'post',
    path: `${REQUESTS_PATH}/:id/reject`,
    summary: '`{reason?}`: closes an open change request unapplied (a member with approve, or its requester; `Idempotency-Key`)',
    params: requestParams,
    query: emptyQuery,
    body: rejectBody,
    idempotent: true,
    audit: { action: 'change-request.reject', resource: resourceOf },
    rpc: { service: 'secret', method: 'RejectChangeRequest' },
    request: ({ params, body }) => ({ scope: scopeOf(params), id: params.id, reason: body.reason ?? '' }),
    answer: (request) => ({ data: requestData(request) }),
  }),
];
