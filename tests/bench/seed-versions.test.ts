import { migrateDatabase } from '@coffer/db';
import { connectAsOwner, createTestDatabase, type TestDatabase } from '@coffer/test-kit/postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerUrlOf, seedVersions, type SeedResult } from './seed-versions.js';

let db: TestDatabase;
let owner: pg.Client;
let first: SeedResult;

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await owner.query<{ count: string }>(sql, params);
  return Number(rows[0]!.count);
}

beforeAll(async () => {
  db = await createTestDatabase();
  await migrateDatabase({ databaseUrl: db.url, dataDir: '' });
  first = await seedVersions(db.url, { versions: 5000, orgs: 10 });
  owner = await connectAsOwner(db.url);
});

afterAll(async () => {
  await owner?.end();
  await db?.drop();
});

describe('seedVersions', () => {
  it('adds exactly the versions asked for, spread over the organisations', async () => {
    expect(first).toMatchObject({ orgs: 10, versions: 5000 });
    expect(await count('select count(*) from secret_versions')).toBe(5000);
    expect(await count('select count(*) from organizations')).toBe(10);
    expect(await count('select count(*) from secrets')).toBe(first.secrets);
    expect(await count('select count(*) from projects')).toBe(20);
    expect(await count('select count(*) from environments')).toBe(60);
    expect(await count('select count(distinct org_id) from secret_versions')).toBe(10);
    // Several versions per secret, as a secret that is written over time has.
    expect(first.secrets).toBeLessThan(5000 / 2);
  });

  it('leaves no reference a foreign key checks dangling', async () => {
    const { rows: foreignKeys } = await owner.query<{ child: string; parent: string; columns: string[]; referenced: string[] }>(
      `select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent,
              array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as columns,
              array(select a.attname::text from unnest(c.confkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i) as referenced
         from pg_constraint c where c.contype = 'f' and c.connamespace = 'public'::regnamespace`,
    );
    expect(foreignKeys.length).toBeGreaterThanOrEqual(10);
    for (const fk of foreignKeys) {
      const match = fk.columns.map((column, i) => `p.${fk.referenced[i]} = c.${column}`).join(' and ');
      // As PostgreSQL checks them (MATCH SIMPLE): a reference with a null column refers to nothing.
      const set = fk.columns.map((column) => `c.${column} is not null`).join(' and ');
      expect(
        await count(`select count(*) from ${fk.child} c where ${set} and not exists (select 1 from ${fk.parent} p where ${match})`),
        `${fk.child} -> ${fk.parent}`,
      ).toBe(0);
    }
  });

  it('keeps every row inside its organisation, with a current version and a KEK for each version', async () => {
    expect(await count('select count(*) from secrets s join environments e on e.id = s.env_id where e.org_id <> s.org_id')).toBe(0);
    expect(await count('select count(*) from environments e join projects p on p.id = e.project_id where p.org_id <> e.org_id')).toBe(0);
    expect(await count('select count(*) from secret_versions v join secrets s on s.id = v.secret_id where s.org_id <> v.org_id')).toBe(0);
    expect(
      await count(
        'select count(*) from secrets s where not exists (select 1 from secret_versions v where v.secret_id = s.id and v.version = s.current_version)',
      ),
    ).toBe(0);
    // Versions 1..current_version, no gaps.
    expect(await count('select count(*) from secrets s where s.current_version <> (select count(*) from secret_versions v where v.secret_id = s.id)')).toBe(0);
    expect(
      await count(`select count(*) from secret_versions v where not exists
        (select 1 from kms_keys k where k.org_id = v.org_id and k.key_id = v.kms_key_id and k.version = v.kms_key_version)`),
    ).toBe(0);
    // One active KEK per organisation, its highest version, as the keyring keeps them.
    expect(
      await count(`select count(*) from organizations o where (select count(*) from kms_keys k where k.org_id = o.id and k.state = 'active') <> 1
        or (select max(version) from kms_keys k where k.org_id = o.id) <> (select version from kms_keys k where k.org_id = o.id and k.state = 'active')`),
    ).toBe(0);
  });

  it('writes blobs in the shapes the sealer produces', async () => {
    // base64(IV 12 ‖ tag 16 ‖ ciphertext): at least 16 bytes of value; the DEK wrapped the same way is 60 bytes.
    expect(await count(`select count(*) from secret_versions where length(decode(ciphertext, 'base64')) < 12 + 16 + 16`)).toBe(0);
    expect(await count(`select count(*) from secret_versions where length(decode(wrapped_dek, 'base64')) <> 12 + 16 + 32`)).toBe(0);
    expect(await count(`select count(*) from kms_keys where length(decode(wrapped_material, 'base64')) <> 12 + 16 + 32`)).toBe(0);
    expect(await count(`select count(*) from secret_versions where type not in ('text', 'json', 'yaml', 'boolean', 'integer', 'password')`)).toBe(0);
    expect(await count(`select count(*) from secrets where key !~ '^[A-Za-z_][A-Za-z0-9_]{0,254}$'`)).toBe(0);
  });

  it('keeps row-level security binding the application role to its organisation', async () => {
    const { rows } = await owner.query<{ id: string; versions: string }>(
      `select org_id as id, count(*) as versions from secret_versions group by org_id order by org_id limit 1`,
    );
    const org = rows[0]!;
    // Logged in as coffer_app, as the services are.
    const app = new pg.Client({ connectionString: db.appUrl });
    await app.connect();
    try {
      const visible = async (orgId: string) => {
        await app.query('begin');
        try {
          await app.query(`select set_config('app.org_id', $1, true)`, [orgId]);
          const { rows: seen } = await app.query<{ orgs: string; versions: string; secrets: string }>(
            `select (select count(distinct org_id) from secret_versions) as orgs, (select count(*) from secret_versions) as versions,
                    (select count(*) from secrets) as secrets`,
          );
          return seen[0]!;
        } finally {
          await app.query('rollback');
        }
      };
      expect(await visible(org.id)).toMatchObject({ orgs: '1', versions: org.versions });
      expect(await visible('')).toMatchObject({ orgs: '0', versions: '0', secrets: '0' });
    } finally {
      await app.end();
    }
  });

  it('adds to a seeded database without clashing, and refuses a role that row-level security binds', async () => {
    const second = await seedVersions(db.url, { versions: 1000, orgs: 2 });
    expect(second).toMatchObject({ orgs: 2, versions: 1000 });
    expect(await count('select count(*) from secret_versions')).toBe(6000);
    expect(await count('select count(*) from organizations')).toBe(12);
    await expect(seedVersions(db.appUrl, { versions: 10 })).rejects.toThrow(/BYPASSRLS/);
    expect(await count('select count(*) from secret_versions')).toBe(6000);
  });

  it('derives the owner URL of a database from its application URL', () => {
    const owned = new URL(ownerUrlOf(db.appUrl));
    expect(owned.pathname).toBe(`/${db.name}`);
    expect(owned.username).toBe(new URL(db.url).username);
  });
});
