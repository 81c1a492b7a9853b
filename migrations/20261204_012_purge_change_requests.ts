import type { Knex } from 'knex';

/**
 * A purge on a protected environment is a change request like any other change there: it destroys
 * every version for good, so it needs another member's approval more than a soft delete does.
 */
export async function up(knex: Knex): Promise<void> {
  await actions(knex, ['set', 'delete', 'restore', 'purge']);
}

export async function down(knex: Knex): Promise<void> {
  await knex('change_request_changes').where({ action: 'purge' }).del();
  await actions(knex, ['set', 'delete', 'restore']);
}

async function actions(knex: Knex, allowed: readonly string[]): Promise<void> {
  await knex.raw(`alter table change_request_changes drop constraint change_request_changes_action`);
  // Constants of this file, not input: DDL takes no bind parameters.
  const list = allowed.map((action) => `'${action}'`).join(', ');
  await knex.raw(`alter table change_request_changes add constraint change_request_changes_action check (action in (${list}))`);
}
