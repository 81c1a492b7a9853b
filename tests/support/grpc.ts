import { isCofferError } from '@coffer/contract';

/** The error code a gRPC call failed with, or 'OK'; anything that is not a CofferError is rethrown. */
export async function codeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'OK';
  } catch (err) {
    if (isCofferError(err)) return err.code;
    throw err;
  }
}
