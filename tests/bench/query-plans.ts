/**
 * `pnpm bench:plans`: EXPLAIN (ANALYZE, BUFFERS) of the statements on the inject and reveal paths,
 * as production runs them: under the application role, scoped to one organisation by the same
 * settings the RLS policies read, with real parameters. The reveal statements are captured from the
 * real stores (secret-store.ts, auth-store.ts) running against the database, so the plans follow
 * any change there; the inject statement is the SELECT inside secret_current_values(), read from
 * pg_proc (EXPLAIN of a plpgsql call shows only a Function Scan), planned both with its values
 * (a custom plan) and as plpgsql keeps it after five calls (a generic plan).
 *
 * Each scan is flagged when it reads a whole table (Seq Scan) or when an index holding a few more
 * narrow columns would let it skip the table (a covering index for an Index Only Scan).
 *
 *   tsx tests/bench/query-plans.ts --url postgres://postgres@127.0.0.1:5432/<db> [--org bench]
 *   tsx tests/bench/query-plans.ts [--versions 1000000]    (own server and database, seeded first)
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createAuthStore } from '@coffer/auth';
import { openDatabase, withScope, type Knex } from '@coffer/db';
import { createSecretStore } from '@coffer/secret';
import pg from 'pg';

export interface PlanScope {
  org: string;
  project: string;
  environment: string;
  key: string;
}

export interface StatementPlan {
  name: string;
  sql: string;
  planningMs: number;
  executionMs: number;
  sharedHit: number;
  sharedRead: number;
  lines: string[];
  flags: string[];
}

interface Statement {
  name: string;
  sql: string;
  params: unknown[];
  /** RLS settings of its transaction, as withScope sets them. */
  orgId: string;
  tokenHash?: string;
  /** Planned as a prepared statement under plan_cache_mode = force_generic_plan. */
  generic?: boolean;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Alias?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Actual Total Time'?: number;
  'Heap Fetches'?: number;
  'Rows Removed by Filter'?: number;
  Output?: string[];
  'Index Cond'?: string;
  'Recheck Cond'?: string;
  Filter?: string;
  'Join Filter'?: string;
  'Hash Cond'?: string;
  'One-Time Filter'?: string;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

/** What the writes UPDATE in place (secret-store updateSecret, kek-store incrementActiveWraps and
 * retire, auth-store revokeToken): an index holding one of them turns those HOT updates into index writes. */
const UPDATED_COLUMNS: Record<string, string[]> = {
  secrets: ['type', 'description', 'current_version', 'deleted', 'deleted_at', 'updated_at', 'updated_by'],
  kms_keys: ['wrap_count', 'state', 'retired_at'],
  api_tokens: ['last_used_at', 'revoked_at'],
};
/** Wider than this on average (pg_stats), a column belongs in the table, not in an index. */
const NARROW_BYTES = 64;
const EXPLAIN_RUNS = 5;
const APP_ORG_ID = /\(NULLIF\(current_setting\('app\.org_id'::text, true\), ''::text\)\)::uuid/g;
const APP_TOKEN_HASH = /NULLIF\(current_setting\('app\.token_hash'::text, true\), ''::text\)/g;
const SHA256_LITERAL = /'[0-9a-f]{64}'/g;

const UUID_ARRAY = /'\{[0-9a-f-]{36}(?:,[0-9a-f-]{36})*\}'/g;

const readable = (text: string) =>
  text
    .replace(APP_ORG_ID, 'app_org_id()')
    .replace(APP_TOKEN_HASH, 'app_token_hash()')
    .replace(SHA256_LITERAL, "'<sha256>'")
    .replace(UUID_ARRAY, (array) => `'{${array.split(',').length} uuids}'`);

