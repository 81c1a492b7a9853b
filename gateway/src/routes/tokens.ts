import { route } from '../route.js';
import { createTokenBody, emptyQuery, orgParams, tokenParams } from '../schemas.js';

/** Changes to who can do what are audited like secret operations, whatever their outcome. */
export const tokenRoutes = [
  route({
    method: 'post',
    path: '/orgs/:org/tokens',
    summary: 'issue an API token `{name, permissions}` (the token is shown once)',
    params: orgParams,
    query: emptyQuery,
    body: createTokenBody,
    audit: { action: 'token.create', resource: ({ params, body }) => `orgs/${params.org}/tokens/${body.name}` },
    rpc: { service: 'auth', method: 'CreateToken' },
    request: ({ body }) => body,
    answer: ({ token }) => ({ status: 201, data: token }),
  }),
  route({
    method: 'delete',
    path: '/orgs/:org/tokens/:tokenId',
    summary: 'revoke an API token',
    params: tokenParams,
    query: emptyQuery,
    audit: { action: 'token.revoke' },
    rpc: { service: 'auth', method: 'RevokeToken' },
    request: ({ params }) => ({ tokenId: params.tokenId }),
    // This gateway refuses the token from its next request on, whether or not Redis carries the news to the others.
    afterSuccess: ({ params }, { principalCache }) => principalCache.evictToken(params.tokenId.toLowerCase()),
  }),
];
