import type { Knex } from 'knex';
import { migrations, type Migration } from '@coffer/migrations';

/** Serves the statically imported migration list, so migrations load the same way under tsx, vitest and a bundle. */
class StaticMigrationSource implements Knex.MigrationSource<Migration> {
  getMigrations(): Promise<Migration[]> {
    return Promise.resolve([...migrations]);
  }
  getMigrationName(migration: Migration): string {
    return migration.name;
  }
  getMigration(migration: Migration): Promise<Knex.Migration> {
    return Promise.resolve({ up: migration.up, down: migration.down });
  }
}

export async function runMigrations(knex: Knex): Promise<string[]> {
  const [, applied] = (await knex.migrate.latest({ migrationSource: new StaticMigrationSource() })) as [number, string[]];
  return applied;
}
