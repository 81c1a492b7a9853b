import { describe, expect, it } from 'vitest';
import { authorize, isAuthorized, type Permission } from './permissions.js';

describe('isAuthorized', () => {
  it('decides exactly as authorize does, for every subject, need and resource', () => {
    const grants: string[][] = [[], ['secrets:read'], ['secrets:read', 'secrets:write'], ['admin']];
    const needs: Permission[][] = [[], ['secrets:read'], ['secrets:read', 'secrets:write'], ['tokens:manage']];
    for (const permissions of grants) {
      for (const needed of needs) {
        for (const orgId of ['org-a', 'org-b']) {
          const subject = { orgId: 'org-a', permissions };
          const resource = { orgId, project: 'api', environment: 'dev' };
          let admitted = true;
          try {
            authorize(subject, needed, resource);
          } catch {
            admitted = false;
          }
          expect(isAuthorized(subject, needed, resource), `${permissions} needs ${needed} in ${orgId}`).toBe(admitted);
        }
      }
    }
  });
});
