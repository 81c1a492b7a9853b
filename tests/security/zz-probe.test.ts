import { afterAll, beforeAll, it } from 'vitest';
import { openDatabase, withTenant } from '@coffer/db';
import { bootstrap, startTestPlatform, type Api, type TestPlatform } from '../support/platform.js';

let platform: TestPlatform;
let api: Api;
beforeAll(async () => {
  platform = await startTestPlatform();
  ({ api } = await bootstrap(platform.baseUrl));
});
afterAll(async () => { await platform?.stop(); });

it('probe', async () => {
  const scope = '/orgs/acme/projects/api/envs/development';
  const show = (label: string, r: { status: number; body: unknown }) => console.log(label, r.status, JSON.stringify(r.body));
  show('nul desc', await api('POST', `${scope}/secrets/NUL_DESC`, { body: { value: 'x', description: 'a\u0000b' } }));
  show('nul value', await api('POST', `${scope}/secrets/NUL_VAL`, { body: { value: 'a\u0000b' } }));
  show('reveal nul value', await api('GET', `${scope}/secrets/NUL_VAL?reveal=true`));
  show('nul token name', await api('POST', `/orgs/acme/tokens`, { body: { name: 'a\u0000b', permissions: ['secrets:read'] } }));
  show('nul audit', await api('GET', `/orgs/acme/audit?action=a%00b`));
  show('nul audit res', await api('GET', `/orgs/acme/audit?resource=a%00b`));
  show('nul org', await api('POST', `/orgs`, { body: { slug: 'nulorg', name: 'a\u0000b' } }));
  show('nul project', await api('POST', `/orgs/acme/projects`, { body: { slug: 'nulp', name: 'a\u0000b' } }));
  show('surrogate', await api('POST', `${scope}/secrets/SURR`, { body: { value: '\ud800', description: '\udc00' } }));
  show('reveal surrogate', await api('GET', `${scope}/secrets/SURR?reveal=true`));
  show('version big', await api('GET', `${scope}/secrets/SURR?version=2147483647`));
  show('orgs', await api('POST', `/orgs`, { body: { slug: 'globex' } }));
  const db = await openDatabase({ databaseUrl: platform.database.url, dataDir: '/nonexistent', migrate: false, poolMax: 1 });
  try {
    await withTenant(db.knex, '00000000-0000-0000-0000-000000000000', async (trx) => {
      try { await trx.raw('set role postgres'); console.log('set role ok', (await trx.raw('select current_user, count(*) from secrets')).rows); } catch (e) { console.log('set role err', String(e)); }
      throw new Error('rollback');
    }).catch(() => {});
    await withTenant(db.knex, '00000000-0000-0000-0000-000000000000', async (trx) => {
      try { await trx.raw('reset role'); console.log('reset role ok', (await trx.raw('select current_user, count(*) from secrets')).rows); } catch (e) { console.log('reset role err', String(e)); }
      throw new Error('rollback');
    }).catch(() => {});
    console.log('after', (await db.knex.raw('select current_user')).rows);
  } finally { await db.close(); }
  console.log(platform.logs().split('\n').filter((l) => l.includes('error')).join('\n').slice(0, 4000));
});
