/**
 * `@coffer/test-kit/postgres`: the PostgreSQL helpers, for suites that use the rest of the kit too.
 * They live in `@coffer/test-postgres` (pg only), which the packages below the server (db, kms, the
 * services) import directly: importing the whole kit would make them depend on the server, which
 * depends on them.
 */
export * from '@coffer/test-postgres';
