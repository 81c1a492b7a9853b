import { beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectOk, sql, tableCounts } from '@coffer/test-kit/api-assertions';
import { usePlatform } from '@coffer/test-kit/fixtures';
import { apiClient, type ApiResponse } from '@coffer/test-kit/platform';

const ENVIRONMENTS = ['development', 'staging', 'production'];

describe('POST /bootstrap with an empty body', () => {
  const platform = usePlatform();
  let first: ApiResponse;

  beforeAll(async () => {
    // No body at all, the way `curl -X POST .../bootstrap` sends it.
    first = await apiClient(platform.baseUrl)('POST', '/bootstrap');
  });

  it('answers 201 with the default organisation, project, three environments and an admin token', () => {
    const data = expectOk(first, 201);
    expect(data.org).toMatchObject({ slug: 'default', name: 'default', id: expect.any(String) });
    expect(data.project).toMatchObject({ slug: 'default', name: 'default', orgId: data.org.id });
    expect(data.environments.map((env: { slug: string }) => env.slug)).toEqual(ENVIRONMENTS);
    for (const env of data.environments) expect(env.projectId).toBe(data.project.id);
    expect(data.token.token).toMatch(/^coffer_[A-Za-z0-9_-]{43}[A-Za-z0-9]{6}$/);
    expect(data.token.permissions).toEqual(['admin']);
    expect(first.headers.get('cache-control')).toBe('no-store');
  });

  it('stores exactly that hierarchy, and only the hash of the token', async () => {
    const token = first.body.data.token.token as string;
    expect(await tableCounts(platform.database.url)).toMatchObject({ organizations: 1, projects: 1, environments: 3, api_tokens: 1 });
    const rows = await sql<{ token_hash: string }>(platform.database.url, 'select token_hash from api_tokens');
    expect(rows[0]?.token_hash).not.toContain(token);
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('issues a token that works for the hierarchy it created', async () => {
    const api = apiClient(platform.baseUrl, first.body.data.token.token);
    expect(expectOk(await api('GET', '/orgs')).orgs.map((org: { slug: string }) => org.slug)).toEqual(['default']);
    expect(expectOk(await api('GET', '/orgs/default/projects')).projects.map((p: { slug: string }) => p.slug)).toEqual(['default']);
    const envs = expectOk(await api('GET', '/orgs/default/projects/default/envs')).environments;
    expect(envs.map((env: { slug: string }) => env.slug).sort()).toEqual([...ENVIRONMENTS].sort());
  });

  it('answers 409 to a second bootstrap and creates nothing', async () => {
    const before = await tableCounts(platform.database.url);
    const anonymous = apiClient(platform.baseUrl);
    expectError(await anonymous('POST', '/bootstrap', { body: { org: 'intruder', project: 'takeover' } }), 409);
    expectError(await anonymous('POST', '/bootstrap', { body: {} }), 409);
    expectError(await anonymous('POST', '/bootstrap'), 409);
    expect(await tableCounts(platform.database.url)).toEqual(before);
    expect(await sql(platform.database.url, `select 1 from organizations where slug = 'intruder'`)).toEqual([]);
    // The first admin token is untouched.
    const api = apiClient(platform.baseUrl, first.body.data.token.token);
    expect((await api('GET', '/orgs')).status).toBe(200);
  });
});

describe('POST /bootstrap with a body', () => {
  const platform = usePlatform();

  it('refuses a bad slug, an unknown field or malformed JSON without using up the one bootstrap', async () => {
    const anonymous = apiClient(platform.baseUrl);
    expectError(await anonymous('POST', '/bootstrap', { body: { org: 'Not A Slug', project: 'api' } }), 400, 'org');
    expectError(await anonymous('POST', '/bootstrap', { body: { org: 'acme', project: '-api' } }), 400, 'project');
    expectError(await anonymous('POST', '/bootstrap', { body: { org: 'acme', plan: 'enterprise' } }), 400, 'plan');
    expectError(await anonymous('POST', '/bootstrap', { body: { org: 42 } }), 400, 'org');
    expectError(await anonymous('POST', '/bootstrap', { rawBody: '{"org": "acme",' }), 400);
    // Slugs in the query are not read: silently bootstrapping `default` instead would be irreversible.
    expectError(await anonymous('POST', '/bootstrap?org=acme'), 400, 'org');
    expect(await tableCounts(platform.database.url)).toEqual({
      organizations: 0,
      projects: 0,
      environments: 0,
      secrets: 0,
      secret_versions: 0,
      api_tokens: 0,
    });
    expect(await sql(platform.database.url, 'select * from platform_state')).toEqual([]);
  });

  it('lets exactly one of several concurrent bootstraps win', async () => {
    const anonymous = apiClient(platform.baseUrl);
    const answers = await Promise.all(
      ['acme', 'beta', 'gamma', 'delta', 'epsilon'].map((org) => anonymous('POST', '/bootstrap', { body: { org, orgName: `${org} Inc`, project: 'api' } })),
    );
    const winners = answers.filter((answer) => answer.status === 201);
    expect(winners).toHaveLength(1);
    for (const loser of answers.filter((answer) => answer.status !== 201)) expectError(loser, 409);

    const winner = winners[0]!.body.data;
    expect(winner.org.name).toBe(`${winner.org.slug} Inc`);
    expect(winner.project.slug).toBe('api');
    expect(winner.environments.map((env: { slug: string }) => env.slug)).toEqual(ENVIRONMENTS);
    expect(await tableCounts(platform.database.url)).toMatchObject({ organizations: 1, projects: 1, environments: 3, api_tokens: 1 });
  });
});