/** Runs `fn` on a knex handle of the application role and returns the statements it sent, with their parameters. */
async function capture(knex: Knex, fn: () => Promise<unknown>): Promise<Array<{ sql: string; params: unknown[] }>> {
  const seen: Array<{ sql: string; params: unknown[] }> = [];
  const listener = (query: { sql: string; bindings?: unknown[] }) => {
    if (!/^(begin|commit|rollback)\b|set_config\(/i.test(query.sql.trim())) seen.push({ sql: query.sql, params: query.bindings ?? [] });
  };
  knex.on('query', listener);
  try {
    await fn();
  } finally {
    knex.off('query', listener);
  }
  return seen;
}

interface Resolved {
  orgId: string;
  scope: PlanScope;
  secretIds: string[];
  tokenHash: string | undefined;
  kek: { keyId: string; version: number } | undefined;
}

/** The organisation and its rows the statements run on, read as the owner (RLS does not bind it). */
async function resolve(owner: pg.Client, wanted: Partial<PlanScope>): Promise<Resolved> {
  const org = wanted.org ?? 'bench';
  const project = wanted.project ?? 'api';
  const environment = wanted.environment ?? 'production';
  const { rows: envs } = await owner.query<{ org_id: string; env_id: string }>(
    `select o.id as org_id, e.id as env_id from organizations o join projects p on p.org_id = o.id
       join environments e on e.project_id = p.id where o.slug = $1 and p.slug = $2 and e.slug = $3`,
    [org, project, environment],
  );
  const env = envs[0];
  if (!env) throw new Error(`no environment ${org}/${project}/${environment} in this database`);
  const { rows: secrets } = await owner.query<{ id: string; key: string; kms_key_id: string; kms_key_version: number }>(
    `select s.id, s.key, v.kms_key_id, v.kms_key_version from secrets s
       join secret_versions v on v.secret_id = s.id and v.version = s.current_version
      where s.env_id = $1 and not s.deleted order by s.key`,
    [env.env_id],
  );
  const secret = secrets.find((row) => row.key === (wanted.key ?? 'SECRET_07')) ?? secrets[0];
  if (!secret) throw new Error(`environment ${org}/${project}/${environment} holds no live secret`);
  const { rows: tokens } = await owner.query<{ token_hash: string }>(`select token_hash from api_tokens where org_id = $1 and revoked_at is null limit 1`, [
    env.org_id,
  ]);
  return {
    orgId: env.org_id,
    scope: { org, project, environment, key: secret.key },
    secretIds: secrets.map((row) => row.id),
    tokenHash: tokens[0]?.token_hash,
    kek: { keyId: secret.kms_key_id, version: secret.kms_key_version },
  };
}

/** The SELECT of secret_current_values() with its arguments as $n parameters, read from the database. */
async function injectStatement(owner: pg.Client, args: { orgId: string; project: string; environment: string }): Promise<{ sql: string; params: unknown[] }> {
  const { rows } = await owner.query<{ prosrc: string; proargnames: string[] }>(
    `select prosrc, proargnames from pg_proc where proname = 'secret_current_values'`,
  );
  const body = rows[0]?.prosrc.match(/return\s+query\s+([\s\S]*?);\s*end\b/i)?.[1];
  if (!rows[0] || !body) throw new Error('secret_current_values() has no RETURN QUERY statement to explain');
  const values: Record<string, unknown> = { p_org_id: args.orgId, p_project: args.project, p_environment: args.environment };
  const params: unknown[] = [];
  let sql = body;
  for (const name of rows[0].proargnames) {
    if (!(name in values) || !new RegExp(`\\b${name}\\b`).test(sql)) continue;
    params.push(values[name]);
    sql = sql.replace(new RegExp(`\\b${name}\\b`, 'g'), `$${params.length}`);
  }
  return { sql: sql.replace(/\s+/g, ' ').trim(), params };
}

async function statements(owner: pg.Client, knex: Knex, resolved: Resolved): Promise<Statement[]> {
  const { orgId, scope } = resolved;
  const secrets = createSecretStore();
  const auth = createAuthStore();
  const list: Statement[] = [];
  const add = async (name: string, settings: { orgId: string; tokenHash?: string }, fn: (trx: Knex.Transaction) => Promise<unknown>) => {
    const seen = await capture(knex, () => withScope(knex, settings, fn));
    seen.forEach((query, i) =>
      list.push({ name: seen.length > 1 ? `${name} #${i + 1}` : name, ...query, orgId: settings.orgId, tokenHash: settings.tokenHash }),
    );
  };

  const inject = await injectStatement(owner, { orgId, project: scope.project, environment: scope.environment });
  list.push({ name: 'inject: secret_current_values body (custom plan)', ...inject, orgId });
  list.push({ name: 'inject: secret_current_values body (generic plan)', ...inject, orgId, generic: true });

  let projectId = '';
  let envId = '';
  await add('reveal: findProject', { orgId }, async (trx) => {
    projectId = (await secrets.findProject(trx, scope.project))?.id ?? '';
  });
  await add('reveal: findEnvironment', { orgId }, async (trx) => {
    envId = (await secrets.findEnvironment(trx, projectId, scope.environment))?.id ?? '';
  });
  let secret: { id: string; current_version: number } | undefined;
  await add('reveal: findSecret', { orgId }, async (trx) => {
    secret = await secrets.findSecret(trx, envId, scope.key);
  });
  if (!secret) throw new Error(`secret ${scope.key} not found through the store`);
  const found = secret;
  await add('reveal: findVersion', { orgId }, (trx) => secrets.findVersion(trx, found.id, found.current_version));
  await add('import: currentVersionBlobs (whole environment)', { orgId }, (trx) => secrets.currentVersionBlobs(trx, resolved.secretIds));
  if (resolved.kek) {
    // the KMS package's kek-store.ts (not a dependency of the suites): find() and latest(), as knex words them.
    const columns = '"id", "org_id", "key_id", "version", "provider", "wrapped_material", "wrap_count", "state"';
    list.push({
      name: 'kms: kek-store find',
      sql: `select ${columns} from "kms_keys" where "org_id" = $1 and "key_id" = $2 and "version" = $3 limit $4`,
      params: [orgId, resolved.kek.keyId, resolved.kek.version, 1],
      orgId,
    });
    list.push({
      name: 'kms: kek-store latest',
      sql: `select ${columns} from "kms_keys" where "org_id" = $1 order by "version" desc limit $2`,
      params: [orgId, 1],
      orgId,
    });
  }
  if (resolved.tokenHash) {
    const tokenHash = resolved.tokenHash;
    await add('auth: findActiveTokenByHash', { orgId: '', tokenHash }, (trx) => auth.findActiveTokenByHash(trx, tokenHash));
  }
  return list;
}

interface Catalog {
  indexColumns: Map<string, string[]>;
  tableColumns: Map<string, number>;
  avgWidth: Map<string, number>;
}

async function catalog(owner: pg.Client): Promise<Catalog> {
  const { rows: indexes } = await owner.query<{ index: string; columns: string[] }>(
    `select i.relname as index, array_agg(a.attname::text order by k.ord) as columns
       from pg_index x join pg_class i on i.oid = x.indexrelid join pg_namespace n on n.oid = i.relnamespace
       cross join lateral unnest(x.indkey) with ordinality as k(attnum, ord)
       join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.attnum
      where n.nspname = 'public' group by i.relname`,
  );
  const { rows: tables } = await owner.query<{ table: string; columns: number }>(
    `select c.relname as table, count(*)::int as columns from pg_attribute a join pg_class c on c.oid = a.attrelid
       join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped group by c.relname`,
  );
  const { rows: widths } = await owner.query<{ tablename: string; attname: string; avg_width: number }>(
    `select tablename, attname, avg_width from pg_stats where schemaname = 'public'`,
  );
  return {
    indexColumns: new Map(indexes.map((row) => [row.index, row.columns])),
    tableColumns: new Map(tables.map((row) => [row.table, row.columns])),
    avgWidth: new Map(widths.map((row) => [`${row.tablename}.${row.attname}`, row.avg_width])),
  };
}

const CONDITIONS = ['Index Cond', 'Recheck Cond', 'Hash Cond', 'Join Filter', 'Filter', 'One-Time Filter'] as const;

function flatten(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(flatten)];
}

