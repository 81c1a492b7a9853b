import type { Knex } from 'knex';

/**
 * Deleting a service account revokes its tokens and keeps their rows (no longer naming it): when
 * each was made, last used and from where, and when it was revoked, outlive the account, as the
 * audit records that name those tokens do.
 */
export async function up(knex: Knex): Promise<void> {
  await onAccountDeleted(knex, 'SET NULL');
}

export async function down(knex: Knex): Promise<void> {
  await onAccountDeleted(knex, 'CASCADE');
}

async function onAccountDeleted(knex: Knex, action: 'SET NULL' | 'CASCADE'): Promise<void> {
  await knex.schema.alterTable('api_tokens', (t) => {
    t.dropForeign(['service_account_id']);
    t.foreign('service_account_id').references('service_accounts.id').onDelete(action);
  });
}
