import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createAuditSpool, isProcessAlive, processIdentity } from './audit-spool.js';

interface Entry {
  n: number;
}
const parse = (value: unknown): Entry | undefined => (typeof (value as Entry)?.n === 'number' ? (value as Entry) : undefined);

const roots: string[] = [];
function freshRoot(): string {
  const root = join(mkdtempSync(join(tmpdir(), 'coffer-spool-')), 'spool');
  roots.push(root);
  return root;
}
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(join(root, '..'), { recursive: true, force: true });
});

/** A spool as a process that has since died left it (its identity names no running process). */
const deadSpool = (root: string, name = 'dead') => createAuditSpool<Entry>({ root, parse, identity: name, isAlive: (id) => id !== name });
const segmentsOf = (dir: string) => readdirSync(dir).sort();

it('keeps a segment until every event in it is settled, and removes its directory at close when all are', async () => {
  const root = freshRoot();
  const spool = createAuditSpool<Entry>({ root, parse });
  const first = [spool.append({ n: 1 }), spool.append({ n: 2 })];
  await spool.seal();
  const second = spool.append({ n: 3 });
  expect(first).toEqual([1, 1]);
  expect(second).toBe(2);
  expect(segmentsOf(spool.dir)).toEqual(['000000000001.jsonl', '000000000002.jsonl']);

  spool.settle(1);
  expect(segmentsOf(spool.dir)).toHaveLength(2);
  spool.settle(1);
  expect(segmentsOf(spool.dir)).toEqual(['000000000002.jsonl']);
  // The active segment stays while it is written to, even when settled.
  spool.settle(2);
  expect(segmentsOf(spool.dir)).toEqual(['000000000002.jsonl']);
  spool.close();
  expect(readdirSync(root)).toEqual([]);
});

it('keeps its files private: the directories 0700, the segments 0600', () => {
  const root = freshRoot();
  const spool = createAuditSpool<Entry>({ root, parse });
  spool.append({ n: 1 });
  expect(statSync(root).mode & 0o777).toBe(0o700);
  expect(statSync(spool.dir).mode & 0o777).toBe(0o700);
  expect(statSync(join(spool.dir, '000000000001.jsonl')).mode & 0o777).toBe(0o600);
});

it('hands what a dead process left undelivered to the next one, in order, once', async () => {
  const root = freshRoot();
  const dead = deadSpool(root);
  for (let n = 1; n <= 3; n++) dead.append({ n });
  await dead.seal();
  dead.append({ n: 4 });
  // ...and the process is killed: no close.

  const next = createAuditSpool<Entry>({ root, parse });
  const adopted = next.adoptLeftovers();
  expect(adopted.entries.map(({ entry }) => entry.n)).toEqual([1, 2, 3, 4]);
  expect(adopted.skipped).toBe(0);
  // The dead process's directory is gone; its segments now belong to the new one.
  expect(readdirSync(root)).toEqual([next.dir.slice(root.length + 1)]);
  expect(next.unsettled()).toBe(4);
  for (const { segment } of adopted.entries) next.settle(segment);
  expect(segmentsOf(next.dir)).toEqual([]);
  // A third process finds nothing left to replay.
  expect(createAuditSpool<Entry>({ root, parse }).adoptLeftovers().entries).toEqual([]);
});

it('skips a line cut short by a crash mid-append, and damage, keeping every whole line', () => {
  const root = freshRoot();
  const dead = deadSpool(root);
  dead.append({ n: 1 });
  dead.append({ n: 2 });
  const segment = join(dead.dir, '000000000001.jsonl');
  appendFileSync(segment, 'not json\n{"n":3}\n{"n":');

  const adopted = createAuditSpool<Entry>({ root, parse }).adoptLeftovers();
  expect(adopted.entries.map(({ entry }) => entry.n)).toEqual([1, 2, 3]);
  expect(adopted.skipped).toBe(2);
});

it('never takes the spool of a process that still runs', () => {
  const root = freshRoot();
  const live = createAuditSpool<Entry>({ root, parse });
  live.append({ n: 1 });
  const other = createAuditSpool<Entry>({ root, parse });
  expect(other.adoptLeftovers().entries).toEqual([]);
  expect(segmentsOf(live.dir)).toEqual(['000000000001.jsonl']);
});

it('tells a live process from a dead one, even under a reused pid', () => {
  const me = processIdentity();
  expect(isProcessAlive(me)).toBe(true);
  const [pid, start, boot] = me.split('.');
  // The same pid with another start time is another (earlier) process.
  if (start !== 'na') expect(isProcessAlive(`${pid}.${Number(start) + 1}.${boot}`)).toBe(false);
  expect(isProcessAlive('999999999.1.x')).toBe(false);
  expect(isProcessAlive('garbage')).toBe(false);
});

it('gives each segment to one process when two start together', async () => {
  const root = freshRoot();
  const dead = deadSpool(root);
  for (let n = 1; n <= 5; n++) {
    dead.append({ n });
    await dead.seal();
  }
  const a = createAuditSpool<Entry>({ root, parse });
  const b = createAuditSpool<Entry>({ root, parse });
  const taken = [...a.adoptLeftovers().entries, ...b.adoptLeftovers().entries].map(({ entry }) => entry.n).sort();
  expect(taken).toEqual([1, 2, 3, 4, 5]);
});

it('appends an event in a few microseconds (the cost on the request path)', async () => {
  const root = freshRoot();
  const spool = createAuditSpool<{ n: number; principal: string; resource: string }>({ root, parse: () => undefined });
  // About the size of a real entry: a signed principal (~700 bytes) and the event's metadata.
  const entry = { n: 0, principal: 'x'.repeat(700), resource: 'orgs/acme/projects/api/envs/production/secrets/DATABASE_URL' };
  for (let i = 0; i < 2_000; i++) spool.append(entry);
  const count = 20_000;
  let appendNs = 0n;
  let sealNs = 0n;
  let seals = 0;
  for (let i = 0; i < count; i++) {
    const started = process.hrtime.bigint();
    spool.append(entry);
    appendNs += process.hrtime.bigint() - started;
    if (i % 2_000 === 1_999) {
      const sealStarted = process.hrtime.bigint();
      await spool.seal();
      sealNs += process.hrtime.bigint() - sealStarted;
      seals++;
    }
  }
  const perAppendUs = Number(appendNs) / 1_000 / count;
  const size = JSON.stringify(entry).length + 1;
  console.log(
    `audit spool: ${perAppendUs.toFixed(2)} µs per append of ${size} bytes (${count} appends); ${(Number(sealNs) / 1e6 / seals).toFixed(2)} ms per seal (fsync, once per flush, off the event loop)`,
  );
  expect(readFileSync(join(spool.dir, '000000000001.jsonl'), 'utf8').split('\n')).toHaveLength(4_001);
  expect(perAppendUs).toBeLessThan(50);
});
