/**
 * Machine identities through the REST API, as a CI system holding a scoped token and as someone
 * trying to use one beyond its scope, or to climb with `tokens:manage`, meet them: a token for
 * staging cannot see production or another project, dies when it expires, works only from its
 * allowed networks (by the client address the gateway established, trusted proxies only), and
 * tokens are listed, rotated with an overlap and revoked without ever showing the token again.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { expectError, expectOk, scopePath, sql, waitForAudit } from '@coffer/test-kit/api-assertions';
import { seedOrg, usePlatform, type SeededOrg } from '@coffer/test-kit/fixtures';
import { apiClient, type Api } from '@coffer/test-kit/platform';

const staging = scopePath('acme', 'api', 'staging');
const production = scopePath('acme', 'api', 'production');
const webProduction = scopePath('acme', 'web', 'production');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });

interface Issued {
  id: string;
  token: string;
  [field: string]: unknown;
}

describe('behind a trusted proxy (COFFER_TRUSTED_PROXIES=loopback)', () => {
  const platform = usePlatform({ env: { COFFER_TRUSTED_PROXIES: 'loopback' } });
  let acme: SeededOrg;
  let admin: Api;
  const issue = async (body: Record<string, unknown>, by: Api = admin): Promise<Issued> => expectOk(await by('POST', '/orgs/acme/tokens', { body }), 201);
  const as = (token: string) => apiClient(platform.baseUrl, token);
  const listed = async (query = '') => expectOk(await admin('GET', `/orgs/acme/tokens${query}`)).tokens as Record<string, unknown>[];

  beforeAll(async () => {
    acme = await seedOrg(platform, { org: 'acme', project: 'api' });
    admin = acme.api;
    expectOk(await admin('POST', '/orgs/acme/projects', { body: { slug: 'web' } }), 201);
    expectOk(await admin('POST', '/orgs/acme/projects/web/envs', { body: { slug: 'production' } }), 201);
    for (const scope of [staging, production, webProduction]) {
      expectOk(await admin('POST', `${scope}/secrets/DATABASE_URL`, { body: { value: `postgres://${scope}` } }), 201);
    }
  });

  describe('a token scoped to project api, environment staging, with read, reveal and export', () => {
    let ci: Api;
    let issued: Issued;
    beforeAll(async () => {
      issued = await issue({ name: 'ci', project: 'api', environments: ['staging'], permissions: ['read', 'reveal', 'export'], expiresInSeconds: 3600 });
      ci = as(issued.token);
    });

    it('is answered once with its scope, and injects staging', async () => {
      expect(issued).toMatchObject({
        name: 'ci',
        serviceAccount: 'ci',
        project: 'api',
        environments: ['staging'],
        permissions: ['read', 'reveal', 'export'],
        allowedCidrs: [],
      });
      expect(Object.keys(issued).sort()).toEqual([
        'allowedCidrs',
        'createdAt',
        'environments',
        'expiresAt',
        'id',
        'name',
        'permissions',
        'project',
        'serviceAccount',
        'token',
      ]);
      expect(expectOk(await ci('POST', `${staging}/inject`)).values).toEqual({ DATABASE_URL: `postgres://${staging}` });
      expect(expectOk(await ci('GET', `${staging}/secrets/DATABASE_URL?reveal=true`)).value).toBe(`postgres://${staging}`);
    });

    it('says at /me where it acts, what it holds there and when it expires', async () => {
      expect(expectOk(await ci('GET', '/me')).token).toMatchObject({
        name: 'ci',
        permissions: [],
        grants: [{ project: 'api', environments: ['staging'], permissions: ['read', 'reveal', 'export'] }],
        expiresAt: issued.expiresAt,
      });
    });

    it('gets 404 on production and on another project, spelt as a missing one', async () => {
      // What it answers for what exists but is not its to see, and for what does not exist at all.
      const refused = await ci('POST', `${production}/inject`);
      expect(expectError(refused, 404)).toBe('NOT_FOUND');
      const missing = await ci('POST', `${scopePath('acme', 'api', 'nowhere')}/inject`);
      expect(refused.body.message).toBe(missing.body.message.replace('nowhere', 'production'));
      const web = await ci('POST', `${webProduction}/inject`);
      expectError(web, 404);
      const ghost = await ci('POST', `${scopePath('acme', 'ghost', 'production')}/inject`);
      expect(web.body.message).toBe(ghost.body.message.replace('ghost', 'web'));
      expectError(await ci('GET', `${webProduction}/secrets/DATABASE_URL?reveal=true`), 404);
      expect(expectOk(await ci('GET', '/orgs/acme/projects')).projects.map((p: { slug: string }) => p.slug)).toEqual(['api']);
    });

    it('gets 403 naming a permission it lacks on staging (create), and writes nothing', async () => {
      const refused = await ci('POST', `${staging}/secrets/NEW_KEY`, { body: { value: 'x' } });
      expectError(refused, 403);
      expect(refused.body.message).toContain('create');
      expectError(await admin('GET', `${staging}/secrets/NEW_KEY`), 404);
    });

    it('cannot manage tokens', async () => {
      expectError(await ci('POST', '/orgs/acme/tokens', { body: { name: 'child', project: 'api', environments: ['staging'] } }), 403);
      expectError(await ci('GET', '/orgs/acme/tokens'), 403);
    });
  });

  it('defaults to least privilege: no permissions asked is read only', async () => {
    const reader = await issue({ name: 'default-reader', project: 'api', environments: ['staging'] });
    expect(reader.permissions).toEqual(['read']);
    expectOk(await as(reader.token)('GET', `${staging}/secrets`));
    expectError(await as(reader.token)('GET', `${staging}/secrets/DATABASE_URL?reveal=true`), 403);
  });

  it('refuses bad input with a 4xx naming the field, and issues nothing', async () => {
    const before = (await listed()).length;
    expectError(await admin('POST', '/orgs/acme/tokens', { body: { name: 'x', project: 'api', allowedCidrs: ['10.0.0.0/33'] } }), 400, 'allowedCidrs.0');
    expectError(await admin('POST', '/orgs/acme/tokens', { body: { name: 'x', project: 'api', expiresInSeconds: 10 } }), 400, 'expiresInSeconds');
    const beyond = await admin('POST', '/orgs/acme/tokens', { body: { name: 'x', project: 'api', permissions: ['read', 'tokens:manage'] } });
    expectError(beyond, 400);
    expect(beyond.body.message).toContain('permissions');
    expect(beyond.body.message).toContain('tokens:manage');
    const envsAlone = await admin('POST', '/orgs/acme/tokens', { body: { name: 'x', environments: ['staging'] } });
    expectError(envsAlone, 400);
    expect(envsAlone.body.message).toContain('environments');
    expectError(await admin('POST', '/orgs/acme/tokens', { body: { name: 'x', project: 'api', environments: ['nowhere'] } }), 404);
    expectError(
      await admin('POST', '/orgs/acme/tokens/00000000-0000-4000-8000-000000000000/rotate', { body: { overlapSeconds: 8 * 86_400 } }),
      400,
      'overlapSeconds',
    );
    expect((await listed()).length).toBe(before);
  });

  it('expires: once its expiry passes it gets 401', async () => {
    const short = await issue({ name: 'short', project: 'api', environments: ['staging'], expiresInSeconds: 60 });
    expect(Date.parse(short.expiresAt as string) - Date.now()).toBeGreaterThan(50_000);
    // The shortest lifetime is a minute; the test brings it closer before the token is first used.
    await sql(platform.database.url, `update api_tokens set expires_at = now() + interval '2 seconds' where id = $1`, [short.id]);
    expectOk(await as(short.token)('GET', `${staging}/secrets`));
    await sleep(2_300);
    expectError(await as(short.token)('GET', `${staging}/secrets`), 401);
  });

  describe('an allow-list of 10.0.0.0/8', () => {
    let limited: Issued;
    beforeAll(async () => {
      limited = await issue({ name: 'limited', project: 'api', environments: ['staging'], allowedCidrs: ['10.0.0.0/8'] });
    });

    it('is refused from 127.0.0.1, and admitted through the trusted proxy for 10.1.2.3', async () => {
      expectError(await as(limited.token)('GET', `${staging}/secrets`), 401);
      expectError(await as(limited.token)('GET', `${staging}/secrets`, from('192.168.1.1')), 401);
      expectOk(await as(limited.token)('GET', `${staging}/secrets`, from('10.1.2.3')));
    });

    it('shows the address and time of last use in the list', async () => {
      const row = (await listed()).find((token) => token.id === limited.id)!;
      expect(row).toMatchObject({ lastUsedIp: '10.1.2.3', allowedCidrs: ['10.0.0.0/8'], project: 'api', environments: ['staging'] });
      expect(Date.now() - Date.parse(row.lastUsedAt as string)).toBeLessThan(60_000);
      // Never the token or its hash.
      expect(JSON.stringify(await listed())).not.toContain(limited.token);
      expect(Object.keys(row)).not.toContain('tokenHash');
    });
  });

  describe('escalation: a caller with tokens:manage and read only', () => {
    let manager: Api;
    beforeAll(async () => {
      manager = as((await issue({ name: 'manager', permissions: ['tokens:manage', 'read'] })).token);
    });

    it('issues a read token for staging, but not one with reveal: 403 naming reveal, nothing issued', async () => {
      expect((await issue({ name: 'narrow', project: 'api', environments: ['staging'], permissions: ['read'] }, manager)).permissions).toEqual(['read']);
      const before = (await listed()).length;
      const refused = await manager('POST', '/orgs/acme/tokens', {
        body: { name: 'wide', project: 'api', environments: ['staging'], permissions: ['read', 'reveal'] },
      });
      expectError(refused, 403);
      expect(refused.body.message).toBe('missing permission: reveal');
      const orgWide = await manager('POST', '/orgs/acme/tokens', { body: { name: 'wide', permissions: ['export'] } });
      expectError(orgWide, 403);
      expect((await listed()).length).toBe(before);
    });

    it('cannot revoke or rotate the admin token: 403 naming admin, and the admin token keeps working', async () => {
      for (const [method, path, body] of [
        ['DELETE', `/orgs/acme/tokens/${acme.tokenId}`, undefined],
        ['POST', `/orgs/acme/tokens/${acme.tokenId}/rotate`, { overlapSeconds: 0 }],
      ] as const) {
        const refused = await manager(method, path, body ? { body } : {});
        expectError(refused, 403);
        expect(refused.body.message).toBe('missing permission: admin');
      }
      expectOk(await admin('GET', '/orgs/acme/tokens'));
      expect((await listed()).find((token) => token.id === acme.tokenId)).toMatchObject({ revokedAt: '', expiresAt: '' });
    });

    it('can revoke a token holding no more than it', async () => {
      const weak = await issue({ name: 'weak', project: 'api', environments: ['staging'], permissions: ['read'] });
      expectOk(await manager('DELETE', `/orgs/acme/tokens/${weak.id}`));
      expectError(await as(weak.token)('GET', `${staging}/secrets`), 401);
    });
  });

  it('rotation with an overlap: the old token works until the overlap ends, then 401; the new one goes on', async () => {
    const old = await issue({ name: 'rotating', project: 'api', environments: ['staging'], permissions: ['read', 'reveal', 'export'] });
    expectOk(await as(old.token)('POST', `${staging}/inject`));
    const fresh: Issued = expectOk(
      await admin('POST', `/orgs/acme/tokens/${old.id}/rotate`, { body: { overlapSeconds: 2 }, headers: { 'x-request-id': 'rotate-overlap' } }),
      201,
    );
    expect(fresh.id).not.toBe(old.id);
    expect(fresh).toMatchObject({ name: 'rotating', project: 'api', environments: ['staging'], permissions: ['read', 'reveal', 'export'] });
    expectOk(await as(old.token)('POST', `${staging}/inject`));
    expectOk(await as(fresh.token)('POST', `${staging}/inject`));
    await sleep(2_300);
    expectError(await as(old.token)('POST', `${staging}/inject`), 401);
    expectOk(await as(fresh.token)('POST', `${staging}/inject`));
    expect((await listed()).find((token) => token.id === fresh.id)?.rotatedFrom).toBe(old.id);
    const record = (await waitForAudit(admin, 'acme', ['rotate-overlap'])).find((event) => event.requestId === 'rotate-overlap');
    expect(record).toMatchObject({ action: 'token.rotate', outcome: 'success', resource: `orgs/acme/tokens/${old.id}` });
  });

  it('revocation: 401 on the next request; listed as revoked only when asked for', async () => {
    const doomed = await issue({ name: 'doomed', project: 'api' });
    expectOk(await as(doomed.token)('GET', `${staging}/secrets`));
    expectOk(await admin('DELETE', `/orgs/acme/tokens/${doomed.id}`));
    expectError(await as(doomed.token)('GET', `${staging}/secrets`), 401);
    expect((await listed()).some((token) => token.id === doomed.id)).toBe(false);
    expect((await listed('?includeRevoked=true')).find((token) => token.id === doomed.id)?.revokedAt).not.toBe('');
  });

  it('organisation-wide tokens (the admin token, and ones made without a project) keep working everywhere they did', async () => {
    const legacy = await issue({ name: 'legacy', permissions: ['read', 'reveal'] });
    expect(legacy).toMatchObject({ project: '', environments: [] });
    for (const scope of [staging, production, webProduction]) {
      expectOk(await as(legacy.token)('GET', `${scope}/secrets/DATABASE_URL?reveal=true`));
      expectOk(await admin('POST', `${scope}/inject`));
    }
  });

  it('service accounts: created, listed, deleted with every token revoked; audited', async () => {
    const created = expectOk(
      await admin('POST', '/orgs/acme/service-accounts', { body: { name: 'deployer', description: 'CD' }, headers: { 'x-request-id': 'sa-create' } }),
      201,
    );
    expect(created).toMatchObject({ name: 'deployer', description: 'CD' });
    expectError(await admin('POST', '/orgs/acme/service-accounts', { body: { name: 'deployer' } }), 409);
    const token = await issue({ name: 'deploy', serviceAccount: 'deployer', project: 'api' });
    expect(token.serviceAccount).toBe('deployer');
    expect(expectOk(await admin('GET', '/orgs/acme/service-accounts')).serviceAccounts.map((a: { name: string }) => a.name)).toContain('deployer');
    expectOk(await admin('DELETE', '/orgs/acme/service-accounts/deployer', { headers: { 'x-request-id': 'sa-delete' } }));
    expectError(await as(token.token)('GET', `${staging}/secrets`), 401);
    expectError(await admin('DELETE', '/orgs/acme/service-accounts/deployer'), 404);
    const records = (await waitForAudit(admin, 'acme', ['sa-create', 'sa-delete'])).filter((event) => event.requestId.startsWith('sa-'));
    expect(records.map((record) => record.action).sort()).toEqual(['service-account.create', 'service-account.delete']);
  });
});

describe('behind no trusted proxy', () => {
  const platform = usePlatform();

  it('an X-Forwarded-For of 10.1.2.3 does not let a token limited to 10.0.0.0/8 in from 127.0.0.1', async () => {
    const acme = await seedOrg(platform, { org: 'acme', project: 'api' });
    const limited = expectOk(await acme.api('POST', '/orgs/acme/tokens', { body: { name: 'limited', project: 'api', allowedCidrs: ['10.0.0.0/8'] } }), 201);
    const ci = apiClient(platform.baseUrl, limited.token);
    expectError(await ci('GET', `${staging}/secrets`, from('10.1.2.3')), 401);
    expectError(await ci('GET', `${staging}/secrets`), 401);
    // Nor was it recorded as used from there.
    const row = expectOk(await acme.api('GET', '/orgs/acme/tokens')).tokens.find((token: { id: string }) => token.id === limited.id);
    expect(row).toMatchObject({ lastUsedIp: '', lastUsedAt: '' });
  });
});
