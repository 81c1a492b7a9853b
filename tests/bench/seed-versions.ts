/**
 * Fills a migrated Coffer database with many organisations' secrets, straight through COPY (not the
 * API), so that benchmarks can show how the hot queries behave on a large database (`pnpm
 * bench:size`). Each call adds new organisations (slugs `seed-<run>-<n>`), each with API tokens, a
 * KEK (some rotated once), projects, environments, secrets and several versions per secret, in the
 * column shapes and blob sizes the real sealer writes. The blobs are random bytes: no key opens
 * them, so only organisations made through the API can be read back.
 *
 *   tsx tests/bench/seed-versions.ts --url postgres://postgres@127.0.0.1:5432/<db> --versions 1000000
 *
 * It must connect as a superuser or a role with BYPASSRLS: the tenant tables FORCE row-level
 * security, and PostgreSQL refuses COPY FROM into a table whose policies bind the session.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { IV_BYTES, KEY_BYTES, TAG_BYTES } from '@coffer/crypto';
import { TEST_POSTGRES_URL } from '@coffer/test-kit/postgres';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export interface SeedOptions {
  /** secret_versions rows to add. */
  versions: number;
  /** Organisations to spread them over; default one per 1,000 versions, between 1 and 1,000. */
  orgs?: number;
  projectsPerOrg?: number;
  envsPerProject?: number;
  /** Versions per secret are drawn evenly from 1..this (mean about half of it). */
  maxVersionsPerSecret?: number;
  tokensPerOrg?: number;
  log?: (line: string) => void;
}

export interface SeedResult {
  orgs: number;
  secrets: number;
  versions: number;
  seconds: number;
}

const PROJECT_SLUGS = ['api', 'web', 'worker', 'billing', 'search', 'mobile', 'admin', 'data'];
const ENV_SLUGS = ['development', 'staging', 'production', 'preview', 'qa', 'sandbox'];
const KEY_NAMES = [
  'DATABASE_URL',
  'REDIS_URL',
  'STRIPE_SECRET_KEY',
  'SENTRY_DSN',
  'JWT_SIGNING_KEY',
  'SMTP_PASSWORD',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'GITHUB_TOKEN',
  'SLACK_WEBHOOK_URL',
  'FEATURE_FLAGS',
  'LOG_LEVEL',
  'MAX_CONNECTIONS',
  'SESSION_SECRET',
  'OAUTH_CLIENT_SECRET',
  'ENCRYPTION_PEPPER',
];
const TYPES = ['text', 'text', 'text', 'password', 'password', 'json', 'integer', 'boolean', 'yaml'];
const TOKEN_NAMES = ['admin', 'ci', 'deploy', 'reader', 'rotation'];
const TOKEN_PERMISSIONS = '{read,reveal,export,create,update}';
/** What seal() writes around the plaintext (packages/crypto/src/aead.ts): IV and tag. */
const SEAL_OVERHEAD = IV_BYTES + TAG_BYTES;
/** KEKs are rotated once in this share of the organisations, so both states and versions occur. */
const ROTATED_SHARE = 0.1;
const DELETED_SHARE = 0.03;
const DAY_MS = 86_400_000;
const ROWS_PER_CHUNK = 2_000;

interface SecretPlan {
  id: string;
  envId: string;
  key: string;
  type: string;
  description: string;
  versions: number;
  deleted: boolean;
  createdMs: number;
  stepMs: number;
}

interface OrgPlan {
  id: string;
  slug: string;
  keyId: string;
  /** Versions sealed before this instant use KEK version 1, later ones version 2 (when rotated). */
  rotatedMs: number | undefined;
  wraps: [number, number];
  tokenIds: string[];
  projects: Array<{ id: string; slug: string }>;
  envs: Array<{ id: string; projectId: string; slug: string }>;
  secrets: SecretPlan[];
}

const randomInt = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));
const iso = (ms: number) => new Date(ms).toISOString();

/** Plaintext sizes: mostly tokens and passwords, some URLs and JSON, a few certificates. */
function plaintextBytes(): number {
  const r = Math.random();
  if (r < 0.7) return randomInt(16, 64);
  if (r < 0.95) return randomInt(65, 256);
  return randomInt(1024, 4096);
}

function kekVersionAt(org: OrgPlan, ms: number): 1 | 2 {
  return org.rotatedMs !== undefined && ms >= org.rotatedMs ? 2 : 1;
}

