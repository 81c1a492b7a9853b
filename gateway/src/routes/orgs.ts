import { route } from '../route.js';
import { createOrgBody, emptyQuery, noParams } from '../schemas.js';

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
];
