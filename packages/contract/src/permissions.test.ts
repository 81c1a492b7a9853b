import { describe, expect, it } from 'vitest';
import {
  authorize,
  authorizedOf,
  breakGlassOn,
  isAuthorized,
  visibleEnvironments,
  visibleProjects,
  type Grant,
  type Permission,
  type Resource,
  type Subject,
} from './permissions.js';

const orgId = 'org-a';
const staging: Grant = { project: 'api', environments: ['staging'], permissions: ['read', 'reveal', 'export'] };
const wholeWeb: Grant = { project: 'web', environments: [], permissions: ['read', 'hierarchy:write'] };
const member: Subject = { orgId, permissions: [], grants: [staging, wholeWeb] };

function outcome(subject: Subject, needed: Permission[], resource: Resource): string {
  try {
    authorize(subject, needed, resource);
    return 'allowed';
  } catch (err) {
    const { code, message } = err as { code: string; message: string };
    return `${code}: ${message}`;
  }
}

describe('authorize with grants', () => {
  it('admits what a grant gives on its environment, and names what is missing there', () => {
    expect(outcome(member, ['read', 'export'], { orgId, project: 'api', environment: 'staging' })).toBe('allowed');
    expect(outcome(member, ['create'], { orgId, project: 'api', environment: 'staging' })).toBe('PERMISSION_DENIED: missing permission: create');
  });

  it('answers another environment, project or organisation as not found, spelt as a missing one', () => {
    expect(outcome(member, ['read'], { orgId, project: 'api', environment: 'production' })).toBe(
      "NOT_FOUND: environment 'production' not found in project 'api'",
    );
    expect(outcome(member, ['read'], { orgId, project: 'billing', environment: 'staging' })).toBe("NOT_FOUND: project 'billing' not found");
    expect(outcome(member, [], { orgId, project: 'billing' })).toBe("NOT_FOUND: project 'billing' not found");
    expect(outcome(member, ['read'], { orgId: 'org-b', project: 'api', environment: 'staging' })).toBe('NOT_FOUND: organisation not found');
  });

  it('gives a grant on a whole project on every environment, existing or later, and on the project itself', () => {
    expect(outcome(member, ['read'], { orgId, project: 'web', environment: 'anything' })).toBe('allowed');
    expect(outcome(member, ['hierarchy:write'], { orgId, project: 'web' })).toBe('allowed');
    // A grant on one environment says nothing about the project as a whole.
    expect(outcome(member, ['read'], { orgId, project: 'api' })).toBe('PERMISSION_DENIED: missing permission: read');
  });

  it('never lets read stand for reveal, nor a project permission for the organisation', () => {
    expect(
      outcome({ orgId, permissions: [], grants: [{ ...staging, permissions: ['read'] }] }, ['reveal'], { orgId, project: 'api', environment: 'staging' }),
    ).toBe('PERMISSION_DENIED: missing permission: reveal');
    expect(outcome(member, ['hierarchy:write'], { orgId })).toBe('PERMISSION_DENIED: missing permission: hierarchy:write');
  });

  it('lets organisation-wide permissions apply everywhere and show the whole hierarchy; admin holds all', () => {
    const legacy: Subject = { orgId, permissions: ['read'] };
    expect(outcome(legacy, ['read'], { orgId, project: 'any', environment: 'where' })).toBe('allowed');
    expect(outcome(legacy, ['reveal'], { orgId, project: 'any', environment: 'where' })).toBe('PERMISSION_DENIED: missing permission: reveal');
    expect(outcome({ orgId, permissions: ['admin'] }, ['purge', 'tokens:manage'], { orgId, project: 'any', environment: 'where' })).toBe('allowed');
  });

  it('refuses a principal outside any organisation everything of an organisation', () => {
    expect(outcome({ orgId: '', permissions: ['orgs:create'] }, [], { orgId: '' })).toBe('NOT_FOUND: organisation not found');
  });
});

describe('what a subject may know of', () => {
  it('lists the projects and environments its grants name, or all with anything organisation-wide', () => {
    expect([...(visibleProjects(member) as Set<string>)].sort()).toEqual(['api', 'web']);
    expect([...(visibleEnvironments(member, 'api') as Set<string>)]).toEqual(['staging']);
    expect(visibleEnvironments(member, 'web')).toBe('all');
    expect([...(visibleEnvironments(member, 'billing') as Set<string>)]).toEqual([]);
    expect(visibleProjects({ orgId, permissions: ['audit:read'] })).toBe('all');
  });

  it('names the break-glass access an environment is acted on under', () => {
    const glass: Subject = {
      orgId,
      permissions: [],
      grants: [staging, { project: 'api', environments: ['production'], permissions: ['read'], breakGlassId: 'bg-1' }],
    };
    expect(breakGlassOn(glass, { orgId, project: 'api', environment: 'production' })).toBe('bg-1');
    expect(breakGlassOn(glass, { orgId, project: 'api', environment: 'staging' })).toBeUndefined();
  });
});

describe('isAuthorized', () => {
  it('decides exactly as authorize does, for every subject, need and resource', () => {
    const subjects: Subject[] = [
      { orgId, permissions: [] },
      { orgId, permissions: ['read'] },
      { orgId, permissions: ['read', 'create', 'update'] },
      { orgId, permissions: ['admin'] },
      member,
    ];
    const needs: Permission[][] = [[], ['read'], ['read', 'create', 'update'], ['tokens:manage'], ['hierarchy:write']];
    const resources: Resource[] = [];
    for (const org of [orgId, 'org-b']) {
      resources.push({ orgId: org });
      for (const project of ['api', 'web', 'billing']) {
        resources.push({ orgId: org, project });
        for (const environment of ['staging', 'production']) resources.push({ orgId: org, project, environment });
      }
    }
    for (const subject of subjects) {
      for (const needed of needs) {
        for (const resource of resources) {
          const admitted = outcome(subject, needed, resource) === 'allowed';
          if (needed.length === 1) expect(authorizedOf(subject, needed, resource)).toEqual(admitted ? needed : []);
          expect(isAuthorized(subject, needed, resource), `${JSON.stringify(subject)} needs ${needed} on ${JSON.stringify(resource)}`).toBe(admitted);
        }
      }
    }
  });
});
