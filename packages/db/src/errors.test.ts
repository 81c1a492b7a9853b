import { describe, expect, it } from 'vitest';
import { isCofferError } from '@coffer/contract';
import { isUnavailable, mapDatabaseError } from './errors.js';

const withCode = (code: string, message = 'boom') => Object.assign(new Error(message), { code });

describe('database errors at the one edge that maps them', () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a reset connection', withCode('ECONNRESET')],
    ['an unknown host', withCode('ENOTFOUND')],
    ['PostgreSQL shutting down', withCode('57P01', 'terminating connection due to administrator command')],
    ['PostgreSQL starting up', withCode('57P03', 'the database system is starting up')],
    ['too many connections', withCode('53300', 'sorry, too many clients already')],
    ['a connection failure of class 08', withCode('08006')],
    [
      'a pool that found no connection in time',
      Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), { name: 'KnexTimeoutError' }),
    ],
    ['a connection that ended mid-query', new Error('Connection terminated unexpectedly')],
    ['a server that accepted the connection and never answered its start-up', new Error('timeout expired')],
    ['a lock not granted within lock_timeout', withCode('55P03', 'canceling statement due to lock timeout')],
  ])('answers %s as UNAVAILABLE, keeping the cause and saying nothing of it', (_, err) => {
    const mapped = mapDatabaseError(err);
    expect(isCofferError(mapped) && mapped.code).toBe('UNAVAILABLE');
    expect((mapped as Error).message).toMatch(/^the (database is unavailable|resource is busy); retry later$/);
    expect((mapped as Error).cause).toBe(err);
  });

  it('answers a statement ended by statement_timeout as DEADLINE_EXCEEDED: its transaction rolled back', () => {
    const err = withCode('57014', 'canceling statement due to statement timeout');
    const mapped = mapDatabaseError(err);
    expect(isCofferError(mapped) && mapped.code).toBe('DEADLINE_EXCEEDED');
    expect((mapped as Error).message).toBe('the database did not answer in time; nothing was changed');
  });

  it.each([
    ['a unique violation', withCode('23505', 'duplicate key value violates unique constraint')],
    ['a syntax error (a bug)', withCode('42601', 'syntax error at or near "selec"')],
    ['an out-of-range value', withCode('22003', 'value "99999999999" is out of range for type integer')],
    ['a plain error', new Error('something else')],
  ])('passes %s on unchanged: not an outage', (_, err) => {
    expect(isUnavailable(err)).toBe(false);
    expect(mapDatabaseError(err)).toBe(err);
  });
});
