import { beforeAll, expect, it } from 'vitest';
import { expectError, expectOk, scopePath } from '@coffer/test-kit/api-assertions';
import { seedOrg, usePlatform } from '@coffer/test-kit/fixtures';
import { apiClient, type Api } from '@coffer/test-kit/platform';

const platform = usePlatform();
let api: Api;
const scope = scopePath('acme', 'api', 'production');

const DANGEROUS: Record<string, string> = {
  LD_PRELOAD: '/tmp/evil.so',
  LD_LIBRARY_PATH: '/tmp/evil',
  LD_AUDIT: '/tmp/audit.so',
  DYLD_INSERT_LIBRARIES: '/tmp/evil.dylib',
  PATH: '/tmp/evil/bin',
  NODE_OPTIONS: '--require /tmp/evil.js',
  PYTHONPATH: '/tmp/evil-py',
  PERL5OPT: '-Mevil',
  BASH_ENV: '/tmp/evil.sh',
  ENV: '/tmp/evil.sh',
};

/** 30 ordinary secrets of every type, with values that are easy to tell apart. */
const SAFE: Record<string, { value: string; type: string }> = Object.fromEntries(
  Array.from({ length: 30 }, (_, i) => {
    const types = ['text', 'json', 'yaml', 'boolean', 'integer', 'password'] as const;
    const type = types[i % types.length]!;
    const value = {
      text: `text value ${i} with spaces, "quotes" and = signs`,
      json: JSON.stringify({ index: i, nested: { ok: true } }),
      yaml: `index: ${i}\nlist:\n  - a\n  - b\n`,
      boolean: i % 4 === 0 ? 'true' : 'false',
      integer: String(i * 1000 - 7),
      password: `p@ss-${i}-${'#'.repeat(i % 5)}`,
    }[type];
    return [`SAFE_${String(i).padStart(2, '0')}`, { value, type }];
  }),
);

async function putAll(target: string, entries: [string, { value: string; type?: string }][]): Promise<void> {
  // A few at a time: fast, without depending on every write landing at once.
  for (let i = 0; i < entries.length; i += 8) {
    const answers = await Promise.all(entries.slice(i, i + 8).map(([key, body]) => api('POST', `${target}/secrets/${key}`, { body })));
    for (const answer of answers) expectOk(answer, 201);
  }
}

beforeAll(async () => {
  ({ api } = await seedOrg(platform, { org: 'acme', project: 'api' }));
  await putAll(scope, [...Object.entries(SAFE), ...Object.entries(DANGEROUS).map(([key, value]) => [key, { value }] as [string, { value: string }])]);
});

it('returns exactly the 30 safe secrets with their current values, and lists the dangerous names as removed', async () => {
  const response = await api('POST', `${scope}/inject`);
  const { values, removed } = expectOk(response);
  expect(values).toEqual(Object.fromEntries(Object.entries(SAFE).map(([key, { value }]) => [key, value])));
  expect(Object.keys(values)).toHaveLength(30);
  expect([...removed].sort()).toEqual(Object.keys(DANGEROUS).sort());
  // Not even the dangerous values travel back.
  const text = JSON.stringify(response.body);
  for (const value of Object.values(DANGEROUS)) expect(text).not.toContain(value);
});

it('stores the dangerous names like any other secret: only inject withholds them', async () => {
  expect(expectOk(await api('GET', `${scope}/secrets/LD_PRELOAD?reveal=true`)).value).toBe('/tmp/evil.so');
  const listed = expectOk(await api('GET', `${scope}/secrets`)).secrets.map((s: { key: string }) => s.key);
  for (const key of Object.keys(DANGEROUS)) expect(listed).toContain(key);
});

it('withholds dangerous names whatever their case or loader prefix', async () => {
  const env = scopePath('acme', 'api', 'staging');
  await putAll(env, [
    ['ld_preload', { value: 'lower' }],
    ['Path', { value: 'mixed' }],
    ['DYLD_LIBRARY_PATH', { value: 'dyld' }],
    ['LD_BIND_NOW', { value: '1' }],
    ['NODE_ENV', { value: 'production' }],
    ['MY_PATH', { value: '/srv/app' }],
  ]);
  const { values, removed } = expectOk(await api('POST', `${env}/inject`));
  expect(values).toEqual({ NODE_ENV: 'production', MY_PATH: '/srv/app' });
  expect([...removed].sort()).toEqual(['DYLD_LIBRARY_PATH', 'LD_BIND_NOW', 'Path', 'ld_preload']);
});

it('injects the latest version, leaves out deleted secrets and brings back restored ones', async () => {
  const env = scopePath('acme', 'api', 'development');
  await putAll(env, [
    ['KEEP', { value: 'keep-v1' }],
    ['GONE', { value: 'gone-v1' }],
    ['PURGED', { value: 'purged-v1' }],
  ]);
  expectOk(await api('POST', `${env}/secrets/KEEP`, { body: { value: 'keep-v2' } }));
  expectOk(await api('DELETE', `${env}/secrets/GONE`));
  expectOk(await api('DELETE', `${env}/secrets/PURGED/permanent`));
  expect(expectOk(await api('POST', `${env}/inject`))).toEqual({ values: { KEEP: 'keep-v2' }, removed: [] });

  expectOk(await api('POST', `${env}/secrets/GONE/restore`));
  expect(expectOk(await api('POST', `${env}/inject`)).values).toEqual({ KEEP: 'keep-v2', GONE: 'gone-v1' });

  expectOk(await api('POST', `${env}/secrets/KEEP/rollback`, { body: { version: 1 } }));
  expect(expectOk(await api('POST', `${env}/inject`)).values.KEEP).toBe('keep-v1');
});

it('answers an empty environment with no values, and an unknown environment or project with 404', async () => {
  expectOk(await api('POST', '/orgs/acme/projects/api/envs', { body: { slug: 'empty' } }), 201);
  expect(expectOk(await api('POST', `${scopePath('acme', 'api', 'empty')}/inject`))).toEqual({ values: {}, removed: [] });

  const unknownEnv = await api('POST', `${scopePath('acme', 'api', 'nowhere')}/inject`);
  expectError(unknownEnv, 404);
  expect(unknownEnv.body.message).toContain('nowhere');
  expectError(await api('POST', `${scopePath('acme', 'ghost', 'production')}/inject`), 404);
  expectError(await api('POST', `${scopePath('elsewhere', 'api', 'production')}/inject`), 404);
});

it('needs both reveal and export', async () => {
  const issue = async (permissions: string[]) =>
    apiClient(platform.baseUrl, expectOk(await api('POST', '/orgs/acme/tokens', { body: { name: permissions.join('+'), permissions } }), 201).token);
  const readOnly = await issue(['read']);
  const revealOnly = await issue(['read', 'reveal']);
  const exportOnly = await issue(['read', 'export']);
  const both = await issue(['reveal', 'export']);
  for (const client of [readOnly, revealOnly, exportOnly]) {
    const denied = await client('POST', `${scope}/inject`);
    expectError(denied, 403);
    expect(JSON.stringify(denied.body)).not.toContain('SAFE_00');
  }
  expect(Object.keys(expectOk(await both('POST', `${scope}/inject`)).values)).toHaveLength(30);
});
