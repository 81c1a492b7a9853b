import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import { createOutageLog } from './outage-log.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger({ level: 'info', name: 'test', destination }), lines };
}

describe('outage log', () => {
  it('logs the first failure at once, then one line per interval with the count, then the recovery', () => {
    const { logger, lines } = capture();
    let clock = 1_000;
    const outage = createOutageLog({ logger, backend: 'PostgreSQL', intervalMs: 10_000, now: () => clock });

    for (let i = 0; i < 5_000; i++) {
      outage.failed('ECONNREFUSED');
      clock += 3; // 5,000 failures over 15 s
    }
    outage.succeeded();
    outage.succeeded();

    expect(lines.map((line) => line.msg)).toEqual(['PostgreSQL is unavailable', 'PostgreSQL is still unavailable', 'PostgreSQL is available again']);
    expect(lines[1]).toMatchObject({ failures: 3_334, cause: 'ECONNREFUSED' });
    expect(lines[2]).toMatchObject({ failures: 5_000, downForMs: 15_000 });
  });

  it('says nothing while the backend answers, and starts a new story after a recovery', () => {
    const { logger, lines } = capture();
    const outage = createOutageLog({ logger, backend: 'Redis' });
    outage.succeeded();
    expect(lines).toEqual([]);
    outage.failed('timeout');
    outage.succeeded();
    outage.failed('timeout');
    expect(lines.map((line) => line.msg)).toEqual(['Redis is unavailable', 'Redis is available again', 'Redis is unavailable']);
  });
});