/**
 * The columns of a scan's table the statement needs: what its conditions test and what the rest
 * of the plan uses. Not the scan's own output list: a base scan may emit every column of the row
 * (a physical target list) although only some are used. VERBOSE qualifies names (`alias.column`)
 * except in the output of a statement on a single table, where they are bare.
 */
function columnsNeeded(scan: PlanNode, plan: PlanNode[]): Set<string> {
  const alias = scan.Alias ?? scan['Relation Name']!;
  const singleTable = new Set(plan.filter((node) => node['Relation Name']).map((node) => node.Alias)).size === 1;
  const columns = new Set<string>();
  for (const node of plan) {
    const conditions = CONDITIONS.map((name) => node[name]).filter((text): text is string => !!text);
    const output = node === scan && !singleTable ? [] : (node.Output ?? []);
    for (const text of [...conditions, ...output]) {
      for (const match of text.matchAll(new RegExp(`\\b${alias}\\.(\\w+)`, 'g'))) columns.add(match[1]!);
    }
    if (singleTable) for (const text of output) if (/^\w+$/.test(text)) columns.add(text);
  }
  return columns;
}

function scanFlags(node: PlanNode, plan: PlanNode[], db: Catalog): string[] {
  const type = node['Node Type'];
  const table = node['Relation Name'];
  if (!table) return [];
  if (type === 'Seq Scan')
    return [`SEQ SCAN on ${table}${node['Rows Removed by Filter'] ? ` (${node['Rows Removed by Filter']} rows removed by filter)` : ''}`];
  if (type === 'Index Only Scan') {
    const fetches = node['Heap Fetches'] ?? 0;
    return fetches > 0 ? [`index-only scan on ${table} still fetched ${fetches} heap rows (visibility map not set: VACUUM)`] : [];
  }
  const index = type === 'Bitmap Heap Scan' ? node.Plans?.[0]?.['Index Name'] : node['Index Name'];
  if ((type !== 'Index Scan' && type !== 'Bitmap Heap Scan') || !index) return [];
  const indexed = new Set(db.indexColumns.get(index) ?? []);
  const needed = columnsNeeded(node, plan);
  const missing = [...needed].filter((column) => !indexed.has(column));
  if (needed.size === db.tableColumns.get(table)) return [`ok: ${type} on ${table} returns the whole row`];
  if (missing.length === 0)
    return [`${type} on ${table} needs only columns of ${index}: it could be an Index Only Scan (VACUUM, or the planner expects few rows)`];
  const wide = missing.filter((column) => (db.avgWidth.get(`${table}.${column}`) ?? Infinity) > NARROW_BYTES);
  if (wide.length > 0) return [`ok: ${type} on ${table} must read the table for ${wide.join(', ')} (wide)`];
  const updated = missing.filter((column) => UPDATED_COLUMNS[table]?.includes(column));
  const caveat = updated.length > 0 ? `; but writes update ${updated.join(', ')}, so those updates would no longer be HOT` : '';
  return [`COVERING INDEX: ${index} INCLUDE (${missing.join(', ')}) would make this ${type} on ${table} an Index Only Scan${caveat}`];
}

