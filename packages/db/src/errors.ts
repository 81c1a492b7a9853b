import { CofferError, isCofferError } from '@coffer/contract';

/** PostgreSQL SQLSTATEs the stores translate into domain errors. */
const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';
const SERIALIZATION_FAILURE = '40001';
const DEADLOCK_DETECTED = '40P01';
/** statement_timeout (or a cancel request) ended the statement. */
const QUERY_CANCELED = '57014';
/** lock_timeout: a row or table lock was not granted in time. */
const LOCK_NOT_AVAILABLE = '55P03';

function sqlState(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = (err as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

export function isUniqueViolation(err: unknown): boolean {
  return sqlState(err) === UNIQUE_VIOLATION;
}

export function isForeignKeyViolation(err: unknown): boolean {
  return sqlState(err) === FOREIGN_KEY_VIOLATION;
}

export function isSerializationFailure(err: unknown): boolean {
  return sqlState(err) === SERIALIZATION_FAILURE;
}

export function isDeadlock(err: unknown): boolean {
  return sqlState(err) === DEADLOCK_DETECTED;
}

// Errors that mean PostgreSQL cannot be reached or cannot serve now, not that the query was wrong.
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
// Class 08 (connection exception), admin/crash shutdown, cannot connect now, too many connections.
const UNAVAILABLE_SQLSTATES = /^(08...|57P0[1-3]|53300)$/;
// `timeout expired`: pg could not open a connection within connectionTimeoutMillis (a server that accepts TCP and says nothing).
const UNAVAILABLE_MESSAGES = /Connection terminated|not queryable|Knex: Timeout acquiring a connection|Connection ended|^timeout expired$/i;

/** Whether `err` says the database is out of reach (an outage), as opposed to a bad query or a bug. */
export function isUnavailable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const code = sqlState(err);
  if (code !== undefined && (UNAVAILABLE_NODE_CODES.has(code) || UNAVAILABLE_SQLSTATES.test(code))) return true;
  if ((err as { name?: unknown }).name === 'KnexTimeoutError') return true;
  const message = (err as { message?: unknown }).message;
  return typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message);
}

/**
 * The one edge where a database failure becomes a CofferError: an outage is UNAVAILABLE (503, the
 * caller may retry), never a corrupt or missing secret; a statement ended by its timeout is
 * DEADLINE_EXCEEDED (its transaction rolled back); a lock not granted in time is UNAVAILABLE too
 * (busy, retry); everything else passes on unchanged.
 */
export function mapDatabaseError(err: unknown): unknown {
  if (isCofferError(err)) return err;
  if (isUnavailable(err)) return new CofferError('UNAVAILABLE', 'the database is unavailable; retry later', { cause: err });
  const code = sqlState(err);
  if (code === QUERY_CANCELED) return new CofferError('DEADLINE_EXCEEDED', 'the database did not answer in time; nothing was changed', { cause: err });
  if (code === LOCK_NOT_AVAILABLE) return new CofferError('UNAVAILABLE', 'the resource is busy; retry later', { cause: err });
  return err;
}
