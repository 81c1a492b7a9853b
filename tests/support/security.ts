import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { Redis } from 'ioredis';
import type pg from 'pg';
import { openDatabase, type Database } from '@coffer/db';
import type { ApiResponse } from './platform.js';
import { TEST_REDIS_URL } from './postgres.js';

/** Shapes a stack trace takes in a message or a body: frames, source positions, module paths. */
const STACK_TRACE = /\n\s+at\s|\bat\s+\S+\s+\(|\.(?:ts|js|mjs|cjs):\d+|node_modules|node:internal/;
/** Shapes SQL and PostgreSQL errors take: statements, placeholders, relation names, SQLSTATE words. */
const SQL =
  /\b(?:select\s.+\sfrom|insert\s+into|update\s+\S+\s+set|delete\s+from|returning\s+\*)\b|\$\d+\b|\brelation\s+"|\bsyntax error\b|\bviolates\b|\bbyte sequence\b|\bpg_|\bDatabaseError\b/i;

export function hasStackTrace(text: string): boolean {
  return STACK_TRACE.test(text);
}

export function hasSql(text: string): boolean {
  return SQL.test(text);
}

/**
 * The answer is the error envelope with `status`, and its body (all of it, not only the message)
 * carries no stack trace, no SQL and none of the `forbidden` strings.
 */
export function expectCleanError(response: ApiResponse, status: number, forbidden: string[] = []): void {
  const raw = JSON.stringify(response.body);
  expect(response.status, raw).toBe(status);
  expect(response.body.error, raw).toBe(true);
  expect(typeof response.body.message, raw).toBe('string');
  expect(hasStackTrace(raw), raw).toBe(false);
  expect(hasSql(raw), raw).toBe(false);
  for (const value of forbidden) expect(raw, `response leaks ${value}`).not.toContain(value);
}

/** Decodes a stored `base64(iv ‖ tag ‖ ciphertext)` blob, flips one bit, re-encodes it canonically. */
export function flipBit(blob: string, byteIndex: number, bit = 0): string {
  const raw = Buffer.from(blob, 'base64');
  const index = byteIndex < 0 ? raw.length + byteIndex : byteIndex;
  if (index < 0 || index >= raw.length) throw new RangeError(`byte ${byteIndex} is outside a ${raw.length}-byte blob`);
  raw[index] = raw[index]! ^ (1 << bit);
  return raw.toString('base64');
}

/** The current value of a counter on the gateway's Prometheus endpoint (0 when it was never incremented). */
export async function metricValue(baseUrl: string, name: string): Promise<number> {
  const response = await fetch(`${baseUrl}/metrics`);
  expect(response.status).toBe(200);
  const text = await response.text();
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})?\\s+([0-9.e+-]+)$`, 'm').exec(text);
  return match ? Number(match[1]) : 0;
}

/** A distinctive value nobody else writes: finding it anywhere at rest means a leak. */
export function canary(): string {
  return `CANARY-${randomBytes(12).toString('hex')}`;
}

/**
 * Every way `text` would show up if it were stored or logged encoded rather than encrypted: as is,
 * as hex (both cases), and as base64/base64url at each of the three byte alignments it could have
 * inside a longer encoded blob (edge characters, which depend on neighbours, trimmed).
 */
export function encodingsOf(text: string): string[] {
  const bytes = Buffer.from(text, 'utf8');
  const forms = new Set<string>([text, bytes.toString('hex'), bytes.toString('hex').toUpperCase()]);
  for (let shift = 0; shift < 3; shift++) {
    const padded = Buffer.concat([Buffer.alloc(shift, 0x20), bytes]);
    for (const encoding of ['base64', 'base64url'] as const) {
      const encoded = padded.toString(encoding).replace(/=+$/, '');
      // Skip the characters that mix in the padding before and the unknown bytes after.
      const start = Math.ceil((shift * 4) / 3) + 1;
      forms.add(encoded.slice(start, encoded.length - 2));
    }
  }
  return [...forms].filter((form) => form.length >= 16);
}

/** The strings among `needles` (in any of their encodings) that occur in `haystack`. */
export function leaksIn(haystack: string, needles: string[]): string[] {
  return needles.flatMap((needle) =>
    encodingsOf(needle)
      .filter((form) => haystack.includes(form))
      .map((form) => `${needle} as ${form}`),
  );
}

/** Every key under `prefix` in the test Redis with its value, whatever its type, as text. */
export async function redisDump(prefix: string): Promise<Map<string, string>> {
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    const dump = new Map<string, string>();
    const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      for (const key of keys) {
        const type = await redis.type(key);
        let value: unknown;
        if (type === 'string') value = await redis.get(key);
        else if (type === 'hash') value = await redis.hgetall(key);
        else if (type === 'list') value = await redis.lrange(key, 0, -1);
        else if (type === 'set') value = await redis.smembers(key);
        else if (type === 'zset') value = await redis.zrange(key, '0', '-1', 'WITHSCORES');
        else if (type === 'stream') value = await redis.xrange(key, '-', '+');
        else value = `<${type}>`;
        dump.set(key, typeof value === 'string' ? value : JSON.stringify(value));
      }
    } while (cursor !== '0');
    return dump;
  } finally {
    redis.disconnect();
  }
}

/** The platform's database as the services see it: every query runs as the RLS-bound `coffer_app`. */
export function openAppDatabase(databaseUrl: string, poolMax = 2): Promise<Database> {
  return openDatabase({ databaseUrl, dataDir: '/nonexistent', migrate: false, poolMax });
}

export interface VersionBlobs {
  id: string;
  ciphertext: string;
  wrapped_dek: string;
  kms_key_id: string;
  kms_key_version: number;
}

/** The stored row of one version of a secret, found the way an attacker with the database would. */
export async function versionRow(owner: pg.Client, orgId: string, key: string, version: number): Promise<VersionBlobs> {
  const { rows } = await owner.query<VersionBlobs>(
    `select v.id, v.ciphertext, v.wrapped_dek, v.kms_key_id, v.kms_key_version
       from secret_versions v join secrets s on s.id = v.secret_id
      where s.org_id = $1 and s.key = $2 and v.version = $3`,
    [orgId, key, version],
  );
  if (rows.length !== 1) throw new Error(`expected one stored version ${version} of ${key}, found ${rows.length}`);
  return rows[0]!;
}

/** Overwrites the blobs of one version row, as an attacker with write access to the database would. */
export async function writeBlobs(owner: pg.Client, rowId: string, blobs: Partial<Omit<VersionBlobs, 'id'>>): Promise<void> {
  const columns = Object.keys(blobs) as (keyof typeof blobs)[];
  const assignments = columns.map((column, i) => `${column} = $${i + 2}`).join(', ');
  const result = await owner.query(`update secret_versions set ${assignments} where id = $1`, [rowId, ...columns.map((c) => blobs[c])]);
  if (result.rowCount !== 1) throw new Error(`version row ${rowId} not updated`);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns true or `timeoutMs` passes. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 5_000, everyMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(everyMs);
  }
}
