import type pg from 'pg';
import { isCofferError, type CofferError } from '@coffer/contract';

/** Tests only: what a call failed with; fails the test if it succeeded or threw something else. */
export async function failure(call: Promise<unknown>): Promise<CofferError> {
  const outcome = await call.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!isCofferError(outcome)) throw new Error(`expected a CofferError, got ${outcome === undefined ? 'success' : String(outcome)}`);
  return outcome;
}

/** Tests only: row counts of the hierarchy's tables, read as the owner (no row-level security), to show a refusal changed nothing. */
export async function hierarchyCounts(owner: pg.Client): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of ['platform_state', 'organizations', 'projects', 'environments', 'api_tokens']) {
    result[table] = (await owner.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n;
  }
  return result;
}
