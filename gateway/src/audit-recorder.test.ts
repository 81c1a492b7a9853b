import { expect, it } from 'vitest';
import { CofferError } from '@coffer/contract';
import { createAuditRecorder, type AuditEventInput, type AuditGroup, type RecorderSpool } from './audit-recorder.js';

const event = (n: number): AuditEventInput => ({
  id: `id-${n}`,
  orgId: 'org',
  actorId: 'actor',
  actorType: 'api_token',
  action: `secret.read.${n}`,
  resource: 'r',
  outcome: 'success',
  requestId: `req-${n}`,
  ip: '127.0.0.1',
  userAgent: 'test',
  occurredAt: new Date().toISOString(),
});

it('sends events in batches and delivers everything on close', async () => {
  const batches: AuditEventInput[][] = [];
  const recorder = createAuditRecorder({
    send: async (groups) => void batches.push(groups.flatMap((g) => g.events)),
    flushMs: 60_000,
    batchSize: 10,
    onError: () => undefined,
  });
  for (let n = 0; n < 25; n++) recorder.record(event(n), 'principal');
  await recorder.close(1_000);
  expect(batches.flat().map((e) => e.requestId)).toEqual(Array.from({ length: 25 }, (_, n) => `req-${n}`));
  expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(10);
});

it('keeps a failed batch and retries it, in order, until it is delivered', async () => {
  const delivered: string[] = [];
  let failures = 2;
  const errors: number[] = [];
  const recorder = createAuditRecorder({
    send: async (groups) => {
      if (failures-- > 0) throw new Error('audit service unavailable');
      delivered.push(...groups.flatMap((g) => g.events).map((e) => e.requestId));
    },
    flushMs: 60_000,
    batchSize: 5,
    onError: (_err, pending) => errors.push(pending),
  });
  for (let n = 0; n < 7; n++) recorder.record(event(n), 'principal');
  await recorder.close(5_000);
  expect(delivered).toEqual(Array.from({ length: 7 }, (_, n) => `req-${n}`));
  expect(errors.length).toBe(2);
});

it('says how many events were lost when the audit service never comes back', async () => {
  const recorder = createAuditRecorder({ send: () => Promise.reject(new Error('down')), flushMs: 60_000, batchSize: 5, onError: () => undefined });
  recorder.record(event(1), 'principal');
  await expect(recorder.close(300)).rejects.toThrow(/1 events could not be delivered/);
});

it('groups each batch by the principal whose requests it records, in order', async () => {
  const sent: AuditGroup[][] = [];
  const recorder = createAuditRecorder({ send: async (groups) => void sent.push(groups), flushMs: 60_000, batchSize: 10, onError: () => undefined });
  ['a', 'b', 'a', 'c', 'b'].forEach((principal, n) => recorder.record(event(n), principal));
  await recorder.close(1_000);
  expect(sent).toHaveLength(1);
  expect(sent[0]!.map((group) => [group.principal, group.events.map((e) => e.requestId)])).toEqual([
    ['a', ['req-0', 'req-2']],
    ['b', ['req-1', 'req-4']],
    ['c', ['req-3']],
  ]);
});

it('drops only the events the Audit service refuses (and counts them), delivering the rest of their batch', async () => {
  const delivered: string[] = [];
  const dropped: number[] = [];
  const recorder = createAuditRecorder({
    send: async (groups) => {
      const events = groups.flatMap((g) => g.events);
      // The service refuses a whole batch for one bad event in it.
      if (events.some((e) => e.requestId === 'req-2')) throw new CofferError('PERMISSION_DENIED', 'not an event of the principal it is recorded for');
      delivered.push(...events.map((e) => e.requestId));
    },
    flushMs: 60_000,
    batchSize: 5,
    onError: () => undefined,
    onDropped: (count) => dropped.push(count),
  });
  for (let n = 0; n < 7; n++) recorder.record(event(n), 'principal');
  await recorder.close(1_000);
  expect(dropped).toEqual([1]);
  expect(delivered.sort()).toEqual(['req-0', 'req-1', 'req-3', 'req-4', 'req-5', 'req-6']);
});

it('keeps what is left of a split batch when the service goes away halfway, and delivers it later', async () => {
  const delivered: string[] = [];
  let calls = 0;
  const recorder = createAuditRecorder({
    send: async (groups) => {
      calls++;
      const events = groups.flatMap((g) => g.events);
      if (events.some((e) => e.requestId === 'req-0') && events.length > 1) throw new CofferError('INVALID_ARGUMENT', 'groups.0.events.0.resource: too long');
      // The second half of the split finds the service gone, once.
      if (calls === 3) throw new CofferError('UNAVAILABLE', 'audit service unavailable');
      delivered.push(...events.map((e) => e.requestId));
    },
    flushMs: 60_000,
    batchSize: 4,
    onError: () => undefined,
  });
  for (let n = 0; n < 4; n++) recorder.record(event(n), 'principal');
  await recorder.close(2_000);
  // req-0 alone was fine: only the mixed batch was refused.
  expect(delivered.sort()).toEqual(['req-0', 'req-1', 'req-2', 'req-3']);
});

