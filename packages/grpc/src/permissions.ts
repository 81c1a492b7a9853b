import { CofferError } from './errors.js';

/**
 * The permission catalogue. Part of the contract: the Auth service grants these to tokens and
 * every service checks them against the principal that travels with the call.
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

/** Throws PERMISSION_DENIED naming the missing permission unless every one is granted. */
export function requirePermissions(granted: readonly string[], ...needed: Permission[]): void {
  const missing = needed.filter((permission) => !hasPermission(granted, permission));
  if (missing.length > 0) {
    throw new CofferError('PERMISSION_DENIED', `missing permission: ${missing.join(', ')}`);
  }
}
