import { beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectOk, scopePath, waitForAudit } from '@coffer/test-kit/api-assertions';
import { seedOrg, usePlatform } from '@coffer/test-kit/fixtures';
import { apiClient, type Api, type ApiResponse } from '@coffer/test-kit/platform';

const platform = usePlatform();
let api: Api;
const production = scopePath('acme', 'api', 'production');
const staging = scopePath('acme', 'api', 'staging');
const VALUES = { DB_URL: 'postgres://conditional-db/app', API_KEY: 'sk-conditional-51e0' };
const TAG = /^"[A-Za-z0-9_-]{43}"$/;

const inject = (env: string, headers: Record<string, string> = {}, caller = api) => caller('POST', `${env}/inject`, { headers });
const pull = (env: string, format: string, headers: Record<string, string> = {}, method = 'GET') =>
  api(method, `${env}/sync/pull?format=${format}`, { headers });
const etagOf = (response: ApiResponse) => response.headers.get('etag') ?? '';

/** A 304 as the gateway sends it: the tag, no body and none of its headers, and every security and no-store header of other answers. */
function expectNotModified(response: ApiResponse, etag: string): void {
  expect(response.status).toBe(304);
  expect(response.body).toBeUndefined();
  expect(response.headers.get('etag')).toBe(etag);
  expect(response.headers.get('content-type')).toBeNull();
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
}

async function issue(permissions: string[]): Promise<Api> {
  const created = expectOk(await api('POST', '/orgs/acme/tokens', { body: { name: permissions.join('+'), permissions } }), 201);
  return apiClient(platform.baseUrl, created.token);
}

beforeAll(async () => {
  ({ api } = await seedOrg(platform, { org: 'acme', project: 'api' }));
  for (const env of [production, staging]) {
    for (const [key, value] of Object.entries(VALUES)) expectOk(await api('POST', `${env}/secrets/${key}`, { body: { value } }), 201);
    expectOk(await api('POST', `${env}/secrets/LD_PRELOAD`, { body: { value: '/tmp/evil.so' } }), 201);
  }
});

describe('inject', () => {
  it('answers an ETag made of no value: the same while nothing changes, with the same body', async () => {
    const first = await inject(production);
    const second = await inject(production);
    expect(expectOk(first)).toEqual({ values: VALUES, removed: ['LD_PRELOAD'] });
    expect(etagOf(first)).toMatch(TAG);
    expect(etagOf(second)).toBe(etagOf(first));
    expect(JSON.stringify(second.body)).toBe(JSON.stringify(first.body));
    expect(first.headers.get('last-modified')).toBeNull();
    expect(first.headers.get('cache-control')).toBe('no-store');
  });

  it('answers 304 without a body to the current tag, its weak form, a list holding it, and *', async () => {
    const etag = etagOf(await inject(production));
    for (const field of [etag, `W/${etag}`, `"stale", ${etag}`, ` , W/"x",${etag} ,`, '*']) {
      expectNotModified(await inject(production, { 'if-none-match': field }), etag);
    }
  });

  it('answers in full, with the new tag, once a secret changes, and the old tag no longer matches', async () => {
    const before = etagOf(await inject(staging));
    expectOk(await api('POST', `${staging}/secrets/ROTATED`, { body: { value: 'rotated-1' } }), 201);
    const changed = await inject(staging, { 'if-none-match': before });
    expect(expectOk(changed).values.ROTATED).toBe('rotated-1');
    expect(etagOf(changed)).toMatch(TAG);
    expect(etagOf(changed)).not.toBe(before);
    expectNotModified(await inject(staging, { 'if-none-match': etagOf(changed) }), etagOf(changed));

    expectOk(await api('DELETE', `${staging}/secrets/ROTATED`));
    const deleted = await inject(staging, { 'if-none-match': etagOf(changed) });
    expect(expectOk(deleted).values).toEqual(VALUES);
    // The same answer as before the write, so the same tag.
    expect(etagOf(deleted)).toBe(before);
  });

  it('never shares a tag between environments holding the same keys, nor between callers that may see different things', async () => {
    const narrow = await issue(['reveal', 'export']);
    const narrowToo = await issue(['reveal', 'export']);
    const reader = await issue(['read', 'reveal', 'export']);
    const admin = etagOf(await inject(production));
    const tags = [admin, etagOf(await inject(scopePath('acme', 'api', 'development'))), etagOf(await inject(production, {}, narrow))];
    tags.push(etagOf(await inject(production, {}, reader)));
    expect(new Set(tags).size).toBe(tags.length);
    // Another token that may see exactly the same: the same answer, the same tag.
    expect(etagOf(await inject(production, {}, narrowToo))).toBe(tags[2]);
    // The admin's tag does not answer 304 to a narrower token.
    expect(expectOk(await inject(production, { 'if-none-match': admin }, narrow)).values).toEqual(VALUES);
    // Another environment's tag is just another tag.
    expect(expectOk(await inject(staging, { 'if-none-match': admin })).values.DB_URL).toBe(VALUES.DB_URL);
  });

  it('answers in full to a tag that does not match or a field that is not valid: nothing special', async () => {
    const etag = etagOf(await inject(production));
    const opaque = etag.slice(1, -1);
    for (const field of [
      '"not-the-tag"',
      opaque,
      `w/${etag}`,
      `${etag}x`,
      `*, ${etag}`,
      `${etag} ${etag}`,
      `"${opaque}`,
      `"${opaque.toLowerCase()}"`,
      '',
      ',',
      `"caf\xe9"`,
    ]) {
      const answer = await inject(production, { 'if-none-match': field });
      expect(expectOk(answer), JSON.stringify(field)).toEqual({ values: VALUES, removed: ['LD_PRELOAD'] });
      expect(etagOf(answer)).toBe(etag);
    }
  });

  it('decides access and existence before the tag: 403 and 404 whatever If-None-Match says', async () => {
    const revealOnly = await issue(['read', 'reveal']);
    expectError(await inject(production, { 'if-none-match': '*' }, revealOnly), 403);
    expectError(await inject(scopePath('acme', 'api', 'nowhere'), { 'if-none-match': '*' }), 404);
    expectError(await inject(scopePath('elsewhere', 'api', 'production'), { 'if-none-match': '*' }), 404);
  });
});

