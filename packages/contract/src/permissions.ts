import { CofferError } from './errors.js';

/**
 * What can be granted on an environment. `read` never implies `reveal`: seeing that a secret exists
 * (its key, type, version, dates, who changed it) is not seeing its value.
 */
export const ENVIRONMENT_PERMISSIONS = {
  read: 'see that secrets exist: keys, types, versions, dates, who changed them, history',
  reveal: 'read values one at a time, and diffs of them',
  export: 'read every value of an environment at once (inject, pull, sync)',
  create: 'create secrets',
  update: 'change existing secrets: set, roll back, restore',
  delete: 'soft-delete secrets',
  purge: 'delete secrets and all their versions irreversibly',
  approve: 'approve or reject change requests of a protected environment',
} as const;

/** What can be granted on a whole project (a grant without environments) as well as on the organisation. */
export const PROJECT_PERMISSIONS = {
  'hierarchy:write': 'create projects (organisation-wide) and environments, and protect environments',
  'members:manage': 'manage members, roles and grants (within a project: that project’s grants)',
} as const;

/** What only an organisation-wide role or token holds. */
export const ORGANIZATION_PERMISSIONS = {
  admin: 'every permission in the organisation',
  'orgs:create': 'create new organisations',
  'tokens:manage': 'create, rotate and revoke service accounts’ tokens (never one stronger than the caller)',
  'audit:read': 'search the audit trail',
} as const;

/** The permission catalogue: the names the API and the CLI take, and what each allows. */
export const PERMISSIONS = { ...ORGANIZATION_PERMISSIONS, ...PROJECT_PERMISSIONS, ...ENVIRONMENT_PERMISSIONS } as const;

export type Permission = keyof typeof PERMISSIONS;
export type EnvironmentPermission = keyof typeof ENVIRONMENT_PERMISSIONS;
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];
export const ENVIRONMENT_PERMISSION_NAMES = Object.keys(ENVIRONMENT_PERMISSIONS) as EnvironmentPermission[];
/** What a grant on a project (all its environments) may hold. */
export const PROJECT_GRANTABLE = [...ENVIRONMENT_PERMISSION_NAMES, ...(Object.keys(PROJECT_PERMISSIONS) as Permission[])] as const;

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}

export function isEnvironmentPermission(value: string): value is EnvironmentPermission {
  return Object.hasOwn(ENVIRONMENT_PERMISSIONS, value);
}

export function hasPermission(granted: readonly string[], needed: Permission): boolean {
  return granted.includes('admin') || granted.includes(needed);
}

/**
 * Permissions on one project: on every environment of it (`environments` empty), or on those named.
 * A grant of a break-glass access names it, so that what is done under it is marked.
 */
export interface Grant {
  project: string;
  environments: readonly string[];
  permissions: readonly string[];
  breakGlassId?: string;
}

/**
 * Who asks, as far as a decision needs: the organisation the principal acts in, what it holds
 * organisation-wide (`permissions`: every project and environment) and its grants on projects.
 */
export interface Subject {
  orgId: string;
  permissions: readonly string[];
  grants?: readonly Grant[];
}

/** What is acted on: an organisation, or a project or environment in it (by slug). */
export interface Resource {
  orgId: string;
  project?: string;
  environment?: string;
}

/** The answers for what does not exist, or is not the caller's to know of: one spelling for both. */
export const notFound = {
  organization: () => new CofferError('NOT_FOUND', 'organisation not found'),
  project: (project: string) => new CofferError('NOT_FOUND', `project '${project}' not found`),
  environment: (environment: string, project: string) => new CofferError('NOT_FOUND', `environment '${environment}' not found in project '${project}'`),
};

/** Anything held organisation-wide shows the whole hierarchy; otherwise only what a grant names. */
const seesEverything = (subject: Subject) => subject.permissions.length > 0;

const covers = (grant: Grant, environment: string) => grant.environments.length === 0 || grant.environments.includes(environment);

/** Whether the subject may know that the project (and environment) exists. */
function sees(subject: Subject, project: string, environment: string | undefined): boolean {
  if (seesEverything(subject)) return true;
  return (subject.grants ?? []).some((grant) => grant.project === project && (environment === undefined || covers(grant, environment)));
}

/** Every permission the subject holds on the resource: organisation-wide, and through the grants that cover it. */
function held(subject: Subject, resource: Resource): readonly string[] {
  const grants = subject.grants ?? [];
  if (resource.project === undefined || grants.length === 0) return subject.permissions;
  const { project, environment } = resource;
  const permissions = [...subject.permissions];
  for (const grant of grants) {
    // A grant on some environments says nothing about the project as a whole.
    const applies = grant.project === project && (environment === undefined ? grant.environments.length === 0 : covers(grant, environment));
    if (applies) permissions.push(...grant.permissions);
  }
  return permissions;
}

