import { beforeAll, expect, it } from 'vitest';
import { integrityKey, requestChecksum } from '@coffer/contract';
import { expectError, expectOk, scopePath } from '@coffer/test-kit/api-assertions';
import { seedOrg, usePlatform } from '@coffer/test-kit/fixtures';
import type { Api } from '@coffer/test-kit/platform';

const platform = usePlatform();
let api: Api;
let token: string;
const scope = scopePath('acme', 'api', 'development');
const path = (key: string) => `/api/v1${scope}/secrets/${key}`;

beforeAll(async () => {
  ({ api, token } = await seedOrg(platform, { org: 'acme', project: 'api' }));
});

const checksum = (method: string, fullPath: string, body: string, withToken = token) =>
  requestChecksum(integrityKey(withToken), method, fullPath, Buffer.from(body));

async function listedKeys(): Promise<string[]> {
  return expectOk(await api('GET', `${scope}/secrets`)).secrets.map((s: { key: string }) => s.key);
}

it('accepts a request whose checksum covers its method, path and body', async () => {
  const body = JSON.stringify({ value: 'checked' });
  const response = await api('POST', `${scope}/secrets/CHECKED`, { rawBody: body, headers: { 'x-coffer-checksum': checksum('POST', path('CHECKED'), body) } });
  expectOk(response, 201);
  const read = await api('GET', `${scope}/secrets/CHECKED?reveal=true`, {
    headers: { 'x-coffer-checksum': checksum('GET', `${path('CHECKED')}?reveal=true`, '') },
  });
  expect(expectOk(read).value).toBe('checked');
});

it('refuses with 400 a body, path or method altered after the checksum was made, and writes nothing', async () => {
  const signed = JSON.stringify({ value: 'original' });
  const altered = JSON.stringify({ value: 'altered' });
  expectError(
    await api('POST', `${scope}/secrets/TAMPERED`, { rawBody: altered, headers: { 'x-coffer-checksum': checksum('POST', path('TAMPERED'), signed) } }),
    400,
    'X-Coffer-Checksum',
  );
  expectError(
    await api('POST', `${scope}/secrets/TAMPERED`, { rawBody: signed, headers: { 'x-coffer-checksum': checksum('POST', path('ELSEWHERE'), signed) } }),
    400,
    'X-Coffer-Checksum',
  );
  expectError(
    await api('DELETE', `${scope}/secrets/CHECKED`, { headers: { 'x-coffer-checksum': checksum('GET', path('CHECKED'), '') } }),
    400,
    'X-Coffer-Checksum',
  );
  expect(await listedKeys()).not.toContain('TAMPERED');
  expect(await listedKeys()).toContain('CHECKED');
});

it('refuses a checksum made with another token, or a malformed one', async () => {
  const body = JSON.stringify({ value: 'x' });
  const other = 'coffer_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA000000';
  expectError(
    await api('POST', `${scope}/secrets/FORGED`, { rawBody: body, headers: { 'x-coffer-checksum': checksum('POST', path('FORGED'), body, other) } }),
    400,
    'X-Coffer-Checksum',
  );
  expectError(await api('POST', `${scope}/secrets/FORGED`, { rawBody: body, headers: { 'x-coffer-checksum': 'sha256=abc' } }), 400, 'X-Coffer-Checksum');
  expect(await listedKeys()).not.toContain('FORGED');
});

it('still accepts requests from clients that send no checksum', async () => {
  expectOk(await api('POST', `${scope}/secrets/UNCHECKED`, { body: { value: 'plain' } }), 201);
});
