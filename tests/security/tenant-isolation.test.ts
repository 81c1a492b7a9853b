/**
 * Two organisations on one platform. Organisation A's admin token must not see, change or even
 * confirm the existence of anything in organisation B, through the API; and the database role
 * the services run as must enforce the same with row-level security, whatever SQL it is sent.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant, type Database, type Knex } from '@coffer/db';
import { connectAsOwner, TEST_POSTGRES_URL } from '@coffer/test-kit/postgres';
import { seedOrg, usePlatform, type SeededOrg } from '@coffer/test-kit/fixtures';
import type { Api } from '@coffer/test-kit/platform';
import { eventually, expectCleanError, openAppDatabase } from '@coffer/test-kit/security';

const TENANT_TABLES = ['projects', 'environments', 'secrets', 'secret_versions', 'kms_keys', 'api_tokens', 'audit_logs'] as const;

const platform = usePlatform();
let apiA: Api;
let orgA: string;
let b: SeededOrg;
let owner: pg.Client;
let db: Database;

const valueA = `a-value-${randomBytes(8).toString('hex')}`;
const valueB = `b-value-${randomBytes(8).toString('hex')}`;
const SCOPE_A = '/orgs/acme/projects/api/envs/development';
const SCOPE_B = '/orgs/globex/projects/payments/envs/production';

/** Everything organisation B has in the database, read as the superuser. */
async function snapshotOf(orgId: string): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {};
  for (const table of ['organizations', ...TENANT_TABLES]) {
    const column = table === 'organizations' ? 'id' : 'org_id';
    snapshot[table] = (await owner.query(`select * from ${table} where ${column} = $1 order by id`, [orgId])).rows;
  }
  return snapshot;
}

async function auditRows(orgId: string): Promise<number> {
  const { rows } = await owner.query<{ n: string }>('select count(*) as n from audit_logs where org_id = $1', [orgId]);
  return Number(rows[0]!.n);
}

/**
 * {@link snapshotOf} once the organisation's audit trail has stopped growing: audit events are
 * batched off the request path, so one from an earlier step may still be on its way.
 */
async function settledSnapshotOf(orgId: string): Promise<Record<string, unknown[]>> {
  let last = -1;
  expect(
    await eventually(
      async () => {
        const count = await auditRows(orgId);
        const settled = count === last;
        last = count;
        return settled;
      },
      10_000,
      300,
    ),
  ).toBe(true);
  return snapshotOf(orgId);
}

beforeAll(async () => {
  const boot = await seedOrg(platform, { org: 'acme', project: 'api' });
  apiA = boot.api;
  orgA = boot.org.id;
  b = await seedOrg(platform, { org: 'globex', project: 'payments', envs: ['production'] });
  for (const [api, scope, value] of [
    [apiA, SCOPE_A, valueA],
    [b.api, SCOPE_B, valueB],
  ] as const) {
    for (const key of ['SHARED_NAME', 'DB_PASSWORD']) {
      const set = await api('POST', `${scope}/secrets/${key}`, { body: { value } });
      expect(set.status, JSON.stringify(set.body)).toBe(201);
    }
    await api('POST', `${scope}/secrets/SHARED_NAME`, { body: { value } }); // a second version
  }
  owner = await connectAsOwner(platform.database.url);
  // Every setup action of each organisation is in its audit trail (flushed asynchronously) before
  // anything is compared: the counts include the writes and have stopped growing.
  let last = '';
  expect(
    await eventually(
      async () => {
        const counts = [await auditRows(orgA), await auditRows(b.org.id)];
        const settled = counts.every((n) => n >= 3) && counts.join() === last;
        last = counts.join();
        return settled;
      },
      10_000,
      300,
    ),
  ).toBe(true);
  db = await openAppDatabase(platform.database.appUrl);
});

afterAll(async () => {
  await db?.close();
  await owner?.end();
});

