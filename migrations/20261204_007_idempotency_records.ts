import type { Knex } from 'knex';

/**
 * What an Idempotency-Key did: written by the Secret service in the transaction of the write it
 * names, so a record exists exactly when its write committed, and a retry after an answer that got
 * lost (a 504, a crash) is answered what really happened. A concurrent duplicate waits on the
 * primary key until the first one commits or rolls back; nothing is left "in progress" by a crash.
 * Keys are per token (`token_id` of the verified principal). `fingerprint` is an HMAC of the request
 * keyed by a key derived from the token itself, so a reader of this table cannot confirm a guessed
 * value; `reply` is the gRPC reply as the caller was answered (metadata, never a value).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('idempotency_records', (t) => {
    t.uuid('org_id').notNullable().references('organizations.id').onDelete('CASCADE');
    t.text('token_id').notNullable();
    t.text('key').notNullable();
    t.text('fingerprint').notNullable();
    // Null only inside the transaction that claims the key, before its write is done.
    t.jsonb('reply');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.primary(['org_id', 'token_id', 'key']);
    t.index(['org_id', 'expires_at']);
  });
  await knex.raw(`alter table idempotency_records enable row level security`);
  await knex.raw(`alter table idempotency_records force row level security`);
  await knex.raw(`create policy tenant_isolation on idempotency_records using (org_id = app_org_id()) with check (org_id = app_org_id())`);
  await knex.raw(`grant select, insert, update, delete on idempotency_records to coffer_app`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('idempotency_records');
}
