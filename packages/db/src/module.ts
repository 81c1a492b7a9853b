import { defineSlice, integer, optional, url, withDefault } from '@coffer/config';
import { defineModule, readyWhen } from '@coffer/module';
import type { Logger } from '@coffer/telemetry';
import { migrateDatabase, openDatabase, type Database, type DatabaseLog } from './database.js';

const postgresUrl = () => optional(url(['postgres', 'postgresql']));

/** Where the data lives; read by `database` and by `migrate`. */
export const databaseSlice = defineSlice(
  {
    DATABASE_URL: postgresUrl(),
    // The schema owner, for migrations; the services themselves should log in as coffer_app.
    DATABASE_OWNER_URL: postgresUrl(),
    COFFER_DB_POOL_MAX: withDefault(integer(1, 1000), '10'),
  },
  (env) => ({
    databaseUrl: env.DATABASE_URL,
    ownerUrl: env.DATABASE_OWNER_URL,
    poolMax: env.COFFER_DB_POOL_MAX,
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
    const database = await openDatabase({ ...ctx.config, dataDir: ctx.platform.dataDir, log: knexLogTo(ctx.logger) });
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
