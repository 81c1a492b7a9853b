import { CofferError, authorize, hasPermission, isAuthorized, type Permission, type Resource } from '@coffer/contract';
import type { Principal } from './metadata.js';

/**
 * Who may call an RPC. Each service declares one rule per RPC next to its handlers (its access
 * table); the gRPC adapter enforces the rule before the handler runs, so no handler checks
 * permissions itself and no RPC can be served without a rule. Rules are data, so the README's
 * permission table is generated from them (`pnpm docs:permissions`) and cannot drift.
 */
export type AccessRule<Request> =
  /** Anyone who reaches the port: the call itself proves who it is (Authenticate, Login) or is one-shot (Bootstrap); a principal it carries anyway is verified and handed on. */
  | { kind: 'public' }
  /** Only these Coffer services, proven by a signed service assertion. */
  | { kind: 'service'; services: readonly string[] }
  /** A principal signed by Auth, holding every permission listed (and those of the extras that apply), on the resource named. */
  | {
      kind: 'principal';
      permissions: readonly Permission[];
      /** At least one of these too, when set (SetSecret: `create` or `update`; which one, the stored key decides). */
      anyOf?: readonly Permission[];
      /** Permissions a request needs besides, depending on what it asks. */
      extras: readonly ExtraPermissions<Request>[];
      /** What is acted on; the principal's own organisation when absent. */
      resource?: (request: Request, principal: Principal) => Resource;
      /**
       * The caller's own account or token, not an organisation's resources: a signed-in user's
       * principal outside any organisation passes, and only the permissions are checked.
       */
      self?: true;
    };

/** Permissions that some requests of an RPC need on top of its own. */
export interface ExtraPermissions<Request> {
  /** When, as the API reference says it (`with reveal=true`). */
  when: string;
  /** Whether this request, by this principal (on the rule's resource), needs them. */
  applies(request: Request, principal: Principal): boolean;
  /** Which; a function for permissions the request itself names (those of a token to issue). */
  needs: readonly Permission[] | ((request: Request) => readonly Permission[]);
}

export const publicAccess = { kind: 'public' } as const;

export function servicesOnly(...services: string[]): AccessRule<unknown> {
  return { kind: 'service', services };
}

/** A principal with these permissions (none: any principal of the organisation) on the resource named, and the extras that apply. */
export function principalWith<Request = unknown>(
  permissions: readonly Permission[],
  resource?: (request: Request, principal: Principal) => Resource,
  extras: readonly ExtraPermissions<Request>[] = [],
): AccessRule<Request> {
  return resource ? { kind: 'principal', permissions, extras, resource } : { kind: 'principal', permissions, extras };
}

/** As principalWith, needing at least one of `anyOf` besides. */
export function principalWithAnyOf<Request = unknown>(
  anyOf: readonly Permission[],
  resource: (request: Request, principal: Principal) => Resource,
  extras: readonly ExtraPermissions<Request>[] = [],
): AccessRule<Request> {
  return { kind: 'principal', permissions: [], anyOf, extras, resource };
}

/** Any principal, a signed-in user's outside any organisation too, holding these permissions: for calls about the caller itself (`/me`). */
export function selfWith<Request = unknown>(permissions: readonly Permission[]): AccessRule<Request> {
  return { kind: 'principal', permissions, extras: [], self: true };
}

/** The permissions a request needs under a principal rule. */
export function permissionsNeeded<Request>(rule: AccessRule<Request> & { kind: 'principal' }, request: Request, principal: Principal): readonly Permission[] {
  const extra = rule.extras
    .filter((extra) => extra.applies(request, principal))
    .flatMap((extra) => (typeof extra.needs === 'function' ? extra.needs(request) : extra.needs));
  return extra.length === 0 ? rule.permissions : [...rule.permissions, ...extra];
}

/** Runs a principal rule through the one decision point, `authorize`. */
export function enforce<Request>(rule: AccessRule<Request> & { kind: 'principal' }, request: Request, principal: Principal): void {
  if (rule.self) {
    const missing = rule.permissions.filter((permission) => !hasPermission(principal.permissions, permission));
    if (missing.length > 0) throw new CofferError('PERMISSION_DENIED', `missing permission: ${missing.join(', ')}`);
    return;
  }
  const resource = rule.resource ? rule.resource(request, principal) : { orgId: principal.orgId };
  authorize(principal, permissionsNeeded(rule, request, principal), resource);
  // Refused with every alternative named: holding none of them is what is missing.
  if (rule.anyOf && !rule.anyOf.some((permission) => isAuthorized(principal, [permission], resource))) authorize(principal, rule.anyOf, resource);
}
