import { beforeAll, expect, it } from 'vitest';
import { seedOrg, usePlatform } from '@coffer/test-kit/fixtures';
import type { Api } from '@coffer/test-kit/platform';

const platform = usePlatform();
let api: Api;

beforeAll(async () => {
  ({ api } = await seedOrg(platform, { org: 'acme', project: 'api' }));
});

it('writes, reveals and injects a secret through the gateway', async () => {
  const scope = '/orgs/acme/projects/api/envs/development';
  const created = await api('POST', `${scope}/secrets/DB_URL`, { body: { value: 'postgres://x' } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const revealed = await api('GET', `${scope}/secrets/DB_URL?reveal=true`);
  expect(revealed.body.data.value).toBe('postgres://x');
  const injected = await api('POST', `${scope}/inject`);
  expect(injected.body.data.values).toEqual({ DB_URL: 'postgres://x' });
});
