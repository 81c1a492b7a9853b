import type { Knex } from 'knex';
import * as platformCore from './20261128_001_platform_core.js';
import * as loginRole from './20261128_002_login_role_and_truncate_guard.js';
import * as injectFunction from './20261128_003_inject_function.js';
import * as revealFunction from './20261202_004_reveal_function.js';
import * as auditRecordFunction from './20261202_005_audit_record_function.js';
import * as auditIdempotentInsert from './20261204_006_audit_idempotent_insert.js';
import * as idempotencyRecords from './20261204_007_idempotency_records.js';
import * as identity from './20261204_008_identity.js';
import * as access from './20261204_009_access.js';
import * as changeRequests from './20261204_010_change_requests.js';
import * as breakGlass from './20261204_011_break_glass.js';
import * as purgeChangeRequests from './20261204_012_purge_change_requests.js';
import * as keepTokensOfDeletedAccounts from './20261204_013_keep_tokens_of_deleted_accounts.js';

export interface Migration {
  name: string;
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/** The one migration history of the platform, in order. Append only. */
export const migrations: readonly Migration[] = [
  { name: '20261128_001_platform_core', ...platformCore },
  { name: '20261128_002_login_role_and_truncate_guard', ...loginRole },
  { name: '20261128_003_inject_function', ...injectFunction },
  { name: '20261202_004_reveal_function', ...revealFunction },
  { name: '20261202_005_audit_record_function', ...auditRecordFunction },
  { name: '20261204_006_audit_idempotent_insert', ...auditIdempotentInsert },
  { name: '20261204_007_idempotency_records', ...idempotencyRecords },
  { name: '20261204_008_identity', ...identity },
  { name: '20261204_009_access', ...access },
  { name: '20261204_010_change_requests', ...changeRequests },
  { name: '20261204_011_break_glass', ...breakGlass },
  { name: '20261204_012_purge_change_requests', ...purgeChangeRequests },
  { name: '20261204_013_keep_tokens_of_deleted_accounts', ...keepTokensOfDeletedAccounts },
];
