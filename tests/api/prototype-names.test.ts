/**
 * Secret keys that are also the names of Object.prototype's members are ordinary keys everywhere:
 * written, listed, injected, pulled in every format, compared and pushed back exactly, never
 * looked up on a prototype chain (where `constructor` always "exists").
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { expectOk, scopePath } from '@coffer/test-kit/api-assertions';
import { seedOrg, usePlatform } from '@coffer/test-kit/fixtures';
import type { Api } from '@coffer/test-kit/platform';

const platform = usePlatform();
let api: Api;
const scope = scopePath('acme', 'api', 'development');

/** Every own member of Object.prototype that is a valid secret key (`__proto__` is not one). */
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype).filter((name) => name !== '__proto__');
const valueOf = (name: string) => `value-of-${name}`;

beforeAll(async () => {
  ({ api } = await seedOrg(platform, { org: 'acme', project: 'api' }));
  expect(PROTOTYPE_NAMES).toEqual(expect.arrayContaining(['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'isPrototypeOf']));
  for (const name of PROTOTYPE_NAMES) expectOk(await api('POST', `${scope}/secrets/${name}`, { body: { value: valueOf(name) } }), 201);
});

const expected = () => Object.fromEntries(PROTOTYPE_NAMES.map((name) => [name, valueOf(name)]));

describe('keys named like members of Object.prototype', () => {
  it('are listed and injected with their own values', async () => {
    const listed = expectOk(await api('GET', `${scope}/secrets`)).secrets.map((secret: { key: string }) => secret.key);
    expect(listed.sort()).toEqual([...PROTOTYPE_NAMES].sort());
    const { values, removed } = expectOk(await api('POST', `${scope}/inject`));
    expect(values).toEqual(expected());
    expect(removed).toEqual([]);
  });

  it.each(['env', 'json', 'yaml'])('are pulled as %s and compared with that document as unchanged', async (format) => {
    const pulled = expectOk(await api('GET', `${scope}/sync/pull?format=${format}`));
    for (const name of PROTOTYPE_NAMES) expect(pulled.content).toContain(name);
    const diff = expectOk(await api('POST', `${scope}/sync/diff`, { body: { format, content: pulled.content } }));
    expect(diff).toMatchObject({ added: [], changed: [], removed: [] });
    expect([...diff.unchanged].sort()).toEqual([...PROTOTYPE_NAMES].sort());
  });

  it('are told apart from missing keys in a comparison and a push plan', async () => {
    const content = JSON.stringify({ constructor: 'changed', toString: valueOf('toString') });
    const diff = expectOk(await api('POST', `${scope}/sync/diff`, { body: { format: 'json', content } }));
    expect(diff.changed).toEqual(['constructor']);
    expect(diff.unchanged).toEqual(['toString']);
    const plan = expectOk(await api('POST', `${scope}/sync/push`, { body: { format: 'json', content, dryRun: true } }));
    expect(plan).toMatchObject({ created: [], updated: ['constructor'], unchanged: ['toString'] });
  });
});
