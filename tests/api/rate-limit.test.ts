import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { waitFor, type AuditRecord } from '@coffer/test-kit/api-assertions';
import { usePlatform } from '@coffer/test-kit/fixtures';
import { apiClient, type ApiResponse } from '@coffer/test-kit/platform';

/**
 * Rate limits through the whole platform, at low limits. The platforms trusting their loopback peer
 * as a proxy let each test speak from addresses of its own (X-Forwarded-For), so that no test uses
 * up another's bucket; the one that trusts no proxy shows that the header then changes nothing.
 */

/** A fresh documentation address (RFC 5737) per call: a client no other request has used. */
let lastOctets = 0;
const freshAddress = () => {
  lastOctets++;
  return `203.0.${113 + (lastOctets >> 8)}.${lastOctets & 255}`;
};

function expectTooManyRequests(response: ApiResponse, policy: string): number {
  expect(response.status, JSON.stringify(response.body)).toBe(429);
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(response.headers.get('ratelimit')).toContain(`"${policy}";r=0;t=${retryAfter}`);
  expect(response.body).toEqual({ error: true, code: 'RESOURCE_EXHAUSTED', message: `too many requests; retry after ${retryAfter} s`, data: null });
  return retryAfter;
}

async function bootstrapFrom(baseUrl: string, address: string): Promise<{ token: string; orgId: string }> {
  const booted = await apiClient(baseUrl)('POST', '/bootstrap', { body: { org: 'acme', project: 'api' }, headers: { 'x-forwarded-for': address } });
  expect(booted.status, JSON.stringify(booted.body)).toBe(201);
  return { token: booted.body.data.token.token as string, orgId: booted.body.data.org.id as string };
}

describe('behind a trusted proxy, per address', () => {
  const LIMITS = { address: 5, identity: 2 };
  const platform = usePlatform({
    env: {
      COFFER_TRUSTED_PROXIES: '127.0.0.1',
      COFFER_RATE_LIMIT_ADDRESS: String(LIMITS.address),
      COFFER_RATE_LIMIT_CREDENTIAL: '1000',
      COFFER_RATE_LIMIT_IDENTITY: String(LIMITS.identity),
    },
  });
  const api = (token?: string) => apiClient(platform.baseUrl, token);
  const from = (forwardedFor: string, headers: Record<string, string> = {}) => ({ headers: { 'x-forwarded-for': forwardedFor, ...headers } });
  let admin: string;

  it('answers 429 past the address limit, with Retry-After, RateLimit, RateLimit-Policy and the envelope', async () => {
    ({ token: admin } = await bootstrapFrom(platform.baseUrl, freshAddress()));
    const client = freshAddress();
    for (let i = 1; i <= LIMITS.address; i++) {
      const answer = await api(admin)('GET', '/orgs', from(client));
      expect(answer.status).toBe(200);
      expect(answer.headers.get('ratelimit-policy')).toBe(`"address";q=${LIMITS.address};w=60, "credential";q=1000;w=60`);
      expect(answer.headers.get('ratelimit')).toMatch(new RegExp(`^"address";r=${LIMITS.address - i};t=(59|60), "credential";r=\\d+;t=\\d+$`));
    }
    const refused = await api(admin)('GET', '/orgs', from(client));
    expectTooManyRequests(refused, 'address');
    expect(refused.headers.get('ratelimit-policy')).toBe(`"address";q=${LIMITS.address};w=60`);
  });

  it('limits a flood of bad tokens by address before any token is looked at', async () => {
    const client = freshAddress();
    for (let i = 0; i < LIMITS.address; i++) expect((await api(`not-a-token-${i}`)('GET', '/orgs', from(client))).status).toBe(401);
    expectTooManyRequests(await api('not-a-token')('GET', '/orgs', from(client)), 'address');
  });

  it("believes the trusted proxy's X-Forwarded-For: what a client writes left of the proxy's entry escapes nothing", async () => {
    const limited = freshAddress();
    for (let i = 0; i <= LIMITS.address; i++) await api(admin)('GET', '/orgs', from(limited));
    expectTooManyRequests(await api(admin)('GET', '/orgs', from(limited)), 'address');
    // The proxy appends the address it received the request from: the rightmost untrusted entry is the client.
    expectTooManyRequests(await api(admin)('GET', '/orgs', from(`${freshAddress()}, ${limited}`)), 'address');
    expect((await api(admin)('GET', '/orgs', from(`${limited}, ${freshAddress()}`))).status).toBe(200);
    expect((await api(admin)('GET', '/orgs', from(freshAddress()))).status).toBe(200);
  });

  it('holds the identity endpoints (anything under /auth/, and POST /bootstrap) to a stricter limit of their own', async () => {
    const client = freshAddress();
    for (let i = 0; i < LIMITS.identity; i++) {
      const answer = await api()('POST', '/auth/anything', { body: {}, ...from(client) });
      expect(answer.status).not.toBe(429);
      expect(answer.headers.get('ratelimit-policy')).toBe(`"address";q=${LIMITS.address};w=60, "identity";q=${LIMITS.identity};w=60`);
    }
    expectTooManyRequests(await api()('POST', '/auth/login', { body: {}, ...from(client) }), 'identity');
    expectTooManyRequests(await api()('POST', '/bootstrap', { body: {}, ...from(client) }), 'identity');
    // The same address is still under its general limit everywhere else.
    expect((await api(admin)('GET', '/orgs', from(client))).status).toBe(200);
  });

  it('never limits /healthz, /readyz and /metrics', async () => {
    const client = freshAddress();
    for (let i = 0; i <= LIMITS.address; i++) await api()('GET', '/orgs', from(client));
    for (const path of ['/healthz', '/readyz', '/metrics']) {
      const answer = await fetch(`${platform.baseUrl}${path}`, from(client));
      expect(answer.status, path).toBe(200);
      expect(answer.headers.get('ratelimit'), path).toBeNull();
    }
  });

  it('audits the client address the proxy names, not the proxy', async () => {
    const client = freshAddress();
    const requestId = `rate-limit-ip-${randomBytes(4).toString('hex')}`;
    const listed = await api(admin)('GET', '/orgs/acme/projects/api/envs/development/secrets', from(client, { 'x-request-id': requestId }));
    expect(listed.status).toBe(200);
    const record = await waitFor(async () => {
      const trail = await api(admin)('GET', '/orgs/acme/audit?limit=100', from(freshAddress()));
      return (trail.body.data.events as AuditRecord[]).find((event) => event.requestId === requestId);
    }, 'the audit record of the listing');
    expect(record.ip).toBe(client);
  });
});

