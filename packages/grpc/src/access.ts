import { authorize, type Permission, type Resource } from '@coffer/contract';
import type { Principal } from './metadata.js';

/**
 * Who may call an RPC. Each service declares one rule per RPC next to its handlers (its access
 * table); the gRPC adapter enforces the rule before the handler runs, so no handler checks
 * permissions itself and no RPC can be served without a rule.
 */
export type AccessRule<Request> =
  /** Anyone who reaches the port: the call itself proves who it is (Authenticate) or is one-shot (Bootstrap). */
  | { kind: 'public' }
  /** Only these Coffer services, proven by a signed service assertion. */
  | { kind: 'service'; services: readonly string[] }
  /** A principal signed by Auth, holding every permission listed, on the resource named. */
  | {
      kind: 'principal';
      permissions: Permissions<Request>;
      /** What is acted on; the principal's own organisation when absent. */
      resource?: (request: Request, principal: Principal) => Resource;
    };

export const publicAccess = { kind: 'public' } as const;

export function servicesOnly(...services: string[]): AccessRule<unknown> {
  return { kind: 'service', services };
}

type Permissions<Request> = readonly Permission[] | ((request: Request) => readonly Permission[]);

/** A principal with these permissions (none: any principal of the organisation) on the resource named. */
export function principalWith<Request = unknown>(
  permissions: Permissions<Request>,
  resource?: (request: Request, principal: Principal) => Resource,
): AccessRule<Request> {
  return resource ? { kind: 'principal', permissions, resource } : { kind: 'principal', permissions };
}

/** Runs a principal rule through the one decision point, `authorize`. */
export function enforce<Request>(rule: AccessRule<Request> & { kind: 'principal' }, request: Request, principal: Principal): void {
  const needed = typeof rule.permissions === 'function' ? rule.permissions(request) : rule.permissions;
  authorize(principal, needed, rule.resource ? rule.resource(request, principal) : { orgId: principal.orgId });
}