describe('pull', () => {
  it('has a tag per format, never inject’s, and answers 304 to its own', async () => {
    const tags: string[] = [etagOf(await inject(production))];
    for (const format of ['env', 'dotenv', 'json', 'yaml']) {
      const full = await pull(production, format);
      expect(expectOk(full).format).toBe(format);
      const etag = etagOf(full);
      expect(etag).toMatch(TAG);
      tags.push(etag);
      expectNotModified(await pull(production, format, { 'if-none-match': etag }), etag);
      expectNotModified(await pull(production, format, { 'if-none-match': etag }, 'HEAD'), etag);
    }
    expect(new Set(tags).size).toBe(tags.length);
    // The default format is env: the same document, the same tag.
    expect(etagOf(await api('GET', `${production}/sync/pull`))).toBe(tags[1]);
    // Another format's tag, or inject's, is a tag that does not match.
    expect(expectOk(await pull(production, 'json', { 'if-none-match': tags[1]! })).format).toBe('json');
    expect(expectOk(await pull(production, 'env', { 'if-none-match': tags[0]! })).format).toBe('env');
  });

  it('gives a refusal no tag', async () => {
    const env = scopePath('acme', 'api', 'development');
    // A bare ', " and ` together with a #: no dotenv spelling reads it back.
    expectOk(await api('POST', `${env}/secrets/HASH`, { body: { value: '\'"` # x' } }), 201);
    const refused = await pull(env, 'dotenv');
    expectError(refused, 400);
    expect(refused.headers.get('etag')).toBeNull();
    expect(etagOf(await pull(env, 'json'))).toMatch(TAG);
  });

  it('compares a document without a tag: the comparison is not a representation of the environment', async () => {
    const etag = etagOf(await pull(production, 'env'));
    const compared = await api('POST', `${production}/sync/diff`, { body: { format: 'env', content: 'DB_URL=x\n' }, headers: { 'if-none-match': etag } });
    expect(expectOk(compared).changed).toEqual(['DB_URL']);
    expect(compared.headers.get('etag')).toBeNull();
  });
});

describe('audit', () => {
  it('records a 304 as a check that opened no value, apart from the reads that did', async () => {
    const injected = await inject(production);
    const pulled = await pull(production, 'yaml');
    const unchangedInject = await inject(production, { 'if-none-match': etagOf(injected) });
    const unchangedPull = await pull(production, 'yaml', { 'if-none-match': etagOf(pulled) });
    const missed = await inject(production, { 'if-none-match': '"stale"' });
    expect([unchangedInject.status, unchangedPull.status, missed.status]).toEqual([304, 304, 200]);
    const calls = { injected, pulled, unchangedInject, unchangedPull, missed };
    const ids = Object.fromEntries(Object.entries(calls).map(([name, response]) => [name, response.headers.get('x-request-id')!]));
    const trail = await waitForAudit(api, 'acme', Object.values(ids));
    const recorded = (name: string) =>
      trail.filter((event) => event.requestId === ids[name]).map(({ action, outcome, resource }) => ({ action, outcome, resource }));
    const resource = production.slice(1);
    expect(recorded('injected')).toEqual([{ action: 'secret.inject', outcome: 'success', resource }]);
    expect(recorded('pulled')).toEqual([{ action: 'secret.pull', outcome: 'success', resource }]);
    expect(recorded('unchangedInject')).toEqual([{ action: 'secret.inject.unchanged', outcome: 'success', resource }]);
    expect(recorded('unchangedPull')).toEqual([{ action: 'secret.pull.unchanged', outcome: 'success', resource }]);
    expect(recorded('missed')).toEqual([{ action: 'secret.inject', outcome: 'success', resource }]);
  });
});
