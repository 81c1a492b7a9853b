import { beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectOk, scopePath, sql, tableCounts, waitFor } from '@coffer/test-kit/api-assertions';
import { seedOrg, usePlatform } from '@coffer/test-kit/fixtures';
import { apiClient, type Api } from '@coffer/test-kit/platform';

const platform = usePlatform();
let api: Api;

beforeAll(async () => {
  ({ api } = await seedOrg(platform, { org: 'acme', project: 'api' }));
});

const slugs = (items: { slug: string }[]) => items.map((item) => item.slug).sort();

describe('organisations', () => {
  it('lists the token’s own organisation', async () => {
    const { orgs } = expectOk(await api('GET', '/orgs'));
    expect(slugs(orgs)).toEqual(['acme']);
    expect(orgs[0]).toMatchObject({ id: expect.any(String), slug: 'acme', name: 'acme', createdAt: expect.any(String) });
  });

  it('creates an organisation with its own admin token, which sees only that organisation', async () => {
    const created = expectOk(await api('POST', '/orgs', { body: { slug: 'beta', name: 'Beta Ltd' } }), 201);
    expect(created.org).toMatchObject({ slug: 'beta', name: 'Beta Ltd' });
    expect(created.token.token).toMatch(/^coffer_/);
    expect(created.token.permissions).toEqual(['admin']);

    const beta = apiClient(platform.baseUrl, created.token.token);
    expect(slugs(expectOk(await beta('GET', '/orgs')).orgs)).toEqual(['beta']);
    expect(expectOk(await beta('GET', '/orgs/beta/projects')).projects).toEqual([]);
    // Each token stays inside its organisation: the other one answers as if it did not exist.
    expectError(await beta('GET', '/orgs/acme/projects'), 404);
    expectError(await api('GET', '/orgs/beta/projects'), 404);
    expect(slugs(expectOk(await api('GET', '/orgs')).orgs)).toEqual(['acme']);
  });

  it('answers 409 to a duplicate slug and 400 naming the field to a bad one, creating nothing', async () => {
    const before = await tableCounts(platform.database.url);
    expectError(await api('POST', '/orgs', { body: { slug: 'acme' } }), 409);
    expectError(await api('POST', '/orgs', { body: { slug: 'Not_A_Slug' } }), 400, 'slug');
    expectError(await api('POST', '/orgs', { body: { slug: 'ends-with-dash-' } }), 400, 'slug');
    expectError(await api('POST', '/orgs', { body: { slug: 'x'.repeat(64) } }), 400, 'slug');
    expectError(await api('POST', '/orgs', { body: {} }), 400, 'slug');
    expectError(await api('POST', '/orgs', { body: { slug: 'gamma', owner: 'me' } }), 400, 'owner');
    expect(await tableCounts(platform.database.url)).toEqual(before);
  });
});

describe('projects', () => {
  it('creates and lists projects', async () => {
    const web = expectOk(await api('POST', '/orgs/acme/projects', { body: { slug: 'web', name: 'Web app' } }), 201);
    expect(web).toMatchObject({ slug: 'web', name: 'Web app', id: expect.any(String) });
    const { projects } = expectOk(await api('GET', '/orgs/acme/projects'));
    expect(slugs(projects)).toEqual(['api', 'web']);
    // A new project starts without environments.
    expect(expectOk(await api('GET', '/orgs/acme/projects/web/envs')).environments).toEqual([]);
  });

  it('answers 409 to a duplicate, 400 to a bad slug and 404 to another organisation, creating nothing', async () => {
    const before = await tableCounts(platform.database.url);
    expectError(await api('POST', '/orgs/acme/projects', { body: { slug: 'api' } }), 409);
    expectError(await api('POST', '/orgs/acme/projects', { body: { slug: 'UPPER' } }), 400, 'slug');
    expectError(await api('POST', '/orgs/acme/projects', { body: { slug: 'fine', name: '' } }), 400, 'name');
    expectError(await api('POST', '/orgs/nope/projects', { body: { slug: 'other' } }), 404);
    expectError(await api('GET', '/orgs/nope/projects'), 404);
    expectError(await api('GET', '/orgs/NOPE/projects'), 400, 'org');
    expect(await tableCounts(platform.database.url)).toEqual(before);
  });
});

describe('environments', () => {
  it('creates and lists environments of a project', async () => {
    await api('POST', '/orgs/acme/projects', { body: { slug: 'worker' } });
    const qa = expectOk(await api('POST', '/orgs/acme/projects/worker/envs', { body: { slug: 'qa', name: 'QA' } }), 201);
    expect(qa).toMatchObject({ slug: 'qa', name: 'QA' });
    expect(slugs(expectOk(await api('GET', '/orgs/acme/projects/worker/envs')).environments)).toEqual(['qa']);
    expect(slugs(expectOk(await api('GET', '/orgs/acme/projects/api/envs')).environments)).toEqual(['development', 'production', 'staging']);
    // The same slug is fine in another project.
    expectOk(await api('POST', '/orgs/acme/projects/api/envs', { body: { slug: 'qa' } }), 201);
    // And the new environment is usable for secrets straight away.
    expectOk(await api('POST', `${scopePath('acme', 'worker', 'qa')}/secrets/QUEUE_URL`, { body: { value: 'amqp://q' } }), 201);
  });

  it('answers 409 to a duplicate, 400 to a bad slug and 404 to an unknown project, creating nothing', async () => {
    const before = await tableCounts(platform.database.url);
    expectError(await api('POST', '/orgs/acme/projects/api/envs', { body: { slug: 'staging' } }), 409);
    expectError(await api('POST', '/orgs/acme/projects/api/envs', { body: { slug: 'has space' } }), 400, 'slug');
    expectError(await api('POST', '/orgs/acme/projects/ghost/envs', { body: { slug: 'dev' } }), 404);
    expectError(await api('GET', '/orgs/acme/projects/ghost/envs'), 404);
    expect((await api('GET', '/orgs/acme/projects/ghost/envs')).body.message).toContain('ghost');
    expect(await tableCounts(platform.database.url)).toEqual(before);
  });
});