function planOrg(index: number, run: string, budget: number, options: Required<Omit<SeedOptions, 'log' | 'versions' | 'orgs'>>, now: number): OrgPlan {
  const org: OrgPlan = {
    id: randomUUID(),
    slug: `seed-${run}-${String(index).padStart(4, '0')}`,
    keyId: randomUUID(),
    rotatedMs: Math.random() < ROTATED_SHARE ? now - randomInt(1, 180) * DAY_MS : undefined,
    wraps: [0, 0],
    tokenIds: Array.from({ length: options.tokensPerOrg }, () => randomUUID()),
    projects: [],
    envs: [],
    secrets: [],
  };
  for (let p = 0; p < options.projectsPerOrg; p++) {
    const project = { id: randomUUID(), slug: PROJECT_SLUGS[p] ?? `project-${p}` };
    org.projects.push(project);
    for (let e = 0; e < options.envsPerProject; e++) {
      org.envs.push({ id: randomUUID(), projectId: project.id, slug: ENV_SLUGS[e] ?? `env-${e}` });
    }
  }
  // Secrets go round the environments, so each environment gets about the same share of the budget.
  const perEnv = new Array<number>(org.envs.length).fill(0);
  for (let left = budget, n = 0; left > 0; n++) {
    const slot = n % org.envs.length;
    const i = perEnv[slot]!++;
    const versions = Math.min(left, randomInt(1, options.maxVersionsPerSecret));
    left -= versions;
    const createdMs = now - randomInt(1, 365) * DAY_MS;
    const stepMs = Math.floor((now - createdMs) / (versions + 1));
    const secret: SecretPlan = {
      id: randomUUID(),
      envId: org.envs[slot]!.id,
      key: KEY_NAMES[i % KEY_NAMES.length]! + (i >= KEY_NAMES.length ? `_${Math.floor(i / KEY_NAMES.length)}` : ''),
      type: TYPES[randomInt(0, TYPES.length - 1)]!,
      description: Math.random() < 0.3 ? `seeded ${i}` : '',
      versions,
      deleted: Math.random() < DELETED_SHARE,
      createdMs,
      stepMs,
    };
    org.secrets.push(secret);
    for (let v = 1; v <= versions; v++) org.wraps[kekVersionAt(org, createdMs + v * stepMs) - 1]!++;
  }
  return org;
}

/** COPY text format; every value here comes from fixed alphabets (no tab, newline or backslash). */
function* chunks<T>(items: Iterable<T>, line: (item: T) => string | string[]): Generator<string> {
  let buffer: string[] = [];
  for (const item of items) {
    const lines = line(item);
    if (Array.isArray(lines)) buffer.push(...lines);
    else buffer.push(lines);
    if (buffer.length >= ROWS_PER_CHUNK) {
      yield buffer.join('');
      buffer = [];
    }
  }
  if (buffer.length > 0) yield buffer.join('');
}

/** One COPY line per version; each organisation's blobs are slices of one random buffer. */
function* versionLines(plan: OrgPlan[]): Generator<string> {
  for (const org of plan) {
    const sizes: number[] = [];
    for (const secret of org.secrets) for (let v = 1; v <= secret.versions; v++) sizes.push(SEAL_OVERHEAD + plaintextBytes(), SEAL_OVERHEAD + KEY_BYTES);
    const pool = randomBytes(sizes.reduce((a, b) => a + b, 0));
    let offset = 0;
    const blob = (size: number) => pool.toString('base64', offset, (offset += size));
    let k = 0;
    for (const secret of org.secrets) {
      for (let v = 1; v <= secret.versions; v++) {
        const ms = secret.createdMs + v * secret.stepMs;
        const ciphertext = blob(sizes[k++]!);
        const wrappedDek = blob(sizes[k++]!);
        const actor = `token:${org.tokenIds[v % org.tokenIds.length]}`;
        yield `${randomUUID()}\t${org.id}\t${secret.id}\t${v}\t${secret.type}\t${secret.description}\t${ciphertext}\t${wrappedDek}\t${org.keyId}\t${kekVersionAt(org, ms)}\t${iso(ms)}\t${actor}\n`;
      }
    }
  }
}

function* all<T>(plan: OrgPlan[], pick: (org: OrgPlan) => T[]): Generator<[OrgPlan, T]> {
  for (const org of plan) for (const item of pick(org)) yield [org, item];
}

