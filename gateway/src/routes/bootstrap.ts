import { route } from '../route.js';
import { bootstrapBody, emptyQuery, noParams } from '../schemas.js';

/** First-run setup, answered 409 once anything exists. No token, by nature. */
export const bootstrapRoutes = [
  route({
    method: 'post',
    path: '/bootstrap',
    summary: 'first run only: `{org?, project?}` makes the organisation, a project, three environments and an admin token (409 afterwards)',
    access: 'public',
    params: noParams,
    query: emptyQuery,
    body: bootstrapBody,
    rpc: { service: 'auth', method: 'Bootstrap' },
    request: ({ body }) => ({ orgSlug: body.org, orgName: body.orgName ?? '', projectSlug: body.project, projectName: body.projectName ?? '' }),
    answer: (result) => ({ status: 201, data: result }),
  }),
];
