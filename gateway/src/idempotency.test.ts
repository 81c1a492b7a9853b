import { createHmac } from 'node:crypto';
import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { isCofferError } from '@coffer/contract';
import { readIdempotency, writeCallContext, type Idempotency } from '@coffer/grpc';
import { idempotency, idempotencyOf } from './idempotency.js';

const keyOf = (token: string) => createHmac('sha256', token).update('coffer.idempotency-fingerprint.v1').digest();

/** Runs the middleware on a request as Express and authenticate.ts leave it; returns what it passed on. */
function run(headers: Record<string, string>, { method = 'POST', url = '/api/v1/orgs/acme/secrets/A', body = {} as unknown, token = 'token-a' } = {}) {
  const req = { method, originalUrl: url, body, get: (name: string) => headers[name.toLowerCase()] } as unknown as Request;
  const res = { locals: { fingerprintKey: keyOf(token) } } as unknown as Response;
  let passed: unknown = 'not called';
  idempotency()(req, res, (err?: unknown) => (passed = err));
  return { error: passed, sent: idempotencyOf(res) };
}

const fingerprintOf = (options: Parameters<typeof run>[1]) => run({ 'idempotency-key': 'k-1' }, options).sent?.fingerprint;

describe('the Idempotency-Key middleware', () => {
  it('passes the key and a fingerprint of the request on to the service call', () => {
    const { error, sent } = run({ 'idempotency-key': 'retry-1' }, { body: { value: 'v' } });
    expect(error).toBeUndefined();
    expect(sent).toEqual({ key: 'retry-1', fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // What the service reads back from the call metadata.
    expect(readIdempotency(writeCallContext({ requestId: 'r', idempotency: sent as Idempotency }))).toEqual(sent);
  });

  it('leaves a request without the header alone', () => {
    expect(run({})).toEqual({ error: undefined, sent: undefined });
  });

  it('refuses a malformed key with 400 naming the header', () => {
    for (const bad of ['has space', 'x'.repeat(256), 'slash/and?query', '']) {
      const { error, sent } = run({ 'idempotency-key': bad });
      expect(isCofferError(error) && error.code === 'INVALID_ARGUMENT' && error.message.includes("'Idempotency-Key'")).toBe(true);
      expect(sent).toBeUndefined();
    }
  });

  it('fingerprints the method, the URL and the payload, whatever the order of its fields', () => {
    const base = fingerprintOf({ body: { value: 'v', description: 'd' } });
    expect(fingerprintOf({ body: { description: 'd', value: 'v' } })).toBe(base);
    expect(fingerprintOf({ body: { value: 'w', description: 'd' } })).not.toBe(base);
    expect(fingerprintOf({ body: { value: 'v', description: 'd' }, url: '/api/v1/orgs/acme/secrets/B' })).not.toBe(base);
    expect(fingerprintOf({ body: { value: 'v', description: 'd' }, method: 'DELETE' })).not.toBe(base);
  });

  it('keys the fingerprint by the token, so a stored fingerprint cannot be matched against guessed values without it', () => {
    const body = { value: '4711', type: 'integer' };
    const stored = fingerprintOf({ body, token: 'token-a' });
    expect(fingerprintOf({ body, token: 'token-b' })).not.toBe(stored);
    // Guessing every 4-digit value with anything but the token itself finds nothing.
    const tokenHash = createHmac('sha256', 'token-a').digest('hex');
    const guesses = Array.from({ length: 10_000 }, (_, pin) =>
      createHmac('sha256', tokenHash).update(`POST\n/api/v1/orgs/acme/secrets/A\n{"type":"integer","value":"${pin}"}`).digest('hex'),
    );
    expect(guesses).not.toContain(stored);
    expect(fingerprintOf({ body: { type: 'integer', value: '4711' }, token: 'token-a' })).toBe(stored);
  });
});

describe('idempotency call metadata', () => {
  it('refuses a key without its fingerprint, or a malformed one', () => {
    const bare = writeCallContext({ requestId: 'r' });
    bare.set('x-coffer-idempotency-key', 'k');
    expect(() => readIdempotency(bare)).toThrow('malformed idempotency metadata');
    const malformed = writeCallContext({ requestId: 'r', idempotency: { key: 'k', fingerprint: 'not-hex' } });
    expect(() => readIdempotency(malformed)).toThrow('malformed idempotency metadata');
    expect(readIdempotency(writeCallContext({ requestId: 'r' }))).toBeUndefined();
  });
});