describe('tokens', () => {
  it('issues a scoped token shown once, stored only as a hash, that can do what it was granted and nothing more', async () => {
    const issued = expectOk(await api('POST', '/orgs/acme/tokens', { body: { name: 'ci-reader', permissions: ['read'] } }), 201);
    expect(issued).toMatchObject({ id: expect.any(String), name: 'ci-reader', permissions: ['read'] });
    expect(issued.token).toMatch(/^coffer_/);
    const stored = await sql(platform.database.url, 'select * from api_tokens where id = $1', [issued.id]);
    expect(JSON.stringify(stored)).not.toContain(issued.token);

    const reader = apiClient(platform.baseUrl, issued.token);
    const scope = scopePath('acme', 'api', 'development');
    expectOk(await api('POST', `${scope}/secrets/READ_ME`, { body: { value: 'visible-only-to-revealers' } }), 201);
    expect(expectOk(await reader('GET', `${scope}/secrets`)).secrets.map((s: { key: string }) => s.key)).toContain('READ_ME');
    expectError(await reader('GET', `${scope}/secrets/READ_ME?reveal=true`), 403);
    expectError(await reader('POST', `${scope}/secrets/READ_ME`, { body: { value: 'overwritten' } }), 403);
    expectError(await reader('POST', '/orgs/acme/projects', { body: { slug: 'nope' } }), 403);
    expectError(await reader('POST', '/orgs/acme/tokens', { body: { name: 'x', permissions: ['read'] } }), 403);
    expect(expectOk(await api('GET', `${scope}/secrets/READ_ME`)).version).toBe(1);
  });

  it('refuses to hand out permissions the issuing token does not hold', async () => {
    const manager = expectOk(await api('POST', '/orgs/acme/tokens', { body: { name: 'manager', permissions: ['tokens:manage', 'read'] } }), 201);
    const managerApi = apiClient(platform.baseUrl, manager.token);
    const before = await tableCounts(platform.database.url);
    expectError(await managerApi('POST', '/orgs/acme/tokens', { body: { name: 'escalated', permissions: ['admin'] } }), 403);
    expectError(await managerApi('POST', '/orgs/acme/tokens', { body: { name: 'escalated', permissions: ['reveal'] } }), 403);
    expect(await tableCounts(platform.database.url)).toEqual(before);
    expectOk(await managerApi('POST', '/orgs/acme/tokens', { body: { name: 'narrower', permissions: ['read'] } }), 201);
  });

  it('rejects unknown permissions and malformed token requests with 400', async () => {
    const before = await tableCounts(platform.database.url);
    expectError(await api('POST', '/orgs/acme/tokens', { body: { name: 'x', permissions: ['secrets:everything'] } }), 400);
    expect((await api('POST', '/orgs/acme/tokens', { body: { name: 'x', permissions: ['secrets:everything'] } })).body.message).toContain('secrets:everything');
    expectError(await api('POST', '/orgs/acme/tokens', { body: { name: 'x', permissions: [] } }), 400, 'permissions');
    expectError(await api('POST', '/orgs/acme/tokens', { body: { permissions: ['read'] } }), 400, 'name');
    expectError(await api('POST', '/orgs/acme/tokens', { body: { name: 'x', permissions: ['read'], expires: 1 } }), 400, 'expires');
    expect(await tableCounts(platform.database.url)).toEqual(before);
  });

  it('revokes a token: it stops working at once, and a second revoke is 404', async () => {
    const issued = expectOk(await api('POST', '/orgs/acme/tokens', { body: { name: 'short-lived', permissions: ['read'] } }), 201);
    const doomed = apiClient(platform.baseUrl, issued.token);
    // Warm the gateway's principal cache, so the revoke has to evict it.
    expect((await doomed('GET', '/orgs/acme/projects')).status).toBe(200);

    expect(expectOk(await api('DELETE', `/orgs/acme/tokens/${issued.id}`))).toEqual({ revoked: true });
    const [row] = await sql<{ revoked_at: Date | null }>(platform.database.url, 'select revoked_at from api_tokens where id = $1', [issued.id]);
    expect(row?.revoked_at).toBeInstanceOf(Date);

    const refused = await waitFor(
      async () => {
        const answer = await doomed('GET', '/orgs/acme/projects');
        return answer.status === 401 ? answer : undefined;
      },
      'the revoked token to be refused',
      2_000,
    );
    expectError(refused, 401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer');

    expectError(await api('DELETE', `/orgs/acme/tokens/${issued.id}`), 404);
    expectError(await api('DELETE', '/orgs/acme/tokens/00000000-0000-4000-8000-000000000000'), 404);
    expectError(await api('DELETE', '/orgs/acme/tokens/not-a-uuid'), 400, 'tokenId');
  });

  it('cannot revoke a token of another organisation', async () => {
    const other = expectOk(await api('POST', '/orgs', { body: { slug: 'delta' } }), 201);
    const otherApi = apiClient(platform.baseUrl, other.token.token);
    expectError(await api('DELETE', `/orgs/acme/tokens/${other.token.id}`), 404);
    expectError(await api('DELETE', `/orgs/delta/tokens/${other.token.id}`), 404);
    expect((await otherApi('GET', '/orgs')).status).toBe(200);
  });
});
