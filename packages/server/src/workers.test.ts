import { describe, expect, it } from 'vitest';
import { ConfigError } from '@coffer/config';
import { workerCount } from './workers.js';

const shared = { embeddedDatabase: false, inProcessKv: false };

describe('workerCount', () => {
  it('runs one worker per core on PostgreSQL and Redis when asked for auto', () => {
    expect(workerCount('auto', shared, 8)).toBe(8);
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
