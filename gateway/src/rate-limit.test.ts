import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadSlices } from '@coffer/config';
import { createKv, type Kv } from '@coffer/kv';
import { createLogger } from '@coffer/telemetry';
import { addressKey, createRateLimiting, isIdentityRequest, limitItem, policyItem, sliceOf, WINDOW_SECONDS, type RateLimits } from './rate-limit.js';
import { gatewaySlice } from './module.js';

const callAs = (baseUrl: string, address: string, tokenHash?: string, path = '/api/v1/orgs', method = 'GET') =>
  fetch(`${baseUrl}${path}`, { method, headers: { 'x-test-address': address, ...(tokenHash ? { 'x-test-token-hash': tokenHash } : {}) } });

const limitsFrom = (env: NodeJS.ProcessEnv) =>
  (loadSlices(env, [gatewaySlice], { known: Object.keys(gatewaySlice.variables) }).get(gatewaySlice) as ReturnType<typeof gatewaySlice.toConfig>).rateLimits;

describe('the limits, from the environment', () => {
  it('default to 1200 per address, 600 per credential and 30 per address on the identity endpoints, per minute', () => {
    expect(limitsFrom({})).toEqual({ address: 1200, credential: 600, identity: 60 });
  });

  it('read each from its variable; 0 turns one off', () => {
    expect(limitsFrom({ COFFER_RATE_LIMIT_ADDRESS: '0', COFFER_RATE_LIMIT_CREDENTIAL: '5000', COFFER_RATE_LIMIT_IDENTITY: '10' })).toEqual({
      address: 0,
      credential: 5000,
      identity: 10,
    });
  });

  it('refuse what is not a whole number, naming the variable', () => {
    try {
      limitsFrom({ COFFER_RATE_LIMIT_ADDRESS: '-1', COFFER_RATE_LIMIT_CREDENTIAL: '10/s', COFFER_RATE_LIMIT_IDENTITY: '1.5' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((problem) => problem.split(':')[0])).toEqual([
        'COFFER_RATE_LIMIT_ADDRESS',
        'COFFER_RATE_LIMIT_CREDENTIAL',
        'COFFER_RATE_LIMIT_IDENTITY',
      ]);
    }
  });
});

describe('the header items (draft-ietf-httpapi-ratelimit-headers-10)', () => {
  it('name the policy as a string, with its quota and one-minute window', () => {
    expect(policyItem('address', 1200)).toBe(`"address";q=1200;w=${WINDOW_SECONDS}`);
  });

  it('give what remains and the whole seconds until the window ends, rounded up', () => {
    expect(limitItem('credential', 12, 4_001)).toBe('"credential";r=12;t=5');
    expect(limitItem('identity', 0, 60_000)).toBe('"identity";r=0;t=60');
    expect(limitItem('identity', 0, -1)).toBe('"identity";r=0;t=0');
  });
});

describe('the address key', () => {
  it('is an IPv4 address itself', () => expect(addressKey('203.0.113.9')).toBe('203.0.113.9'));

  it('is the /64 of an IPv6 address, in one spelling, so that a host cannot take a fresh address per request', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0DB8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1:2:3:4')).toBe('fe80:0:0:0::/64');
    expect(addressKey('64:ff9b::192.0.2.33')).toBe('64:ff9b:0:0::/64');
  });
});

describe('the identity endpoints', () => {
  const request = (method: string, path: string) => ({ method, path }) as express.Request;

  it("are everything under /api/v1/auth, in any case, POST /api/v1/bootstrap and the device page's forms", () => {
    for (const [method, path] of [
      ['POST', '/api/v1/auth/login'],
      ['POST', '/api/v1/auth/device/token'],
      ['GET', '/api/v1/auth'],
      ['POST', '/API/V1/Auth/login'],
      ['POST', '/api/v1/bootstrap'],
      ['POST', '/api/v1/Bootstrap/'],
      ['POST', '/device/login'],
      ['POST', '/Device/login/2fa'],
    ] as const)
      expect(isIdentityRequest(request(method, path)), `${method} ${path}`).toBe(true);
    for (const [method, path] of [
      ['GET', '/api/v1/orgs'],
      ['GET', '/api/v1/authors'],
      ['GET', '/api/v1/bootstrap'],
      ['POST', '/api/v1/orgs/auth/projects'],
      ['GET', '/device'],
      ['POST', '/devices'],
    ] as const)
      expect(isIdentityRequest(request(method, path)), `${method} ${path}`).toBe(false);
  });
});