async function copy(client: pg.ClientBase, table: string, columns: string[], rows: Iterable<string>): Promise<void> {
  await pipeline(Readable.from(rows), client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`)));
}

/**
 * Every reference the foreign keys would check, and the ones they cannot (a row's organisation is
 * its parent's; a secret's current version and each version's KEK exist), for these organisations.
 */
async function verify(client: pg.ClientBase, orgIds: string[]): Promise<void> {
  const { rows } = await client.query<Record<string, string>>(
    `with seeded as (select unnest($1::uuid[]) as id)
     select
       (select count(*) from projects p join seeded o on o.id = p.org_id
         where not exists (select 1 from organizations x where x.id = p.org_id)) as projects,
       (select count(*) from environments e join seeded o on o.id = e.org_id
         where not exists (select 1 from projects p where p.id = e.project_id and p.org_id = e.org_id)) as environments,
       (select count(*) from api_tokens t join seeded o on o.id = t.org_id
         where not exists (select 1 from organizations x where x.id = t.org_id)) as api_tokens,
       (select count(*) from kms_keys k join seeded o on o.id = k.org_id
         where not exists (select 1 from organizations x where x.id = k.org_id)) as kms_keys,
       (select count(*) from secrets s join seeded o on o.id = s.org_id
         where not exists (select 1 from environments e where e.id = s.env_id and e.org_id = s.org_id)
            or not exists (select 1 from secret_versions v where v.secret_id = s.id and v.version = s.current_version)) as secrets,
       (select count(*) from secret_versions v join seeded o on o.id = v.org_id
          left join secrets s on s.id = v.secret_id and s.org_id = v.org_id
          left join kms_keys k on k.org_id = v.org_id and k.key_id = v.kms_key_id and k.version = v.kms_key_version
         where s.id is null or k.id is null) as secret_versions`,
    [orgIds],
  );
  const broken = Object.entries(rows[0] ?? {}).filter(([, count]) => Number(count) !== 0);
  if (broken.length > 0) throw new Error(`seeded rows with a broken reference: ${broken.map(([table, count]) => `${table} ${count}`).join(', ')}`);
}

/** The schema owner's URL for the database an application URL names: the test server's owner login. */
export function ownerUrlOf(databaseUrl: string): string {
  const owner = new URL(TEST_POSTGRES_URL);
  owner.pathname = new URL(databaseUrl).pathname;
  return owner.toString();
}

function defaultOrgs(versions: number): number {
  return Math.min(1000, Math.max(1, Math.round(versions / 1000)));
}

/** Adds `versions` secret versions (and everything they belong to) to the database at `ownerUrl`. */
export async function seedVersions(ownerUrl: string, options: SeedOptions): Promise<SeedResult> {
  const started = process.hrtime.bigint();
  const log = options.log ?? (() => undefined);
  const orgCount = options.orgs ?? defaultOrgs(options.versions);
  if (!Number.isSafeInteger(options.versions) || options.versions < 0) throw new TypeError('versions must be a non-negative integer');
  if (!Number.isSafeInteger(orgCount) || orgCount < 1 || orgCount > Math.max(1, options.versions)) throw new TypeError('orgs must be between 1 and versions');
  const shape = {
    projectsPerOrg: options.projectsPerOrg ?? 2,
    envsPerProject: options.envsPerProject ?? 3,
    maxVersionsPerSecret: options.maxVersionsPerSecret ?? 9,
    tokensPerOrg: options.tokensPerOrg ?? 3,
  };
  if (options.versions === 0) return { orgs: 0, secrets: 0, versions: 0, seconds: 0 };

  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ rolsuper: boolean; rolbypassrls: boolean }>(
      `select rolsuper, rolbypassrls from pg_roles where rolname = current_user`,
    );
    const superuser = rows[0]?.rolsuper === true;
    if (!superuser && rows[0]?.rolbypassrls !== true) {
      throw new Error('seed-versions must connect as a superuser or a role with BYPASSRLS (COPY FROM is refused under row-level security)');
    }

    const now = Date.now();
    const run = randomBytes(3).toString('hex');
    const plan = Array.from({ length: orgCount }, (_, i) => {
      const budget = Math.floor(options.versions / orgCount) + (i < options.versions % orgCount ? 1 : 0);
      return planOrg(i, run, budget, shape, now);
    });
    const secretCount = plan.reduce((n, org) => n + org.secrets.length, 0);
    log(`seeding ${orgCount} organisations, ${secretCount} secrets, ${options.versions} versions (run ${run})`);

    // One transaction: a failed seed leaves nothing behind. Nothing here waits on a flush per row.
    await client.query('begin');
    await client.query('set local synchronous_commit = off');
    // As pg_restore --disable-triggers does: no foreign-key trigger per row (they took half of
    // the load's time); verify() checks the same references, set-based, before the commit.
    if (superuser) await client.query('set local session_replication_role = replica');
    await copy(
      client,
      'organizations',
      ['id', 'slug', 'name', 'created_at'],
      chunks(plan, (org) => `${org.id}\t${org.slug}\tSeed ${org.slug}\t${iso(now - 400 * DAY_MS)}\n`),
    );
    await copy(
      client,
      'kms_keys',
      ['id', 'org_id', 'key_id', 'version', 'provider', 'wrapped_material', 'wrap_count', 'state', 'created_at', 'retired_at'],
      chunks(plan, (org) => {
        const wrapped = () => randomBytes(SEAL_OVERHEAD + KEY_BYTES).toString('base64');
        const created = iso(now - 400 * DAY_MS);
        if (org.rotatedMs === undefined) return `${randomUUID()}\t${org.id}\t${org.keyId}\t1\tlocal\t${wrapped()}\t${org.wraps[0]}\tactive\t${created}\t\\N\n`;
        const rotated = iso(org.rotatedMs);
        return [
          `${randomUUID()}\t${org.id}\t${org.keyId}\t1\tlocal\t${wrapped()}\t${org.wraps[0]}\tretired\t${created}\t${rotated}\n`,
          `${randomUUID()}\t${org.id}\t${org.keyId}\t2\tlocal\t${wrapped()}\t${org.wraps[1]}\tactive\t${rotated}\t\\N\n`,
        ];
      }),
    );
    await copy(
      client,
      'api_tokens',
      ['id', 'org_id', 'name', 'token_hash', 'permissions', 'created_at'],
      chunks(
        all(plan, (org) => org.tokenIds),
        ([org, id]) => {
          const name = TOKEN_NAMES[org.tokenIds.indexOf(id) % TOKEN_NAMES.length]!;
          // The hash of a token nobody holds: the column's shape, never a usable credential.
          return `${id}\t${org.id}\t${name}\t${createHash('sha256').update(randomBytes(32)).digest('hex')}\t${TOKEN_PERMISSIONS}\t${iso(now - 300 * DAY_MS)}\n`;
        },
      ),
    );
    await copy(
      client,
      'projects',
      ['id', 'org_id', 'slug', 'name', 'created_at'],
      chunks(
        all(plan, (org) => org.projects),
        ([org, p]) => `${p.id}\t${org.id}\t${p.slug}\t${p.slug}\t${iso(now - 400 * DAY_MS)}\n`,
      ),
    );
    await copy(
      client,
      'environments',
      ['id', 'org_id', 'project_id', 'slug', 'name', 'created_at'],
      chunks(
        all(plan, (org) => org.envs),
        ([org, e]) => `${e.id}\t${org.id}\t${e.projectId}\t${e.slug}\t${e.slug}\t${iso(now - 400 * DAY_MS)}\n`,
      ),
    );
    await copy(
      client,
      'secrets',
      ['id', 'org_id', 'env_id', 'key', 'type', 'description', 'current_version', 'deleted', 'deleted_at', 'created_at', 'updated_at', 'updated_by'],
      chunks(
        all(plan, (org) => org.secrets),
        ([org, s]) => {
          const updated = s.createdMs + s.versions * s.stepMs;
          const deletedAt = s.deleted ? iso(updated + 1000) : '\\N';
          const actor = `token:${org.tokenIds[s.versions % org.tokenIds.length]}`;
          return `${s.id}\t${org.id}\t${s.envId}\t${s.key}\t${s.type}\t${s.description}\t${s.versions}\t${s.deleted}\t${deletedAt}\t${iso(s.createdMs)}\t${iso(updated)}\t${actor}\n`;
        },
      ),
    );
    log(`parents copied after ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`);
    await copy(
      client,
      'secret_versions',
      ['id', 'org_id', 'secret_id', 'version', 'type', 'description', 'ciphertext', 'wrapped_dek', 'kms_key_id', 'kms_key_version', 'created_at', 'created_by'],
      chunks(versionLines(plan), (line) => line),
    );
    await verify(
      client,
      plan.map((org) => org.id),
    );
    await client.query('commit');
    log(`versions copied after ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`);

    // VACUUM as well as ANALYZE: it sets the visibility map that index-only scans need, and keeps
    // autovacuum from starting on these inserts in the middle of a measurement.
    await client.query(`vacuum (analyze) organizations, kms_keys, api_tokens, projects, environments, secrets, secret_versions`);
    return { orgs: orgCount, secrets: secretCount, versions: options.versions, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { url: { type: 'string' }, versions: { type: 'string' }, orgs: { type: 'string' } },
    strict: true,
  });
  const count = (name: string, value: string | undefined) => {
    if (value === undefined) return undefined;
    const n = Number(value.replaceAll('_', ''));
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer`);
    return n;
  };
  const versions = count('versions', values.versions);
  if (!values.url || versions === undefined) throw new Error('usage: tsx tests/bench/seed-versions.ts --url postgres://OWNER@HOST/DB --versions N [--orgs N]');
  const orgs = count('orgs', values.orgs);
  const result = await seedVersions(values.url, { versions, ...(orgs === undefined ? {} : { orgs }), log: (line) => console.log(line) });
  console.log(`seeded ${result.orgs} organisations, ${result.secrets} secrets, ${result.versions} versions in ${result.seconds.toFixed(1)} s`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