describe("through the API, A's token on B's paths", () => {
  const key = 'SHARED_NAME';
  const requests: Array<[string, string, unknown?]> = [
    ['GET', '/orgs/{org}/projects'],
    ['POST', '/orgs/{org}/projects', { slug: 'intruder' }],
    ['GET', '/orgs/{org}/projects/payments/envs'],
    ['POST', '/orgs/{org}/projects/payments/envs', { slug: 'intruder' }],
    ['GET', '/orgs/{org}/projects/payments/envs/production/secrets'],
    ['GET', `/orgs/{org}/projects/payments/envs/production/secrets?includeDeleted=true`],
    ['GET', `/orgs/{org}/projects/payments/envs/production/secrets/${key}`],
    ['GET', `/orgs/{org}/projects/payments/envs/production/secrets/${key}?reveal=true`],
    ['GET', `/orgs/{org}/projects/payments/envs/production/secrets/${key}?reveal=true&version=1`],
    ['POST', `/orgs/{org}/projects/payments/envs/production/secrets/${key}`, { value: 'overwritten-by-a' }],
    ['POST', '/orgs/{org}/projects/payments/envs/production/secrets/PLANTED_BY_A', { value: 'planted' }],
    ['DELETE', `/orgs/{org}/projects/payments/envs/production/secrets/${key}`],
    ['DELETE', `/orgs/{org}/projects/payments/envs/production/secrets/${key}/permanent`],
    ['POST', `/orgs/{org}/projects/payments/envs/production/secrets/${key}/restore`],
    ['POST', `/orgs/{org}/projects/payments/envs/production/secrets/${key}/rollback`, { version: 1 }],
    ['GET', `/orgs/{org}/projects/payments/envs/production/secrets/${key}/history`],
    ['GET', `/orgs/{org}/projects/payments/envs/production/secrets/${key}/diff?from=1&to=2&reveal=true`],
    ['POST', '/orgs/{org}/projects/payments/envs/production/inject'],
    ['POST', '/orgs/{org}/tokens', { name: 'backdoor', permissions: ['admin'] }],
    ['DELETE', '/orgs/{org}/tokens/{tokenId}'],
    ['GET', '/orgs/{org}/audit'],
  ];

  it.each(requests)('%s %s answers 404 exactly as for an organisation that does not exist', async (method, template, body) => {
    const ask = (org: string) => apiA(method, template.replace('{org}', org).replace('{tokenId}', b.tokenId), body === undefined ? {} : { body });
    const before = await settledSnapshotOf(b.org.id);

    const response = await ask('globex');
    expectCleanError(response, 404, [valueB, b.org.id, b.token]);
    expect(response.body.data).toBeNull();
    // Indistinguishable from a missing organisation: same status, same message modulo the slug.
    const missing = await ask('no-such-org');
    expect(missing.status).toBe(404);
    expect(response.body.message).toBe(missing.body.message.replace('no-such-org', 'globex'));

    // Nothing was written to B, and A's attempt left no trace in B's audit trail either.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await snapshotOf(b.org.id)).toEqual(before);
  });

  it("A's own organisation path cannot reach B's project, environment or token by its slug or id", async () => {
    const before = await settledSnapshotOf(b.org.id);
    const viaOwnOrg = '/orgs/acme/projects/payments/envs/production';
    for (const [method, path, body] of [
      ['GET', `${viaOwnOrg}/secrets`],
      ['GET', `${viaOwnOrg}/secrets/SHARED_NAME?reveal=true`],
      ['POST', `${viaOwnOrg}/secrets/PLANTED_BY_A`, { value: 'planted' }],
      ['POST', `${viaOwnOrg}/inject`],
      ['GET', '/orgs/acme/projects/payments/envs'],
      ['POST', '/orgs/acme/projects/payments/envs', { slug: 'intruder' }],
      ['DELETE', `/orgs/acme/tokens/${b.tokenId}`],
    ] as Array<[string, string, unknown?]>) {
      const response = await apiA(method, path, body === undefined ? {} : { body });
      expectCleanError(response, 404, [valueB, b.org.id]);
    }
    expect(await snapshotOf(b.org.id)).toEqual(before);
    // B's admin token was not revoked by A.
    expect((await b.api('GET', `${SCOPE_B}/secrets`)).status).toBe(200);
  });

  it('left nothing behind anywhere, in either organisation', async () => {
    const count = async (sql: string) => (await owner.query<{ n: number }>(sql)).rows[0]!.n;
    expect(await count(`select count(*)::int as n from projects where slug = 'intruder'`)).toBe(0);
    expect(await count(`select count(*)::int as n from environments where slug = 'intruder'`)).toBe(0);
    expect(await count(`select count(*)::int as n from secrets where key in ('PLANTED_BY_A', 'HIJACKED')`)).toBe(0);
    expect(await count(`select count(*)::int as n from api_tokens where name = 'backdoor'`)).toBe(0);
    expect(await count(`select count(*)::int as n from api_tokens where revoked_at is not null`)).toBe(0);
    expect(await count(`select count(*)::int as n from secret_versions`)).toBe(6);
  });

  it("never lists B among A's organisations or B's projects among A's", async () => {
    const orgs = await apiA('GET', '/orgs');
    expect(orgs.body.data.orgs.map((o: { slug: string }) => o.slug)).toEqual(['acme']);
    const projects = await apiA('GET', '/orgs/acme/projects');
    expect(projects.body.data.projects.map((p: { slug: string }) => p.slug)).toEqual(['api']);
    const injected = await apiA('POST', `${SCOPE_A}/inject`);
    expect(injected.body.data.values).toEqual({ SHARED_NAME: valueA, DB_PASSWORD: valueA });
  });

  it('works the same in the other direction: B sees only B', async () => {
    expectCleanError(await b.api('GET', `${SCOPE_A}/secrets/SHARED_NAME?reveal=true`), 404, [valueA]);
    expect((await b.api('GET', `${SCOPE_B}/secrets/SHARED_NAME?reveal=true`)).body.data.value).toBe(valueB);
  });
});

