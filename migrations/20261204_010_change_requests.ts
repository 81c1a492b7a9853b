import type { Knex } from 'knex';

/**
 * Change requests: a write to a protected environment is stored here instead of being made, until
 * another member with `approve` applies it or someone rejects it. Each change names its key and the
 * live version it was made against (`base_version`, 0: none), so a request whose base moved refuses
 * to apply. A proposed value is sealed as a secret version is (a fresh DEK under the organisation's
 * KEK, the value bound by GCM additional data to the organisation, the request and the change's
 * position); it is never stored in clear.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('change_requests', (t) => {
    t.uuid('id').primary();
    t.uuid('org_id').notNullable().references('organizations.id').onDelete('CASCADE');
    t.uuid('env_id').notNullable().references('environments.id').onDelete('CASCADE');
    t.text('requested_by').notNullable();
    t.text('status').notNullable().defaultTo('open');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('decided_by');
    t.timestamp('decided_at', { useTz: true });
    t.text('reason').notNullable().defaultTo('');
    t.index(['org_id', 'env_id', 'created_at']);
  });
  await knex.raw(`alter table change_requests add constraint change_requests_status check (status in ('open', 'applied', 'rejected'))`);
  await knex.schema.createTable('change_request_changes', (t) => {
    t.uuid('org_id').notNullable().references('organizations.id').onDelete('CASCADE');
    t.uuid('request_id').notNullable().references('change_requests.id').onDelete('CASCADE');
    // 1-based, in the order the write gave them; part of the value's additional data.
    t.integer('position').notNullable();
    t.text('key').notNullable();
    t.text('action').notNullable();
    t.integer('base_version').notNullable();
    t.text('type').notNullable().defaultTo('');
    t.text('description').notNullable().defaultTo('');
    // Only for a set: the sealed value and its wrapped DEK, as in secret_versions.
    t.text('ciphertext');
    t.text('wrapped_dek');
    t.text('kms_key_id');
    t.integer('kms_key_version');
    t.primary(['request_id', 'position']);
  });
  await knex.raw(`alter table change_request_changes add constraint change_request_changes_action check (action in ('set', 'delete', 'restore'))`);
  for (const table of ['change_requests', 'change_request_changes']) {
    await knex.raw(`alter table ${table} enable row level security`);
    await knex.raw(`alter table ${table} force row level security`);
    await knex.raw(`create policy tenant_isolation on ${table} using (org_id = app_org_id()) with check (org_id = app_org_id())`);
  }
  // Decided requests are kept as the record of who approved what: no delete.
  await knex.raw(`grant select, insert, update on change_requests, change_request_changes to coffer_app`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('change_request_changes');
  await knex.schema.dropTableIfExists('change_requests');
}
