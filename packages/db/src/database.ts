import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import knexFactory, { type Knex } from 'knex';
import ClientPGLite from 'knex-pglite';
import { runMigrations } from './migrate.js';
import { APP_ROLE } from './roles.js';

export type Backend = 'postgres' | 'pglite';

export interface Database {
  /** Every query through this handle runs as the RLS-bound application role. */
  knex: Knex;
  backend: Backend;
  /**
   * True when the connection logged in as the application role itself. Otherwise the session only
   * SET ROLEs into it, and injected SQL could RESET ROLE back to a more powerful login.
   */
  loggedInAsAppRole: boolean;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; without it the embedded PGlite under `dataDir/data` is used. */
  databaseUrl?: string;
  /** The schema owner's connection, for migrations only; defaults to `databaseUrl`. */
  ownerUrl?: string;
  dataDir: string;
  poolMax?: number;
  /** Run pending migrations before serving (the default); `migrate` target and tests may opt out. */
  migrate?: boolean;
  /** Where knex's own warnings go (instead of plain text on stderr). */
  log?: DatabaseLog;
  /** PostgreSQL only: how long each kind of wait may last. */
  timeouts?: DatabaseTimeouts;
  /** Hears that PostgreSQL could not be reached (a new connection failed) and that it could again. */
  outage?: { failed(cause: string): void; succeeded(): void };
}

/**
 * Every wait on PostgreSQL is bounded, well under the gateway's 5-second deadline, so that an
 * outage is answered (503) rather than waited out. A transaction with a caller's deadline lowers
 * the statement timeout to what remains of it (tenant.ts).
 */
export interface DatabaseTimeouts {
  /** Opening a connection, TCP and start-up (a paused server accepts the TCP connection, then says nothing). */
  connectMs: number;
  /** Waiting for a pooled connection when all are busy. */
  acquireMs: number;
  /** Any one statement, server side (statement_timeout). */
  statementMs: number;
  /** Waiting for a row or table lock (lock_timeout). */
  lockMs: number;
  /** A transaction left open and idle, e.g. by a caller that vanished (idle_in_transaction_session_timeout). */
  idleInTransactionMs: number;
}

export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = {
  connectMs: 2_000,
  acquireMs: 2_000,
  statementMs: 5_000,
  lockMs: 2_000,
  idleInTransactionMs: 10_000,
};

/** A connection failure's short reason for the outage log: its code, never the address or credentials. */
function failureCause(message: string): string {
  const code = /\b(E[A-Z]{4,})\b/.exec(message)?.[1];
  return code ?? (/timeout/i.test(message) ? 'timeout' : 'connection failed');
}

export interface DatabaseLog {
  warn(message: string): void;
  error(message: string): void;
}

function knexLog(log: DatabaseLog | undefined, outage?: OpenDatabaseOptions['outage']): Knex.Config['log'] {
  if (!log) return undefined;
  const text = (message: unknown) => (message instanceof Error ? message.message : String(message));
  return {
    // Each failed connection attempt of the pool: one outage for the outage log, not a stack trace per request.
    warn: (message: unknown) =>
      outage && /^(Acquire connection error|Connection Error)/.test(text(message)) ? outage.failed(failureCause(text(message))) : log.warn(text(message)),
    error: (message: unknown) => log.error(text(message)),
    deprecate: (method: string, alternative: string) => log.warn(`${method} is deprecated, use ${alternative}`),
    debug: () => undefined,
  };
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openPglite(options);
}

async function openPostgres(databaseUrl: string, options: OpenDatabaseOptions): Promise<Database> {
  if (options.migrate !== false) {
    await migratePostgres(options.ownerUrl ?? databaseUrl, options.log);
  }
  const timeouts = options.timeouts ?? DEFAULT_DATABASE_TIMEOUTS;
  const knex = knexFactory({
    client: 'pg',
    connection: {
      connectionString: databaseUrl,
      connectionTimeoutMillis: timeouts.connectMs,
      statement_timeout: timeouts.statementMs,
      lock_timeout: timeouts.lockMs,
      idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    } as Knex.PgConnectionConfig,
    acquireConnectionTimeout: timeouts.acquireMs,
    log: knexLog(options.log, options.outage),
    pool: {
      min: 0,
      max: options.poolMax ?? 10,
      afterCreate(conn: { query(sql: string, cb: (err: Error | null) => void): void }, done: (err: Error | null, conn: unknown) => void) {
        conn.query(`set role ${APP_ROLE}`, (err) => done(err, conn));
      },
    },
  });
  const loggedInAsAppRole = await assertRlsBound(knex);
  const pool = (knex.client as { pool?: { on(event: 'createSuccess', listener: () => void): void } }).pool;
  pool?.on('createSuccess', () => options.outage?.succeeded());
  return { knex, backend: 'postgres', loggedInAsAppRole, ping: () => ping(knex), close: () => knex.destroy() };
}

async function openPglite(options: OpenDatabaseOptions): Promise<Database> {
  const knex = await openPgliteKnex(options.dataDir);
  // PGlite has a single connection: migrate as its owner, then drop to the app role for good.
  if (options.migrate !== false) await runMigrations(knex);
  await knex.raw(`set role ${APP_ROLE}`);
  // In-process and single-user: there is no other login to keep out.
  await assertRlsBound(knex);
  return { knex, backend: 'pglite', loggedInAsAppRole: false, ping: () => ping(knex), close: () => knex.destroy() };
}

async function openPgliteKnex(dataDir: string): Promise<Knex> {
  const dir = join(dataDir, 'data');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const pglite = await PGlite.create(dir);
  return knexFactory({ client: ClientPGLite, connection: { pglite } as unknown as Knex.StaticConnectionConfig });
}

async function ping(knex: Knex): Promise<void> {
  await knex.raw('select 1');
}

/** Refuses to serve if queries would not be subject to row-level security; tells who logged in. */
async function assertRlsBound(knex: Knex): Promise<boolean> {
  const result = await knex.raw(`select current_user as role, session_user as login, rolbypassrls, rolsuper from pg_roles where rolname = current_user`);
  const row = (result.rows as Array<{ role: string; login: string; rolbypassrls: boolean; rolsuper: boolean }>)[0];
  if (!row || row.role !== APP_ROLE || row.rolbypassrls || row.rolsuper) {
    throw new Error(`database session must run as ${APP_ROLE} without BYPASSRLS`);
  }
  return row.login === APP_ROLE;
}

async function migratePostgres(ownerUrl: string, log?: DatabaseLog): Promise<string[]> {
  const owner = knexFactory({ client: 'pg', connection: ownerUrl, log: knexLog(log), pool: { min: 0, max: 1 } });
  try {
    return await runMigrations(owner);
  } finally {
    await owner.destroy();
  }
}

/** Opens a connection as the configured user (no role switch) for migrations and administration. */
export async function migrateDatabase(options: OpenDatabaseOptions): Promise<string[]> {
  if (!options.databaseUrl) {
    const knex = await openPgliteKnex(options.dataDir);
    try {
      return await runMigrations(knex);
    } finally {
      await knex.destroy();
    }
  }
  return migratePostgres(options.ownerUrl ?? options.databaseUrl, options.log);
}
