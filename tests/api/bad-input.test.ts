import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectError, expectOk, scopePath, tableCounts } from '@coffer/test-kit/api-assertions';
import { seedOrg, usePlatform } from '@coffer/test-kit/fixtures';
import { apiClient, type Api } from '@coffer/test-kit/platform';

const platform = usePlatform();
let api: Api;
let token: string;
const scope = scopePath('acme', 'api', 'development');

beforeAll(async () => {
  ({ api, token } = await seedOrg(platform, { org: 'acme', project: 'api' }));
  // One existing secret, so "nothing changed" also covers updates.
  expectOk(await api('POST', `${scope}/secrets/EXISTING`, { body: { value: 'original-value' } }), 201);
});

/** Every refused request below must leave the database exactly as it was. */
let before: Record<string, number>;
beforeEach(async () => {
  before = await tableCounts(platform.database.url);
});
async function expectNothingChanged(): Promise<void> {
  expect(await tableCounts(platform.database.url)).toEqual(before);
  const existing = expectOk(await api('GET', `${scope}/secrets/EXISTING?reveal=true`));
  expect(existing).toMatchObject({ version: 1, value: 'original-value' });
}

async function listedKeys(): Promise<string[]> {
  return expectOk(await api('GET', `${scope}/secrets?includeDeleted=true`)).secrets.map((s: { key: string }) => s.key);
}