function describe(node: PlanNode): string {
  const parts = [node['Node Type']];
  if (node['Index Name']) parts.push(`using ${node['Index Name']}`);
  if (node['Relation Name']) parts.push(`on ${node['Relation Name']}${node.Alias && node.Alias !== node['Relation Name'] ? ` ${node.Alias}` : ''}`);
  const figures = `rows=${node['Actual Rows']} loops=${node['Actual Loops']} ${(node['Actual Total Time'] ?? 0).toFixed(3)} ms hit=${node['Shared Hit Blocks'] ?? 0} read=${node['Shared Read Blocks'] ?? 0}`;
  const conditions = CONDITIONS.filter((name) => node[name]).map((name) => `${name.toLowerCase()}: ${node[name]}`);
  const fetches = node['Heap Fetches'] !== undefined ? [`heap fetches: ${node['Heap Fetches']}`] : [];
  return readable([parts.join(' '), `(${figures})`, ...conditions, ...fetches].join('  '));
}

function walk(node: PlanNode, depth: number, lines: string[]): void {
  lines.push(`${'  '.repeat(depth)}-> ${describe(node)}`);
  for (const child of node.Plans ?? []) walk(child, depth + 1, lines);
}

async function explain(owner: pg.Client, statement: Statement, db: Catalog): Promise<StatementPlan> {
  await owner.query('begin');
  try {
    await owner.query('set local role coffer_app');
    await owner.query(`select set_config('app.org_id', $1, true), set_config('app.token_hash', $2, true)`, [statement.orgId, statement.tokenHash ?? '']);
    const options = 'explain (analyze, buffers, verbose, format json)';
    let run: () => Promise<pg.QueryResult<{ 'QUERY PLAN': unknown }>>;
    if (statement.generic) {
      await owner.query(`set local plan_cache_mode = force_generic_plan`);
      await owner.query(`prepare hot_statement as ${statement.sql}`);
      const args = statement.params.map((value) => owner.escapeLiteral(String(value))).join(', ');
      run = () => owner.query(`${options} execute hot_statement(${args})`);
    } else {
      run = () => owner.query(`${options} ${statement.sql}`, statement.params);
    }
    await run(); // warm: the hot path runs on cached pages
    // The fastest of a few: what the statement costs, less what else the machine was doing.
    let root: { Plan: PlanNode; 'Planning Time': number; 'Execution Time': number } | undefined;
    for (let i = 0; i < EXPLAIN_RUNS; i++) {
      const [plan] = (await run()).rows[0]!['QUERY PLAN'] as Array<NonNullable<typeof root>>;
      if (!root || plan!['Execution Time'] < root['Execution Time']) root = plan;
    }
    const lines: string[] = [];
    walk(root!.Plan, 0, lines);
    const nodes = flatten(root!.Plan);
    const flags = nodes.flatMap((node) => scanFlags(node, nodes, db));
    return {
      name: statement.name,
      sql: readable(statement.sql),
      planningMs: root!['Planning Time'],
      executionMs: root!['Execution Time'],
      sharedHit: root!.Plan['Shared Hit Blocks'] ?? 0,
      sharedRead: root!.Plan['Shared Read Blocks'] ?? 0,
      lines,
      flags,
    };
  } finally {
    await owner.query('rollback');
  }
}