/** Why the subject may not act, or undefined when it may. */
function refusal(subject: Subject, needed: readonly Permission[], resource: Resource): CofferError | undefined {
  // A signed-in user's principal outside any organisation (`/me`) acts on no organisation's resources.
  if (!subject.orgId || subject.orgId !== resource.orgId) return notFound.organization();
  if (subject.permissions.includes('admin')) return undefined;
  if (resource.project !== undefined && !sees(subject, resource.project, resource.environment)) {
    return resource.environment === undefined || !sees(subject, resource.project, undefined)
      ? notFound.project(resource.project)
      : notFound.environment(resource.environment, resource.project);
  }
  const holds = held(subject, resource);
  const missing = needed.filter((permission) => !hasPermission(holds, permission));
  if (missing.length > 0) return new CofferError('PERMISSION_DENIED', `missing permission: ${[...new Set(missing)].join(', ')}`);
  return undefined;
}

/**
 * The one authorization decision of the platform. What the caller may not know of (another
 * organisation, or a project or environment it holds nothing on) is NOT_FOUND, spelt exactly as a
 * missing one, so a caller learns nothing of what it cannot see; a missing permission on what it
 * can see is PERMISSION_DENIED naming it (permission names are public vocabulary, never data).
 */
export function authorize(subject: Subject, needed: readonly Permission[], resource: Resource): void {
  const refused = refusal(subject, needed, resource);
  if (refused) throw refused;
}

/**
 * The same decision as a boolean, for shaping an answer (what a caller may be shown), never for
 * admitting a call. Asked several times on every Secret call, so it decides without building a refusal.
 */
export function isAuthorized(subject: Subject, needed: readonly Permission[], resource: Resource): boolean {
  if (!subject.orgId || subject.orgId !== resource.orgId) return false;
  if (subject.permissions.includes('admin')) return true;
  if (resource.project !== undefined && !sees(subject, resource.project, resource.environment)) return false;
  const holds = held(subject, resource);
  return needed.every((permission) => hasPermission(holds, permission));
}

/**
 * Which of `candidates` the subject holds on the resource: the same answers as `isAuthorized` asked
 * once per permission, with the grants gone through once (a Secret call asks about every
 * environment permission to shape its answer).
 */
export function authorizedOf<P extends Permission>(subject: Subject, candidates: readonly P[], resource: Resource): P[] {
  if (!subject.orgId || subject.orgId !== resource.orgId) return [];
  if (subject.permissions.includes('admin')) return [...candidates];
  if (resource.project !== undefined && !sees(subject, resource.project, resource.environment)) return [];
  const holds = held(subject, resource);
  return candidates.filter((permission) => holds.includes(permission));
}

/** The projects of its organisation the subject may know of: all, or those its grants name. */
export function visibleProjects(subject: Subject): 'all' | ReadonlySet<string> {
  if (seesEverything(subject)) return 'all';
  return new Set((subject.grants ?? []).map((grant) => grant.project));
}

/** The environments of a project the subject may know of: all, or those its grants name. */
export function visibleEnvironments(subject: Subject, project: string): 'all' | ReadonlySet<string> {
  if (seesEverything(subject)) return 'all';
  const grants = (subject.grants ?? []).filter((grant) => grant.project === project);
  if (grants.some((grant) => grant.environments.length === 0)) return 'all';
  return new Set(grants.flatMap((grant) => grant.environments));
}

/**
 * The break-glass access under which the subject acts on an environment, if any: what is done
 * there is marked with it in the audit trail.
 */
export function breakGlassOn(subject: Subject, resource: Resource): string | undefined {
  if (resource.project === undefined || resource.environment === undefined) return undefined;
  const environment = resource.environment;
  return (subject.grants ?? []).find((grant) => grant.breakGlassId && grant.project === resource.project && covers(grant, environment))?.breakGlassId;
}

/** The organisation roles; what each grants is data (the `roles` table), not code. */
export const ORG_ROLE_NAMES = ['owner', 'admin', 'member'] as const;
export type OrgRole = (typeof ORG_ROLE_NAMES)[number];

export function isOrgRole(value: string): value is OrgRole {
  return (ORG_ROLE_NAMES as readonly string[]).includes(value);
}

/** The built-in project roles; custom ones are made of permissions by each organisation. */
export const PROJECT_ROLE_NAMES = ['admin', 'developer', 'viewer'] as const;