describe('request bodies', () => {
  it('refuses a field of the wrong type, naming it', async () => {
    expectError(await api('POST', `${scope}/secrets/NUMERIC`, { body: { value: 42 } }), 400, 'value');
    expectError(await api('POST', `${scope}/secrets/NUMERIC`, { body: { value: null } }), 400, 'value');
    expectError(await api('POST', `${scope}/secrets/NUMERIC`, { body: { value: ['a'] } }), 400, 'value');
    expectError(await api('POST', `${scope}/secrets/EXISTING`, { body: { value: { nested: 'object' } } }), 400, 'value');
    expectError(await api('POST', `${scope}/secrets/NUMERIC`, { body: { value: 'x', type: 1 } }), 400, 'type');
    expectError(await api('POST', `${scope}/secrets/NUMERIC`, { body: { value: 'x', description: false } }), 400, 'description');
    expectError(await api('POST', `${scope}/secrets/NUMERIC`, { body: { value: 'x', expectedVersion: '1' } }), 400, 'expectedVersion');
    expectError(await api('POST', `${scope}/secrets/NUMERIC`, { body: { value: 'x', expectedVersion: -1 } }), 400, 'expectedVersion');
    expectError(await api('POST', `${scope}/secrets/NUMERIC`, { body: { value: 'x', expectedVersion: 1.5 } }), 400, 'expectedVersion');
    expectError(await api('POST', `${scope}/secrets/NUMERIC`, { body: {} }), 400, 'value');
    expect(await listedKeys()).not.toContain('NUMERIC');
    await expectNothingChanged();
  });

  it('refuses a value or description that is not well-formed Unicode instead of changing it', async () => {
    expectError(await api('POST', `${scope}/secrets/LONE`, { rawBody: '{"value":"a\\ud800b"}' }), 400, 'value');
    expectError(await api('POST', `${scope}/secrets/LONE`, { rawBody: '{"value":"\\udc00"}' }), 400, 'value');
    expectError(await api('POST', `${scope}/secrets/LONE`, { rawBody: '{"value":"ok","description":"\\ud83d"}' }), 400, 'description');
    const pair = await api('POST', `${scope}/secrets/EMOJI`, { rawBody: '{"value":"\\ud83d\\ude00"}' });
    expectOk(pair, 201);
    expect(expectOk(await api('GET', `${scope}/secrets/EMOJI?reveal=true`)).value).toBe('\u{1F600}');
    await api('DELETE', `${scope}/secrets/EMOJI/permanent`);
    expect(await listedKeys()).not.toContain('LONE');
  });

  it('refuses unknown fields, naming them, instead of dropping them', async () => {
    const refused = await api('POST', `${scope}/secrets/EXTRA`, { body: { value: 'x', colour: 'red' } });
    expectError(refused, 400, 'colour');
    expectError(await api('POST', `${scope}/secrets/EXISTING`, { body: { value: 'changed', Value: 'x' } }), 400, 'Value');
    expectError(await api('POST', `${scope}/secrets/EXISTING/rollback`, { body: { version: 1, force: true } }), 400, 'force');
    expectError(await api('POST', `${scope}/secrets/EXTRA`, { rawBody: '{"value":"x","__proto__":{"admin":true}}' }), 400, '__proto__');
    expect(await listedKeys()).not.toContain('EXTRA');
    await expectNothingChanged();
  });

  it('refuses malformed JSON, JSON that is not an object, and other media types with 400', async () => {
    const malformed = await api('POST', `${scope}/secrets/MALFORMED`, { rawBody: '{"value": "unterminated' });
    expectError(malformed, 400);
    expect(malformed.body.message).toMatch(/JSON/);
    expect(malformed.body.message).not.toContain('unterminated');
    expectError(await api('POST', `${scope}/secrets/MALFORMED`, { rawBody: 'null' }), 400);
    expectError(await api('POST', `${scope}/secrets/MALFORMED`, { rawBody: '"just a string"' }), 400);
    expectError(await api('POST', `${scope}/secrets/MALFORMED`, { body: ['value', 'x'] }), 400);
    // A form post is not JSON: the body is not read at all, so `value` is missing.
    expectError(
      await api('POST', `${scope}/secrets/MALFORMED`, { rawBody: 'value=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      400,
      'value',
    );
    expectError(
      await api('POST', `${scope}/secrets/MALFORMED`, { rawBody: '{"value":"x"}', headers: { 'content-type': 'application/json; charset=latin1' } }),
      400,
    );
    // A body that claims compression it does not have is the client's mistake, not a server error.
    expectError(await api('POST', `${scope}/secrets/MALFORMED`, { rawBody: '{"value":"x"}', headers: { 'content-encoding': 'gzip' } }), 400);
    expect(await listedKeys()).not.toContain('MALFORMED');
    await expectNothingChanged();
  });

  it('refuses a body over 512kb with 413', async () => {
    const oversized = await api('POST', `${scope}/secrets/OVERSIZED`, { body: { value: 'x'.repeat(600 * 1024) } });
    expectError(oversized, 413);
    expect(oversized.body.message).not.toContain('xxxx');
    expectError(await api('POST', `${scope}/secrets/EXISTING`, { body: { value: 'y'.repeat(513 * 1024) } }), 413);
    expect(await listedKeys()).not.toContain('OVERSIZED');
    await expectNothingChanged();
  });
});

describe('paths and queries', () => {
  it('refuses invalid key names, naming key', async () => {
    for (const key of ['1BAD', 'has-dash', 'has.dot', 'A'.repeat(256), 'spaced%20key', '%C3%A9T%C3%A9']) {
      expectError(await api('POST', `${scope}/secrets/${key}`, { body: { value: 'x' } }), 400, 'key');
      expectError(await api('GET', `${scope}/secrets/${key}`), 400, 'key');
    }
    await expectNothingChanged();
  });

  it('accepts the longest key name (255) and a leading underscore', async () => {
    const longest = `_${'A'.repeat(254)}`;
    expectOk(await api('POST', `${scope}/secrets/${longest}`, { body: { value: 'x' } }), 201);
    expect(await listedKeys()).toContain(longest);
    expectOk(await api('DELETE', `${scope}/secrets/${longest}/permanent`));
  });

  it('refuses path segments that are not slugs, or not valid percent-encoding, with 400', async () => {
    expectError(await api('GET', '/orgs/acme/projects/API/envs/development/secrets'), 400, 'project');
    expectError(await api('GET', '/orgs/acme/projects/api/envs/dev_env/secrets'), 400, 'env');
    expectError(await api('GET', `${scope}/secrets/%E0%A4%A`), 400);
    expectError(await api('GET', '/orgs/%ZZ/projects'), 400);
    await expectNothingChanged();
  });

  it('refuses unknown query parameters on every endpoint, naming them', async () => {
    expectError(await api('GET', `${scope}/secrets?verbose=true`), 400, 'verbose');
    expectError(await api('GET', `${scope}/secrets/EXISTING?reveal=true&format=env`), 400, 'format');
    expectError(await api('GET', `${scope}/secrets/EXISTING?reveal=yes`), 400, 'reveal');
    expectError(await api('GET', `${scope}/secrets/EXISTING/history?limit=1`), 400, 'limit');
    expectError(await api('GET', `${scope}/secrets/EXISTING/diff?from=1&to=1&context=3`), 400, 'context');
    expectError(await api('POST', `${scope}/secrets/EXISTING?force=true`, { body: { value: 'changed' } }), 400, 'force');
    expectError(await api('POST', `${scope}/inject?format=env`), 400, 'format');
    // A query on a destructive call must not be ignored: `?permanent=true` on a soft delete purges nothing and deletes nothing.
    expectError(await api('DELETE', `${scope}/secrets/EXISTING?permanent=true`), 400, 'permanent');
    expectError(await api('DELETE', `${scope}/secrets/EXISTING/permanent?confirm=yes`), 400, 'confirm');
    expectError(await api('POST', `${scope}/secrets/EXISTING/restore?version=1`), 400, 'version');
    expectError(await api('POST', `${scope}/secrets/EXISTING/rollback?version=1`, { body: { version: 1 } }), 400, 'version');
    expectError(await api('GET', '/orgs?all=true'), 400, 'all');
    expectError(await api('GET', '/orgs/acme/projects?page=2'), 400, 'page');
    expectError(await api('POST', '/orgs/acme/projects?dryRun=true', { body: { slug: 'dry' } }), 400, 'dryRun');
    expectError(await api('GET', '/orgs/acme/projects/api/envs?page=2'), 400, 'page');
    expectError(await api('POST', '/orgs/acme/projects/api/envs?dryRun=true', { body: { slug: 'dry' } }), 400, 'dryRun');
    expectError(await api('POST', '/orgs/acme/tokens?ttl=1', { body: { name: 'x', permissions: ['read'] } }), 400, 'ttl');
    expectError(await api('GET', '/orgs/acme/audit?actor=me'), 400, 'actor');
    expect(expectOk(await api('GET', `${scope}/secrets`)).secrets.map((s: { key: string }) => s.key)).toEqual(['EXISTING']);
    await expectNothingChanged();
  });

  it('answers an unknown route or method with a 404 envelope that does not repeat the path', async () => {
    const unknown = await api('GET', '/no/such/route');
    expectError(unknown, 404);
    expect(unknown.body.message).toBe('no route for this method and path');
    expectError(await api('PUT', `${scope}/secrets/EXISTING`, { body: { value: 'x' } }), 404);
    expectError(await api('PATCH', `${scope}/secrets/EXISTING`, { body: { value: 'x' } }), 404);
    const outside = await fetch(`${platform.baseUrl}/definitely-not-here-%1B%5B31m-sk_live_1234`);
    expect(outside.status).toBe(404);
    expect(await outside.json()).toEqual({ error: true, code: 'NOT_FOUND', message: 'no route for this method and path', data: null });
    await expectNothingChanged();
  });
});

describe('authentication', () => {
  const anonymous = () => apiClient(platform.baseUrl);

  it('answers 401 with WWW-Authenticate to a missing, malformed, unknown or mistyped token, and writes nothing', async () => {
    const wellFormedButUnknown = 'coffer_' + 'A'.repeat(43) + '000000';
    const tampered = token.slice(0, -1) + (token.endsWith('a') ? 'b' : 'a');
    const attempts = [
      anonymous()('POST', `${scope}/secrets/UNAUTHENTICATED`, { body: { value: 'x' } }),
      anonymous()('GET', `${scope}/secrets/EXISTING?reveal=true`),
      anonymous()('POST', `${scope}/secrets/EXISTING`, { body: { value: 'x' }, token: 'not-a-token' }),
      anonymous()('POST', `${scope}/secrets/EXISTING`, { body: { value: 'x' }, token: wellFormedButUnknown }),
      anonymous()('POST', `${scope}/secrets/EXISTING`, { body: { value: 'x' }, token: tampered }),
      anonymous()('POST', `${scope}/inject`, { headers: { authorization: `Basic ${Buffer.from(`user:${token}`).toString('base64')}` } }),
      anonymous()('GET', '/orgs', { headers: { authorization: token } }),
      anonymous()('GET', '/orgs/acme/projects'),
    ];
    for (const response of await Promise.all(attempts)) {
      expectError(response, 401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
    }
    await expectNothingChanged();
  });

  it('takes the token only from the Authorization header, never from the query string or body', async () => {
    expectError(await anonymous()('GET', `/orgs/acme/projects?access_token=${token}`), 401);
    expectError(await anonymous()('GET', `${scope}/secrets/EXISTING?reveal=true&access_token=${token}`), 401);
    expectError(await anonymous()('POST', `${scope}/secrets/EXISTING`, { body: { value: 'x', access_token: token } }), 401);
    await expectNothingChanged();
  });

  it('never says whether an unknown organisation exists', async () => {
    const missing = await api('GET', `${scopePath('other-org', 'api', 'development')}/secrets`);
    expectError(missing, 404);
    expectError(await api('POST', `${scopePath('other-org', 'api', 'development')}/secrets/X`, { body: { value: 'x' } }), 404);
    await expectNothingChanged();
  });
});
