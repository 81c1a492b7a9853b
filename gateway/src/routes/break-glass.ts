import { z } from 'zod';
import { route } from '../route.js';
import { emptyQuery, orgParams, scopeParams } from '../schemas.js';

const breakGlassParams = orgParams.extend({ id: z.uuid('must be a break-glass access id') });
const openBody = z.strictObject({ reason: z.string().max(4096), durationSeconds: z.number().int().min(1).max(3_600).optional() });
const reviewBody = z.strictObject({ note: z.string().max(4096) });
const reviewQuery = z.strictObject({ needsReview: z.enum(['true', 'false']).optional() });

/**
 * Emergency access to one environment, for admins named for it: opened with a reason, for at most
 * an hour, marked on every audit record of what is done under it, flagged until reviewed. The
 * opener's principal changes: this gateway drops the organisation's cached principals at once
 * (the others hear it from Auth within a second).
 */
export const breakGlassRoutes = [
  route({
    method: 'post',
    path: '/orgs/:org/projects/:project/envs/:env/break-glass',
    summary: 'opens break-glass access to the environment `{reason, durationSeconds?}` (at most an hour), for an admin named for it',
    params: scopeParams,
    query: emptyQuery,
    body: openBody,
    audit: { action: 'break-glass.open', resource: ({ params }) => `orgs/${params.org}/projects/${params.project}/envs/${params.env}` },
    rpc: { service: 'auth', method: 'OpenBreakGlass' },
    request: ({ params, body, client }) => ({
      project: params.project,
      environment: params.env,
      reason: body.reason,
      durationSeconds: body.durationSeconds ?? 0,
      client,
    }),
    answer: (access) => ({ status: 201, data: access }),
    afterSuccess: ({ params }, { principalCache }) => principalCache.evictOrg((principal) => principal.orgSlug === params.org),
  }),
  route({
    method: 'get',
    path: '/orgs/:org/break-glass',
    summary: "the organisation's break-glass accesses, newest first; `?needsReview=true` for those not yet reviewed",
    params: orgParams,
    query: reviewQuery,
    rpc: { service: 'auth', method: 'ListBreakGlass' },
    request: ({ query }) => ({ needsReview: query.needsReview === 'true' }),
  }),
  route({
    method: 'post',
    path: '/orgs/:org/break-glass/:id/close',
    summary: 'ends a break-glass access before it expires (its opener or an admin)',
    params: breakGlassParams,
    query: emptyQuery,
    audit: { action: 'break-glass.close' },
    rpc: { service: 'auth', method: 'CloseBreakGlass' },
    request: ({ params }) => ({ id: params.id }),
    afterSuccess: ({ params }, { principalCache }) => principalCache.evictOrg((principal) => principal.orgSlug === params.org),
  }),
  route({
    method: 'post',
    path: '/orgs/:org/break-glass/:id/review',
    summary: 'records the review of an ended break-glass access `{note}` (someone other than its opener)',
    params: breakGlassParams,
    query: emptyQuery,
    body: reviewBody,
    audit: { action: 'break-glass.review' },
    rpc: { service: 'auth', method: 'ReviewBreakGlass' },
    request: ({ params, body }) => ({ id: params.id, note: body.note }),
  }),
];
