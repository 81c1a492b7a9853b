import { route } from '../route.js';
import { auditQuery, orgParams } from '../schemas.js';

export const auditRoutes = [
  route({
    method: 'get',
    path: '/orgs/:org/audit',
    summary: 'search the audit trail, newest first: `?action=&resource=&limit=`',
    params: orgParams,
    query: auditQuery,
    rpc: { service: 'audit', method: 'Search' },
    request: ({ query }) => ({ action: query.action ?? '', resourcePrefix: query.resource ?? '', limit: query.limit ?? 100 }),
    answer: ({ events }) => ({ data: { events } }),
  }),
];
