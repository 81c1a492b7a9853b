import type { Response } from 'express';
import { CofferError } from '@coffer/contract';

/** Set by `requestId` as a request arrives: the time every deadline of the request counts from. */
const RECEIVED_AT = 'receivedAt';

export function markReceived(res: Response): void {
  res.locals[RECEIVED_AT] = Date.now();
}

/**
 * What is left of a request's budget of `budgetMs` (counted from its arrival) for the next call it
 * makes: every nested call gets the remainder, not a fresh budget, so a request that spent two
 * seconds authenticating has three left for its service call, and the service sees that deadline.
 * @throws CofferError DEADLINE_EXCEEDED when nothing is left: the call is not made at all
 */
export function remainingMs(res: Response, budgetMs: number): number {
  const receivedAt = (res.locals[RECEIVED_AT] as number | undefined) ?? Date.now();
  const remaining = receivedAt + budgetMs - Date.now();
  if (remaining <= 0) throw new CofferError('DEADLINE_EXCEEDED', 'the request took too long; nothing more was done');
  return remaining;
}
