import { describe, expect, it } from 'vitest';
import { ConfigError } from '@coffer/config';
import { isLocalDatabase, workerCount } from './workers.js';

const shared = { embeddedDatabase: false, inProcessKv: false };

describe('workerCount', () => {
  it('runs one worker per core on PostgreSQL and Redis when asked for auto', () => {
    expect(workerCount('auto', shared, 8)).toBe(8);
  });

  it('leaves a core to PostgreSQL when it runs on the same host, but never runs fewer than one worker', () => {
    expect(workerCount('auto', { ...shared, localDatabase: true }, 8)).toBe(7);
    expect(workerCount('auto', { ...shared, localDatabase: true }, 2)).toBe(1);
    expect(workerCount('auto', { ...shared, localDatabase: true }, 1)).toBe(1);
    expect(workerCount(2, { ...shared, localDatabase: true }, 2)).toBe(2);
  });

  it.each([
    ['postgres://coffer@127.0.0.1:5432/coffer', true],
    ['postgres://coffer@127.8.0.1/coffer', true],
    ['postgres://coffer@localhost/coffer', true],
    ['postgres://coffer@[::1]:5432/coffer', true],
    ['postgres://coffer@/coffer?host=/var/run/postgresql', true],
    ['postgres://coffer@db.internal:5432/coffer', false],
    ['postgres://coffer@10.0.0.5/coffer', false],
    ['postgres://coffer@127.example.com/coffer', false],
    ['not a url', false],
  ])('tells that %s is on this host: %s', (url, local) => {
    expect(isLocalDatabase(url)).toBe(local);
  });

  it('runs one process on the embedded default however many cores there are', () => {
    expect(workerCount('auto', { embeddedDatabase: true, inProcessKv: true }, 8)).toBe(1);
    expect(workerCount('auto', { embeddedDatabase: false, inProcessKv: true }, 8)).toBe(1);
  });

  it('takes an explicit count, and refuses more than one where state would split between processes', () => {
    expect(workerCount(3, shared, 2)).toBe(3);
    expect(workerCount(1, { embeddedDatabase: true, inProcessKv: true }, 8)).toBe(1);
    expect(() => workerCount(2, { embeddedDatabase: false, inProcessKv: true }, 8)).toThrow(ConfigError);
    expect(() => workerCount(2, { embeddedDatabase: true, inProcessKv: false }, 8)).toThrow(/COFFER_WORKERS: more than one worker needs DATABASE_URL/);
  });
});
