import type { Route } from '../route.js';
import { accessRoutes } from './access.js';
import { approvalRoutes } from './approvals.js';
import { auditRoutes } from './audit.js';
import { bootstrapRoutes } from './bootstrap.js';
import { breakGlassRoutes } from './break-glass.js';
import { identityRoutes } from './identity.js';
import { meRoutes } from './me.js';
import { orgRoutes } from './orgs.js';
import { projectRoutes } from './projects.js';
import { secretRoutes } from './secrets.js';
import { syncRoutes } from './sync.js';
import { tokenRoutes } from './tokens.js';

/**
 * Every REST route of /api/v1, grouped by resource. Express tries routes in this order, one path
 * match each, so the hot ones (inject, reveal) come first; no path of one group matches a route of
 * another (routes.test.ts), so the order of the groups decides nothing else.
 */
export const ROUTE_GROUPS: readonly (readonly Route[])[] = [
  secretRoutes,
  bootstrapRoutes,
  identityRoutes,
  meRoutes,
  orgRoutes,
  projectRoutes,
  tokenRoutes,
  accessRoutes,
  breakGlassRoutes,
  auditRoutes,
  approvalRoutes,
  syncRoutes,
];

export const ROUTES: readonly Route[] = ROUTE_GROUPS.flat();