it('keeps what arrives while a batch is on its way for the next flush, instead of a send per handful', async () => {
  const batches: number[] = [];
  let arriving = 0;
  const recorder = createAuditRecorder({
    send: async (groups) => {
      batches.push(groups.flatMap((g) => g.events).length);
      // Requests keep coming while the batch is on its way.
      for (let i = 0; i < 3; i++) recorder.record(event(100 + arriving++), 'principal');
      await new Promise((resolve) => setTimeout(resolve, 5));
    },
    flushMs: 60_000,
    batchSize: 100,
    onError: () => undefined,
  });
  for (let n = 0; n < 10; n++) recorder.record(event(n), 'principal');
  await recorder.flush();

  expect(batches).toEqual([10]);
  expect(recorder.pending()).toBe(3);
});

/** A spool in memory that says what the recorder asked of it. */
function spoolLog() {
  const appended: string[] = [];
  const settled: number[] = [];
  let seals = 0;
  let closed = false;
  const spool: RecorderSpool = {
    append: (entry) => (appended.push(entry.event.requestId), seals + 1),
    seal: async () => void seals++,
    settle: (segment) => void settled.push(segment),
    close: () => void (closed = true),
  };
  return { spool, appended, settled, seals: () => seals, closed: () => closed };
}

it('writes every event to the spool as it is recorded, and lets go of it only once delivered', async () => {
  const log = spoolLog();
  let up = false;
  const recorder = createAuditRecorder({
    send: async () => {
      if (!up) throw new Error('down');
    },
    spool: log.spool,
    flushMs: 60_000,
    batchSize: 100,
    onError: () => undefined,
  });
  for (let n = 0; n < 3; n++) recorder.record(event(n), 'principal');
  expect(log.appended).toEqual(['req-0', 'req-1', 'req-2']);
  await recorder.flush();
  // Sealed (fsync'd) before it was sent; nothing settled while the service is down.
  expect(log.seals()).toBe(1);
  expect(log.settled).toEqual([]);
  up = true;
  await recorder.close(1_000);
  expect(log.settled).toEqual([1, 1, 1]);
  expect(log.closed()).toBe(true);
});

it('fsyncs the spool once per flush interval however many batches fill in it', async () => {
  const log = spoolLog();
  const sent: number[] = [];
  const recorder = createAuditRecorder({
    send: async (groups) => void sent.push(groups[0]!.events.length),
    spool: log.spool,
    flushMs: 60_000,
    batchSize: 10,
    onError: () => undefined,
  });
  for (let n = 0; n < 50; n++) {
    recorder.record(event(n), 'principal');
    await recorder.flush();
  }
  expect(sent.reduce((a, b) => a + b, 0)).toBe(50);
  expect(sent.length).toBeGreaterThan(1);
  // Under load a batch fills many times a second: an fsync for each would cost more than the requests.
  expect(log.seals()).toBe(1);
  await recorder.close(1_000);
});

it('fails a shutdown that cannot deliver, leaving the events in the spool', async () => {
  const log = spoolLog();
  const recorder = createAuditRecorder({
    send: () => Promise.reject(new Error('down')),
    spool: log.spool,
    flushMs: 60_000,
    batchSize: 5,
    onError: () => undefined,
  });
  recorder.record(event(1), 'principal');
  recorder.record(event(2), 'principal');
  await expect(recorder.close(200)).rejects.toThrow(/2 events could not be delivered before shutdown; they stay in the spool/);
  expect(log.settled).toEqual([]);
  expect(log.closed()).toBe(true);
});

it('sends replayed events before what was recorded since, and settles them in their own segments', async () => {
  const log = spoolLog();
  const delivered: string[] = [];
  const recorder = createAuditRecorder({
    send: async (groups) => void delivered.push(...groups.flatMap((g) => g.events.map((e) => e.requestId))),
    spool: log.spool,
    flushMs: 60_000,
    batchSize: 100,
    onError: () => undefined,
  });
  recorder.record(event(2), 'principal');
  recorder.replay([
    { entry: { principal: 'old', event: event(0) }, segment: 7 },
    { entry: { principal: 'old', event: event(1) }, segment: 8 },
  ]);
  await recorder.close(1_000);
  expect(delivered).toEqual(['req-0', 'req-1', 'req-2']);
  expect(log.settled.sort()).toEqual([1, 7, 8]);
});

it('keeps events beyond the memory bound in the spool instead of dropping them', async () => {
  const log = spoolLog();
  const deferred: number[] = [];
  const dropped: number[] = [];
  const recorder = createAuditRecorder({
    send: () => Promise.reject(new Error('down')),
    spool: log.spool,
    flushMs: 60_000,
    batchSize: 100,
    maxBuffered: 2,
    onError: () => undefined,
    onDeferred: (count) => deferred.push(count),
    onDropped: (count) => dropped.push(count),
  });
  for (let n = 0; n < 3; n++) recorder.record(event(n), 'principal');
  expect(deferred).toEqual([1]);
  expect(dropped).toEqual([]);
  expect(log.appended).toHaveLength(3);
  await expect(recorder.close(100)).rejects.toThrow(/2 events/);
});
