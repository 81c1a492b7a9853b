import { defineSlice, integer, milliseconds, optional, url, withDefault } from '@coffer/config';
import { defineModule, readyWhen } from '@coffer/module';
import { createOutageLog, type Logger } from '@coffer/telemetry';
import { DEFAULT_DATABASE_TIMEOUTS, migrateDatabase, openDatabase, type Database, type DatabaseLog } from './database.js';

const postgresUrl = () => optional(url(['postgres', 'postgresql']));

/** Where the data lives; read by `database` and by `migrate`. */
export const databaseSlice = defineSlice(
  {
    DATABASE_URL: postgresUrl(),
    // The schema owner, for migrations; the services themselves should log in as coffer_app.
    DATABASE_OWNER_URL: postgresUrl(),
    COFFER_DB_POOL_MAX: withDefault(integer(1, 1000), '10'),
    // Bounded waits on PostgreSQL (database.ts DatabaseTimeouts), all well under the gateway's 5 s deadline.
    COFFER_DB_CONNECT_TIMEOUT_MS: withDefault(milliseconds(1), String(DEFAULT_DATABASE_TIMEOUTS.connectMs)),
    COFFER_DB_ACQUIRE_TIMEOUT_MS: withDefault(milliseconds(1), String(DEFAULT_DATABASE_TIMEOUTS.acquireMs)),
    COFFER_DB_STATEMENT_TIMEOUT_MS: withDefault(milliseconds(1), String(DEFAULT_DATABASE_TIMEOUTS.statementMs)),
    COFFER_DB_LOCK_TIMEOUT_MS: withDefault(milliseconds(1), String(DEFAULT_DATABASE_TIMEOUTS.lockMs)),
    COFFER_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: withDefault(milliseconds(1), String(DEFAULT_DATABASE_TIMEOUTS.idleInTransactionMs)),
  },
  (env) => ({
    databaseUrl: env.DATABASE_URL,
    ownerUrl: env.DATABASE_OWNER_URL,
    poolMax: env.COFFER_DB_POOL_MAX,
    timeouts: {
      connectMs: env.COFFER_DB_CONNECT_TIMEOUT_MS,
      acquireMs: env.COFFER_DB_ACQUIRE_TIMEOUT_MS,
      statementMs: env.COFFER_DB_STATEMENT_TIMEOUT_MS,
      lockMs: env.COFFER_DB_LOCK_TIMEOUT_MS,
      idleInTransactionMs: env.COFFER_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    },
    /** No DATABASE_URL: embedded PGlite under the data directory. */
    embedded: env.DATABASE_URL === undefined,
  }),
);

function knexLogTo(logger: Logger): DatabaseLog {
  return { warn: (msg) => logger.warn({ component: 'knex' }, msg), error: (msg) => logger.error({ component: 'knex' }, msg) };
}

export const databaseModule = defineModule<ReturnType<typeof databaseSlice.toConfig>, Database>({
  name: 'database',
  kind: 'infrastructure',
  description: 'PostgreSQL (DATABASE_URL) or embedded PGlite, migrated at start',
  dependsOn: [],
  config: databaseSlice,
  async start(ctx) {
    const database = await openDatabase({
      ...ctx.config,
      dataDir: ctx.platform.dataDir,
      log: knexLogTo(ctx.logger),
      outage: createOutageLog({ logger: ctx.logger, backend: 'PostgreSQL' }),
    });
    if (database.backend === 'postgres' && !database.loggedInAsAppRole) {
      ctx.logger.warn(
        'DATABASE_URL does not log in as coffer_app: queries still run under row-level security, but injected SQL could RESET ROLE out of it. Log in as coffer_app and migrate through DATABASE_OWNER_URL.',
      );
    }
    return {
      exports: database,
      stop: () => database.close(),
      ready: readyWhen(() => database.ping()),
    };
  },
});

export const migrateModule = defineModule({
  name: 'migrate',
  kind: 'target',
  description: 'apply database migrations and exit (not part of all)',
  dependsOn: [],
  runsOnce: true,
  // Its own connection as the schema owner: the app database is not opened (embedded, PGlite would be opened twice).
  config: databaseSlice,
  async start(ctx) {
    const applied = await migrateDatabase({ ...ctx.config, dataDir: ctx.platform.dataDir, log: knexLogTo(ctx.logger) });
    ctx.logger.info({ applied }, applied.length > 0 ? 'migrations applied' : 'database already up to date');
    return {};
  },
});