describe('per credential, behind a trusted proxy', () => {
  const CREDENTIAL = 3;
  const platform = usePlatform({
    env: { COFFER_TRUSTED_PROXIES: 'loopback', COFFER_RATE_LIMIT_ADDRESS: '1000', COFFER_RATE_LIMIT_CREDENTIAL: String(CREDENTIAL) },
  });

  it('counts a token wherever it comes from, and another token from the same address apart', async () => {
    const { token: admin } = await bootstrapFrom(platform.baseUrl, freshAddress());
    const issue = async (name: string) => {
      const created = await apiClient(platform.baseUrl, admin)('POST', '/orgs/acme/tokens', { body: { name, permissions: ['read'] } });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return created.body.data.token as string;
    };
    const [first, second] = [await issue('first'), await issue('second')];
    const office = freshAddress();
    const call = (token: string, address: string) => apiClient(platform.baseUrl, token)('GET', '/orgs', { headers: { 'x-forwarded-for': address } });

    for (let i = 1; i <= CREDENTIAL; i++) {
      const answer = await call(first, office);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('ratelimit')).toMatch(new RegExp(`"credential";r=${CREDENTIAL - i};t=\\d+$`));
    }
    const refused = await call(first, freshAddress());
    expectTooManyRequests(refused, 'credential');
    expect(refused.headers.get('ratelimit-policy')).toBe(`"address";q=1000;w=60, "credential";q=${CREDENTIAL};w=60`);
    expect((await call(second, office)).status).toBe(200);
  });
});

describe('without a trusted proxy (embedded cache, no Redis)', () => {
  const ADDRESS = 3;
  const platform = usePlatform({ redis: false, env: { COFFER_RATE_LIMIT_ADDRESS: String(ADDRESS), COFFER_RATE_LIMIT_CREDENTIAL: '0' } });

  it('ignores X-Forwarded-For, however it is spelt: every request from the peer counts against its one address', async () => {
    const spoofs = [
      freshAddress(),
      Array.from({ length: 1000 }, () => freshAddress()).join(', '),
      'garbage, fe80::1%eth0 ,, [2001:db8::1]:443',
      `${freshAddress()}, ${freshAddress()}`,
    ];
    for (const spoof of spoofs.slice(0, ADDRESS)) {
      expect((await apiClient(platform.baseUrl, 'not-a-token')('GET', '/orgs', { headers: { 'x-forwarded-for': spoof } })).status).toBe(401);
    }
    const refused = await apiClient(platform.baseUrl, 'not-a-token')('GET', '/orgs', { headers: { 'x-forwarded-for': spoofs[ADDRESS]! } });
    expectTooManyRequests(refused, 'address');
  });
});
