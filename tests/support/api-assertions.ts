import { expect } from 'vitest';
import type { Api, ApiResponse } from './platform.js';
import { connectAsOwner } from './postgres.js';
import type { AuditEvent } from '@coffer/audit';
import { ERROR_CODES, httpStatusOf, type ErrorCode } from '@coffer/contract';

/** `orgs/{org}/projects/{project}/envs/{env}` as the REST API spells a scope. */
export function scopePath(org: string, project: string, env: string): string {
  return `/orgs/${org}/projects/${project}/envs/${env}`;
}

/**
 * Asserts a failure answer: the status, the one envelope shape with a stable code that maps to that
 * status in the contract's table, and optionally the field it names.
 */
export function expectError(response: ApiResponse, status: number, field?: string): ErrorCode {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(Object.keys(response.body).sort()).toEqual(['code', 'data', 'error', 'message']);
  expect(response.body.error).toBe(true);
  expect(response.body.message.length).toBeGreaterThan(0);
  const code = (response.body as unknown as { code: ErrorCode }).code;
  expect(ERROR_CODES).toContain(code);
  expect(httpStatusOf(code)).toBe(status);
  if (field !== undefined) {
    expect(response.body.message).toContain(field);
    expect(response.body.data).toMatchObject({ field });
  }
  return code;
}

/** Asserts a success answer with the envelope and returns its data. */
export function expectOk<T = any>(response: ApiResponse<T>, status = 200): T {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(Object.keys(response.body).sort()).toEqual(['data', 'error', 'message']);
  expect(response.body.error).toBe(false);
  return response.body.data;
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** An audit record as the API answers it. */
export type AuditRecord = Required<AuditEvent>;

/** The organisation's audit trail (newest first), through the REST API. */
export async function auditTrail(api: Api, org: string, query = 'limit=1000'): Promise<AuditRecord[]> {
  const response = await api('GET', `/orgs/${org}/audit?${query}`);
  return expectOk<{ events: AuditRecord[] }>(response).events;
}

/** Waits until a record for every request id is in the audit trail, then returns the whole trail. */
export async function waitForAudit(api: Api, org: string, requestIds: string[], timeoutMs = 5_000): Promise<AuditRecord[]> {
  return waitFor(
    async () => {
      const events = await auditTrail(api, org);
      const seen = new Set(events.map((event) => event.requestId));
      return requestIds.every((id) => seen.has(id)) ? events : undefined;
    },
    `audit records for ${requestIds.length} requests`,
    timeoutMs,
  );
}

/** Runs one SQL query as the database owner (no row-level security in the way) and returns its rows. */
export async function sql<Row = Record<string, unknown>>(databaseUrl: string, text: string, params: unknown[] = []): Promise<Row[]> {
  const client = await connectAsOwner(databaseUrl);
  try {
    return (await client.query(text, params)).rows as Row[];
  } finally {
    await client.end();
  }
}

/** Row counts of the tables a write could touch, to prove a refused request changed nothing. */
export async function tableCounts(databaseUrl: string): Promise<Record<string, number>> {
  const tables = ['organizations', 'projects', 'environments', 'secrets', 'secret_versions', 'api_tokens'];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await sql<{ n: string }>(databaseUrl, `select count(*)::text as n from ${table}`);
    counts[table] = Number(row?.n);
  }
  return counts;
}
