import { expect, it } from 'vitest';
import { createAuditRecorder, type AuditEventInput } from './audit-recorder.js';

const event = (n: number): AuditEventInput => ({
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
  const recorder = createAuditRecorder({ send: async (events) => void batches.push(events), flushMs: 60_000, batchSize: 10, onError: () => undefined });
  for (let n = 0; n < 25; n++) recorder.record(event(n));
  await recorder.close(1_000);
  expect(batches.flat().map((e) => e.requestId)).toEqual(Array.from({ length: 25 }, (_, n) => `req-${n}`));
  expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(10);
});

it('keeps a failed batch and retries it, in order, until it is delivered', async () => {
  const delivered: string[] = [];
  let failures = 2;
  const errors: number[] = [];
  const recorder = createAuditRecorder({
    send: async (events) => {
      if (failures-- > 0) throw new Error('audit service unavailable');
      delivered.push(...events.map((e) => e.requestId));
    },
    flushMs: 60_000,
    batchSize: 5,
    onError: (_err, pending) => errors.push(pending),
  });
  for (let n = 0; n < 7; n++) recorder.record(event(n));
  await recorder.close(5_000);
  expect(delivered).toEqual(Array.from({ length: 7 }, (_, n) => `req-${n}`));
  expect(errors.length).toBe(2);
});

it('says how many events were lost when the audit service never comes back', async () => {
  const recorder = createAuditRecorder({ send: () => Promise.reject(new Error('down')), flushMs: 60_000, batchSize: 5, onError: () => undefined });
  recorder.record(event(1));
  await expect(recorder.close(300)).rejects.toThrow(/1 events could not be delivered/);
});