/** Plans of the hot statements on the database at `ownerUrl`, for one environment of one organisation. */
export async function explainHotStatements(ownerUrl: string, wanted: Partial<PlanScope> = {}): Promise<{ scope: PlanScope; plans: StatementPlan[] }> {
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  // The stores run as they do in the services: every connection SET ROLEs to coffer_app.
  const app = await openDatabase({ databaseUrl: ownerUrl, migrate: false, dataDir: '', poolMax: 1 });
  try {
    const resolved = await resolve(owner, wanted);
    const db = await catalog(owner);
    const plans: StatementPlan[] = [];
    for (const statement of await statements(owner, app.knex, resolved)) plans.push(await explain(owner, statement, db));
    return { scope: resolved.scope, plans };
  } finally {
    await app.close();
    await owner.end();
  }
}

export function formatPlans(plans: readonly StatementPlan[]): string {
  const out: string[] = [];
  for (const plan of plans) {
    out.push(
      `\n== ${plan.name}: execution ${plan.executionMs.toFixed(3)} ms, planning ${plan.planningMs.toFixed(3)} ms, shared hit ${plan.sharedHit} read ${plan.sharedRead}`,
    );
    out.push(`   ${plan.sql}`);
    out.push(...plan.lines.map((line) => `   ${line}`));
    out.push(...plan.flags.map((flag) => `   ! ${flag}`));
  }
  const flagged = plans.flatMap((plan) => plan.flags.filter((flag) => !flag.startsWith('ok:')).map((flag) => `${plan.name}: ${flag}`));
  out.push(`\n${flagged.length === 0 ? 'no statement flagged' : `${flagged.length} flag(s):\n${flagged.map((flag) => `  - ${flag}`).join('\n')}`}`);
  return out.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      versions: { type: 'string' },
      org: { type: 'string' },
      project: { type: 'string' },
      env: { type: 'string' },
      key: { type: 'string' },
    },
    strict: true,
  });
  const wanted: Partial<PlanScope> = {
    ...(values.org ? { org: values.org } : {}),
    ...(values.project ? { project: values.project } : {}),
    ...(values.env ? { environment: values.env } : {}),
    ...(values.key ? { key: values.key } : {}),
  };
  if (values.url) {
    const { scope, plans } = await explainHotStatements(values.url, wanted);
    console.log(`plans for ${scope.org}/${scope.project}/${scope.environment}, key ${scope.key}`);
    console.log(formatPlans(plans));
    return;
  }
  // No database named: the bench server's own, with its `bench` organisation among seeded ones.
  const { startBenchServer } = await import('./bench-server.js');
  const { ownerUrlOf, seedVersions } = await import('./seed-versions.js');
  const versions = Number(values.versions ?? 1_000_000);
  if (!Number.isSafeInteger(versions) || versions < 0) throw new Error('--versions must be a non-negative integer');
  const server = await startBenchServer({ secrets: 30 });
  try {
    const ownerUrl = ownerUrlOf(server.databaseUrl);
    const seeded = await seedVersions(ownerUrl, { versions });
    console.log(`seeded ${seeded.versions} versions in ${seeded.seconds.toFixed(1)} s`);
    const { scope, plans } = await explainHotStatements(ownerUrl, { org: 'bench', ...wanted });
    console.log(`plans for ${scope.org}/${scope.project}/${scope.environment}, key ${scope.key}`);
    console.log(formatPlans(plans));
  } finally {
    await server.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
