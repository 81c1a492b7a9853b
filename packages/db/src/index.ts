export { openDatabase, migrateDatabase, type Database, type Backend, type OpenDatabaseOptions, type DatabaseLog } from './database.js';
export { withScope, withTenant, setTenant, setUser, type ScopeSettings } from './tenant.js';
export { queryPrepared, type PreparedStatement } from './prepared.js';
export { isUniqueViolation, isForeignKeyViolation, isSerializationFailure, isDeadlock, isUnavailable, mapDatabaseError } from './errors.js';
export { APP_ROLE } from './roles.js';
export { databaseModule, databaseSlice, migrateModule } from './module.js';
export type { Knex } from 'knex';
