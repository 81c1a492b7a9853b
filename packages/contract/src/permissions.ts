import { CofferError } from './errors.js';

/**
 * The permission catalogue. The Auth service grants these to tokens; every service declares which
 * one each of its RPCs needs, and `authorize` decides.
 */
export const PERMISSIONS = {
  admin: 'every permission in the organisation',
  'secrets:read': 'list secrets and read their metadata and history',
  'secrets:reveal': 'read secret values, one at a time, and diffs of them',
  'secrets:export': 'read every value of an environment at once (inject, pull)',
  'secrets:write': 'create, update, roll back and restore secrets',
  'secrets:delete': 'soft-delete secrets',
  'secrets:purge': 'delete secrets and all their versions irreversibly',
  'hierarchy:write': 'create projects and environments',
  'orgs:create': 'create new organisations',
  'tokens:manage': 'issue and revoke API tokens',
  'members:manage': 'invite people to the organisation',
  'audit:read': 'search the audit trail',
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}

export function hasPermission(granted: readonly string[], needed: Permission): boolean {
  return granted.includes('admin') || granted.includes(needed);
}

/** Who asks, as far as a decision needs: the organisation the principal acts in and what it was granted. */
export interface Subject {
  orgId: string;
  permissions: readonly string[];
}

/**
 * What is acted on: an organisation, or a project or environment in it (by slug). Every decision
 * names one, so that per-project and per-environment grants can be decided here later.
 */
export interface Resource {
  orgId: string;
  project?: string;
  environment?: string;
}

/**
 * The one authorization decision of the platform. A resource in another organisation is NOT_FOUND,
 * exactly as a missing one, so a caller learns nothing of other tenants; a missing permission is
 * PERMISSION_DENIED naming it (permission names are public vocabulary, never data).
 */
export function authorize(subject: Subject, needed: readonly Permission[], resource: Resource): void {
  // A signed-in user's principal outside any organisation (`/me`) acts on no organisation's resources.
  if (!subject.orgId || subject.orgId !== resource.orgId) throw new CofferError('NOT_FOUND', 'organisation not found');
  const missing = needed.filter((permission) => !hasPermission(subject.permissions, permission));
  if (missing.length > 0) throw new CofferError('PERMISSION_DENIED', `missing permission: ${[...new Set(missing)].join(', ')}`);
}

/**
 * The same decision as a boolean, for shaping an answer (what a caller may be shown), never for
 * admitting a call. Asked on every Secret call, so it decides without building a refusal.
 */
export function isAuthorized(subject: Subject, needed: readonly Permission[], resource: Resource): boolean {
  return subject.orgId !== '' && subject.orgId === resource.orgId && needed.every((permission) => hasPermission(subject.permissions, permission));
}

/**
 * What a member of an organisation may do, by role. Until per-project roles and grants exist, an
 * owner and an admin hold every permission (an owner cannot be removed by an admin: the members
 * API), a member works with secrets but manages nobody.
 */
export const ORG_ROLES = {
  owner: ['admin'],
  admin: ['admin'],
  member: ['secrets:read', 'secrets:reveal', 'secrets:export', 'secrets:write', 'secrets:delete'],
} as const satisfies Record<string, readonly Permission[]>;

export type OrgRole = keyof typeof ORG_ROLES;
export const ORG_ROLE_NAMES = Object.keys(ORG_ROLES) as OrgRole[];

export function isOrgRole(value: string): value is OrgRole {
  return Object.hasOwn(ORG_ROLES, value);
}

/** The permissions a role grants, or none for a name that is not a role. */
export function rolePermissions(role: string): Permission[] {
  return isOrgRole(role) ? [...ORG_ROLES[role]] : [];
}
