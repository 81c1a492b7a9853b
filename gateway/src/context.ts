import type { Response } from 'express';
import { CofferError } from '@coffer/contract';
import type { OutgoingContext, Principal } from '@coffer/grpc';

export function callContext(res: Response): OutgoingContext {
  const principal = res.locals.principal as Principal | undefined;
  return { requestId: res.locals.requestId as string, ...(principal ? { principal } : {}) };
}

export function principalOf(res: Response): Principal {
  const principal = res.locals.principal as Principal | undefined;
  if (!principal) throw new CofferError('UNAUTHENTICATED', 'a valid bearer token is required');
  return principal;
}

/**
 * A token belongs to one organisation. Any other organisation in the path answers 404, exactly as
 * a missing one would, so a token cannot even learn which other organisations exist.
 */
export function requireOwnOrg(res: Response, orgSlug: string): Principal {
  const principal = principalOf(res);
  if (principal.orgSlug !== orgSlug) throw new CofferError('NOT_FOUND', `organisation '${orgSlug}' not found`);
  return principal;
}
