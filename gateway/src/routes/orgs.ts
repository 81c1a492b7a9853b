import { route } from '../route.js';
import { createOrgBody, emptyQuery, noParams, orgParams, orgSettingsBody } from '../schemas.js';

export const orgRoutes = [
  route({
    method: 'get',
    path: '/orgs',
    summary: 'the organisations the token can see (its own)',
    params: noParams,
    query: emptyQuery,
    rpc: { service: 'auth', method: 'ListOrgs' },
    request: () => ({}),
    answer: ({ orgs }) => ({ data: { orgs } }),
  }),
  route({
    method: 'post',
    path: '/orgs',
    summary: 'create an organisation `{slug, name?}`; answers its admin token',
    params: noParams,
    query: emptyQuery,
    body: createOrgBody,
    audit: { action: 'org.create', resource: ({ body }) => `orgs/${body.slug}` },
    rpc: { service: 'auth', method: 'CreateOrg' },
    request: ({ body }) => ({ slug: body.slug, name: body.name ?? '' }),
    answer: (created) => ({ status: 201, data: created }),
  }),
  route({
    method: 'get',
    path: '/orgs/:org/settings',
    summary: "the organisation's policies: `{requireTwoFactor}`",
    params: orgParams,
    query: emptyQuery,
    rpc: { service: 'auth', method: 'GetOrgSettings' },
    request: () => ({}),
  }),
  route({
    method: 'post',
    path: '/orgs/:org/settings',
    summary: '`{requireTwoFactor?}`: members without two-factor (or in a session opened without it) may then only enrol',
    params: orgParams,
    query: emptyQuery,
    body: orgSettingsBody,
    audit: { action: 'org.settings.update' },
    rpc: { service: 'auth', method: 'UpdateOrgSettings' },
    request: ({ body }) => (body.requireTwoFactor === undefined ? {} : { requireTwoFactor: body.requireTwoFactor }),
    // This gateway decides by the new policy from its next request on; the others when the Auth service's notice arrives.
    afterSuccess: ({ params }, { principalCache }) => principalCache.evictOrg((principal) => principal.orgSlug === params.org),
  }),
];
