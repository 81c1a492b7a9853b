import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server the tests create their throw-away databases on. */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestDatabase {
  /** The owner's (superuser's) connection: migrations, and what an attacker with the dump sees. */
  url: string;
  /** The same database logged in as coffer_app, the way production services connect. */
  appUrl: string;
  name: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

function asUser(url: string, user: string): string {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = '';
  return parsed.toString();
}

/** Runs one statement as the superuser of the server at `serverUrl` (create and drop database cannot run in a transaction). */
async function asSuperuser(serverUrl: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** Creates an empty database `name` on the server at `serverUrl`; returns the superuser's URL of it. */
export async function createDatabaseOn(serverUrl: string, name: string): Promise<string> {
  await asSuperuser(serverUrl, `create database ${name}`);
  return withDatabase(serverUrl, name);
}

/** A fresh, empty database on the real PostgreSQL server (or `serverUrl`'s, a private cluster), so test files never share state. */
export async function createTestDatabase(serverUrl = TEST_POSTGRES_URL): Promise<TestDatabase> {
  const name = `coffer_test_${randomBytes(6).toString('hex')}`;
  const url = await createDatabaseOn(serverUrl, name);
  return {
    name,
    url,
    appUrl: asUser(url, 'coffer_app'),
    drop: () => asSuperuser(serverUrl, `drop database if exists ${name} with (force)`),
  };
}

/** A superuser connection to a test database, for the checks an attacker with a dump would make. */
export async function connectAsOwner(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}
