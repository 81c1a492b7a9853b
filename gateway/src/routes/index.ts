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

/** Every REST route of /api/v1, grouped by resource. */
export const ROUTES: readonly Route[] = [
  ...bootstrapRoutes,
  ...identityRoutes,
  ...meRoutes,
  ...orgRoutes,
  ...projectRoutes,
  ...tokenRoutes,
  ...accessRoutes,
  ...breakGlassRoutes,
  ...auditRoutes,
  ...secretRoutes,
  ...approvalRoutes,
  ...syncRoutes,
];
