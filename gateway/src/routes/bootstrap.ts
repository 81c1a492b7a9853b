import { route } from '../route.js';
import { bootstrapBody, emptyQuery, noParams } from '../schemas.js';

/** First-run setup, answered 409 once anything exists. No token, by nature. */
export const bootstrapRoutes = [
  route({
    method: 'post',
    path: '/bootstrap',
    summary:
      'first run only: `{org?, project?, owner?: {email, password}}` makes the organisation, a project, three environments, an admin token and the first owner (409 afterwards)',
    access: 'public',
    params: noParams,
    query: emptyQuery,
    body: bootstrapBody,
    rpc: { service: 'auth', method: 'Bootstrap' },
    request: ({ body }) => ({
      orgSlug: body.org,
      orgName: body.orgName ?? '',
      projectSlug: body.project,
      projectName: body.projectName ?? '',
      ownerEmail: body.owner?.email ?? '',
      ownerPassword: body.owner?.password ?? '',
    }),
    answer: (result) => ({ status: 201, data: result }),
  }),
];