/** An app with the two middlewares; the address and the token hash stand in for client-address.ts and the bearer middleware. */
async function serve(rateLimiting: ReturnType<typeof createRateLimiting>): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const app = express();
  app.use((req, res, next) => {
    res.locals.clientAddress = req.get('x-test-address');
    next();
  });
  app.use(rateLimiting.byAddress);
  app.use((req, res, next) => {
    res.locals.tokenHash = req.get('x-test-token-hash');
    next();
  });
  app.use(rateLimiting.byCredential);
  app.use((_req, res) => {
    res.json({ error: false, message: 'ok', data: null });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      rateLimiting.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const silent = createLogger({ level: 'silent', name: 'rate-limit-test' });

describe('the limiter in one process (embedded mode)', () => {
  const limits: RateLimits = { address: 4, credential: 2, identity: 1 };
  let baseUrl: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ baseUrl, close } = await serve(createRateLimiting({ limits, logger: silent })));
  });

  afterAll(() => close());

  const call = (address: string, tokenHash?: string, path = '/api/v1/orgs', method = 'GET') => callAs(baseUrl, address, tokenHash, path, method);

  it('answers 429 past an address limit, with Retry-After, RateLimit, RateLimit-Policy and the envelope', async () => {
    for (let i = 1; i <= limits.address; i++) {
      const answer = await call('198.51.100.1');
      expect(answer.status).toBe(200);
      expect(answer.headers.get('ratelimit-policy')).toBe('"address";q=4;w=60');
      expect(answer.headers.get('ratelimit')).toMatch(new RegExp(`^"address";r=${limits.address - i};t=(60|59)$`));
    }
    const refused = await call('198.51.100.1');
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(59);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get('ratelimit-policy')).toBe('"address";q=4;w=60');
    expect(refused.headers.get('ratelimit')).toBe(`"address";r=0;t=${retryAfter}`);
    expect(await refused.json()).toEqual({ error: true, code: 'RESOURCE_EXHAUSTED', message: `too many requests; retry after ${retryAfter} s`, data: null });
    expect((await call('198.51.100.2')).status).toBe(200);
  });

  it('counts a token across addresses and lists both policies', async () => {
    expect((await call('198.51.100.10', 'hash-a')).status).toBe(200);
    const second = await call('198.51.100.11', 'hash-a');
    expect(second.status).toBe(200);
    expect(second.headers.get('ratelimit-policy')).toBe('"address";q=4;w=60, "credential";q=2;w=60');
    expect(second.headers.get('ratelimit')).toMatch(/^"address";r=3;t=\d+, "credential";r=0;t=\d+$/);
    expect((await call('198.51.100.12', 'hash-a')).status).toBe(429);
    expect((await call('198.51.100.12', 'hash-b')).status).toBe(200);
  });

  it('holds the identity endpoints to their own, stricter limit per address', async () => {
    expect((await call('198.51.100.20', undefined, '/api/v1/auth/login', 'POST')).status).toBe(200);
    const refused = await call('198.51.100.20', undefined, '/api/v1/auth/login', 'POST');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('ratelimit-policy')).toBe('"address";q=4;w=60, "identity";q=1;w=60');
    expect((await call('198.51.100.20', undefined, '/API/V1/BOOTSTRAP', 'POST')).status).toBe(429);
    expect((await call('198.51.100.20')).status).toBe(200);
  });

  it('keys IPv6 clients by their /64', async () => {
    for (let i = 1; i <= limits.address; i++) expect((await call(`2001:db8:7:7::${i}`)).status).toBe(200);
    expect((await call('2001:db8:7:7::ffff')).status).toBe(429);
    expect((await call('2001:db8:7:8::1')).status).toBe(200);
  });
});

describe('the limiter on Redis, shared by two processes', () => {
  const ADDRESS = 1000;
  const prefix = `coffer-test:rate-limit-${randomUUID()}`;
  const kvs: Kv[] = [];
  const servers: { baseUrl: string; close(): Promise<void> }[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const kv = await createKv({ redisUrl: 'redis://127.0.0.1:6379', prefix, onError: () => {} });
      kvs.push(kv);
      servers.push(await serve(createRateLimiting({ limits: { address: ADDRESS, credential: 0, identity: 0 }, redis: kv.redis, logger: silent })));
    }
  });

  afterAll(async () => {
    for (const server of servers) await server.close();
    const keys = await kvs[0]!.redis!.client.keys(`${prefix}:*`);
    if (keys.length > 0) await kvs[0]!.redis!.client.del(keys);
    for (const kv of kvs) await kv.close();
  });

  it('takes the quota from Redis a slice at a time, and never lets a client past its limit however its requests spread', async () => {
    expect(sliceOf(ADDRESS)).toBe(10);
    const first = await callAs(servers[0]!.baseUrl, '198.51.100.77');
    expect(first.status).toBe(200);
    expect(await kvs[0]!.redis!.client.get(`${prefix}:ratelimit:address:198.51.100.77`)).toBe('10');
    expect(first.headers.get('ratelimit')).toMatch(/^"address";r=999;t=(59|60)$/);

    const statuses = await Promise.all(
      Array.from({ length: ADDRESS + 100 }, (_, i) => callAs(servers[i % 2]!.baseUrl, '198.51.100.77').then((answer) => answer.status)),
    );
    const accepted = statuses.filter((status) => status === 200).length + 1;
    // Each process may hold back at most the unused part of one slice.
    expect(accepted).toBeLessThanOrEqual(ADDRESS);
    expect(accepted).toBeGreaterThanOrEqual(ADDRESS - 2 * (sliceOf(ADDRESS) - 1));
    expect(statuses.filter((status) => status !== 200).every((status) => status === 429)).toBe(true);
    expect(Number(await kvs[0]!.redis!.client.get(`${prefix}:ratelimit:address:198.51.100.77`))).toBeLessThanOrEqual(ADDRESS + 2 * sliceOf(ADDRESS));
  });
});
