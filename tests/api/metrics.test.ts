import { beforeAll, expect, it } from 'vitest';
import { expectOk, scopePath } from '@coffer/test-kit/api-assertions';
import { seedOrg, usePlatform } from '@coffer/test-kit/fixtures';
import type { Api } from '@coffer/test-kit/platform';

const platform = usePlatform();
let api: Api;
let token: string;
const scope = scopePath('acme', 'api', 'development');

beforeAll(async () => {
  ({ api, token } = await seedOrg(platform, { org: 'acme', project: 'api' }));
});

async function metrics(): Promise<string> {
  return (await fetch(`${platform.baseUrl}/metrics`)).text();
}

it('counts HTTP requests by route pattern and gRPC calls by service, method and outcome', async () => {
  const secretValue = 'metrics-value-5d1c';
  expectOk(await api('POST', `${scope}/secrets/METERED`, { body: { value: secretValue } }), 201);
  expectOk(await api('POST', `${scope}/inject`));
  expect((await api('GET', `${scope}/secrets/MISSING`)).status).toBe(404);

  const text = await metrics();
  expect(text).toMatch(/coffer_grpc_requests_total\{service="secret",method="Inject",code="OK"\} [1-9]/);
  expect(text).toMatch(/coffer_grpc_requests_total\{service="secret",method="GetSecret",code="NOT_FOUND"\} [1-9]/);
  expect(text).toMatch(/coffer_http_requests_total\{method="POST",route="\/api\/v1\/orgs\/:org\/projects\/:project\/envs\/:env\/inject",status="200"\} [1-9]/);
  // Labels carry route patterns, never a key name, a value or a token.
  for (const leak of ['METERED', 'MISSING', secretValue, token]) expect(text).not.toContain(leak);
});

it('asks the Auth service once for a token that many requests present at the same time', async () => {
  const issued = expectOk(await api('POST', '/orgs/acme/tokens', { body: { name: 'burst', permissions: ['read'] } }), 201);
  const authenticateCalls = async () => {
    const match = (await metrics()).match(/coffer_grpc_requests_total\{service="auth",method="Authenticate",code="OK"\} (\d+)/);
    return Number(match?.[1] ?? 0);
  };
  const before = await authenticateCalls();
  const burst = await Promise.all(
    Array.from({ length: 20 }, () => fetch(`${platform.baseUrl}/api/v1${scope}/secrets`, { headers: { authorization: `Bearer ${issued.token}` } })),
  );
  expect(burst.map((response) => response.status)).toEqual(Array(20).fill(200));
  expect((await authenticateCalls()) - before).toBe(1);
});