describe('in the database, as the application role', () => {
  const asA = <T>(fn: (trx: Knex.Transaction) => Promise<T>) => withTenant(db.knex, orgA, fn);
  const rowsOf = async (trx: Knex.Transaction, sql: string, bindings: readonly unknown[] = []) =>
    (await trx.raw(sql, bindings as Knex.RawBinding[])).rows as Array<Record<string, unknown>>;

  it('runs as coffer_app, which is neither superuser nor BYPASSRLS', async () => {
    const [row] = await asA((trx) => rowsOf(trx, 'select current_user as role, rolsuper, rolbypassrls from pg_roles where rolname = current_user'));
    expect(row).toEqual({ role: 'coffer_app', rolsuper: false, rolbypassrls: false });
  });

  it.each(TENANT_TABLES)('select * from %s under A returns only A rows, and some', async (table) => {
    const rows = await asA((trx) => rowsOf(trx, `select * from ${table}`));
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.org_id))).toEqual(new Set([orgA]));
    expect(JSON.stringify(rows)).not.toContain(b.org.id);
  });

  it("crafted queries naming B's org id, B's row ids, or joining across tables return nothing of B", async () => {
    const { rows: bSecrets } = await owner.query<{ id: string }>('select id from secrets where org_id = $1', [b.org.id]);
    const { rows: bTokens } = await owner.query<{ token_hash: string }>('select token_hash from api_tokens where org_id = $1', [b.org.id]);
    expect(bSecrets.length).toBeGreaterThan(0);
    await asA(async (trx) => {
      expect(await rowsOf(trx, 'select * from organizations')).toEqual([expect.objectContaining({ id: orgA })]);
      expect(await rowsOf(trx, 'select * from organizations where id = ?', [b.org.id])).toEqual([]);
      for (const table of TENANT_TABLES) {
        expect(await rowsOf(trx, `select * from ${table} where org_id = ?`, [b.org.id]), table).toEqual([]);
      }
      expect(await rowsOf(trx, 'select * from secrets where id = any(?)', [bSecrets.map((s) => s.id)])).toEqual([]);
      expect(await rowsOf(trx, 'select * from secret_versions where secret_id = any(?)', [bSecrets.map((s) => s.id)])).toEqual([]);
      expect(await rowsOf(trx, 'select * from api_tokens where token_hash = ?', [bTokens[0]!.token_hash])).toEqual([]);
      const joined = await rowsOf(
        trx,
        `select o.slug, p.slug as project, e.slug as env, s.key, v.ciphertext, k.wrapped_material
           from secret_versions v
           join secrets s on s.id = v.secret_id
           join environments e on e.id = s.env_id
           join projects p on p.id = e.project_id
           join organizations o on o.id = p.org_id
           join kms_keys k on k.key_id = v.kms_key_id and k.version = v.kms_key_version
          where true or o.id = ?`,
        [b.org.id],
      );
      expect(joined.length).toBeGreaterThan(0);
      expect(new Set(joined.map((r) => r.slug))).toEqual(new Set(['acme']));
      // Aggregates and a subquery that "counts" B's rows see none either.
      const [counts] = await rowsOf(
        trx,
        'select (select count(*) from secrets where org_id = ?)::int as b_secrets, count(*)::int as all_secrets from secrets',
        [b.org.id],
      );
      expect(counts!.b_secrets).toBe(0);
    });
  });

  it("rejects rows written with B's org id, and changes no row of B", async () => {
    const before = await settledSnapshotOf(b.org.id);
    const { rows: bEnvs } = await owner.query<{ id: string; project_id: string }>('select id, project_id from environments where org_id = $1', [b.org.id]);
    const attempts: Array<[string, (trx: Knex.Transaction) => Promise<unknown>]> = [
      ['insert project', (trx) => trx('projects').insert({ id: randomUUID(), org_id: b.org.id, slug: 'planted', name: 'planted' })],
      [
        'insert environment',
        (trx) => trx('environments').insert({ id: randomUUID(), org_id: b.org.id, project_id: bEnvs[0]!.project_id, slug: 'planted', name: 'planted' }),
      ],
      [
        'insert token',
        (trx) =>
          trx('api_tokens').insert({
            id: randomUUID(),
            org_id: b.org.id,
            name: 'backdoor',
            token_hash: randomBytes(32).toString('hex'),
            permissions: ['admin'],
          }),
      ],
      [
        'insert audit row',
        (trx) =>
          trx('audit_logs').insert({
            id: randomUUID(),
            org_id: b.org.id,
            actor_id: 'x',
            actor_type: 'x',
            action: 'forged',
            resource: 'x',
            outcome: 'success',
            request_id: 'x',
            occurred_at: new Date(),
          }),
      ],
      ['move own project into B', (trx) => trx('projects').where({ org_id: orgA }).update({ org_id: b.org.id })],
    ];
    for (const [label, attempt] of attempts) {
      await expect(asA(attempt), label).rejects.toThrow(/row-level security/);
    }
    // Updates and deletes aimed at B's rows match nothing.
    await asA(async (trx) => {
      expect(await trx('secrets').where({ org_id: b.org.id }).update({ key: 'HIJACKED' })).toBe(0);
      expect(await trx('secret_versions').where({ org_id: b.org.id }).del()).toBe(0);
      expect(await trx('api_tokens').where({ org_id: b.org.id }).update({ revoked_at: new Date() })).toBe(0);
      expect(await trx('kms_keys').where({ org_id: b.org.id }).del()).toBe(0);
      expect(await trx('organizations').where({ id: b.org.id }).del()).toBe(0);
    });
    expect(await snapshotOf(b.org.id)).toEqual(before);
  });

  it('sees no tenant row at all outside a tenant transaction', async () => {
    for (const table of ['organizations', ...TENANT_TABLES]) {
      expect(await db.knex(table).select('*'), table).toEqual([]);
    }
    // A transaction with an empty scope is no different.
    await withTenant(db.knex, '', async (trx) => {
      for (const table of TENANT_TABLES) expect(await trx(table).select('*'), table).toEqual([]);
    }).catch((err: unknown) => expect(String(err)).toMatch(/invalid input syntax for type uuid/));
  });

  /**
   * The services log in as coffer_app itself (DATABASE_URL), so there is no more powerful role to
   * switch back to: one injected statement cannot lift row-level security.
   */
  it.each(['set role postgres', 'reset role', 'set session authorization postgres'])(
    '"%s" from the app connection does not lift row-level security',
    async (escape) => {
      const seen = await withTenant(db.knex, orgA, async (trx) => {
        let rows: Array<Record<string, unknown>> = [];
        try {
          await trx.raw(escape);
          rows = await rowsOf(trx, 'select org_id from secrets');
        } catch {
          // Refused: the safe outcome.
        }
        throw Object.assign(new Error('rollback'), { rows });
      }).catch((err: { rows?: Array<Record<string, unknown>> }) => err.rows ?? []);
      expect(seen.map((r) => r.org_id)).not.toContain(b.org.id);
    },
  );

  it('a session attempting the escape does not leave its pooled connection privileged', async () => {
    await withTenant(db.knex, orgA, async (trx) => {
      await trx.raw('set role postgres').catch(() => undefined);
      throw new Error('rollback');
    }).catch(() => undefined);
    for (let i = 0; i < 4; i++) {
      const { rows } = await db.knex.raw('select current_user as role');
      expect(rows[0].role).toBe('coffer_app');
      expect(await db.knex('secrets').select('id')).toEqual([]);
    }
  });
});

describe('with another least-privilege login role that is a member of coffer_app', () => {
  let login: string;
  let loginDb: Database | undefined;

  beforeAll(async () => {
    login = `coffer_login_${randomBytes(4).toString('hex')}`;
    await owner.query(`create role ${login} login nosuperuser nobypassrls nocreaterole nocreatedb noinherit in role coffer_app`);
    const url = new URL(platform.database.url);
    url.username = login;
    loginDb = await openAppDatabase(url.toString(), 1);
  });

  afterAll(async () => {
    await loginDb?.close();
    const admin = await connectAsOwner(TEST_POSTGRES_URL);
    try {
      await admin.query(`drop role if exists ${login}`);
    } finally {
      await admin.end();
    }
  });

  it.each(['set role postgres', 'set session authorization postgres'])('refuses "%s"', async (escape) => {
    await expect(withTenant(loginDb!.knex, orgA, (trx) => trx.raw(escape))).rejects.toThrow(/permission denied/);
  });

  it('after "reset role" has no access to any tenant table', async () => {
    await expect(
      withTenant(loginDb!.knex, orgA, async (trx) => {
        await trx.raw('reset role');
        return trx.raw('select org_id from secrets');
      }),
    ).rejects.toThrow(/permission denied/);
  });
});
