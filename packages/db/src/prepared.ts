import type { Knex } from 'knex';
import { mapDatabaseError } from './errors.js';

/** A statement of the hot path, written with `?` placeholders as knex.raw takes them. */
export interface PreparedStatement {
  /** Unique per statement text: PostgreSQL keeps its parse and plan under this name on each connection. */
  name: string;
  text: string;
}

interface PgConnection {
  query(config: { name: string; text: string; values: readonly unknown[] }): Promise<{ rows: unknown[] }>;
}

const numbered = new Map<string, string>();

/** `?` placeholders as `$1, $2, ...`; the statements are constants without `?` inside literals. */
function numberedText(text: string): string {
  let result = numbered.get(text);
  if (result === undefined) {
    let index = 0;
    result = text.replace(/\?/g, () => `$${++index}`);
    numbered.set(text, result);
  }
  return result;
}

/**
 * Runs one statement outside any transaction. On PostgreSQL it is a named prepared statement, so
 * each pooled connection parses and plans it once instead of on every call (about half the
 * database's work for the one-statement inject and reveal); PGlite runs it through knex as usual.
 */
export async function queryPrepared<Row>(knex: Knex, statement: PreparedStatement, values: readonly unknown[]): Promise<Row[]> {
  try {
    if (knex.client.config.client !== 'pg') return (await knex.raw(statement.text, values as Knex.RawBinding[])).rows as Row[];
    const connection = (await knex.client.acquireConnection()) as PgConnection;
    try {
      const result = await connection.query({ name: statement.name, text: numberedText(statement.text), values });
      return result.rows as Row[];
    } finally {
      await knex.client.releaseConnection(connection);
    }
  } catch (err) {
    throw mapDatabaseError(err);
  }
}
