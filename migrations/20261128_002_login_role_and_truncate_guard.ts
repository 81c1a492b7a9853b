import type { Knex } from 'knex';

/**
 * The services should log in as coffer_app itself: a session that merely SET ROLEs into it from a
 * superuser or owner could leave row-level security with RESET ROLE. It gets no password here;
 * operators set one (ALTER ROLE coffer_app PASSWORD ...) and put it in DATABASE_URL.
 * The audit trail also refuses TRUNCATE, which row triggers do not see.
 */
export async function up(knex: Knex): Promise<void> {
  // Roles are cluster-wide: another database's migration may alter this one at the same moment,
  // which PostgreSQL refuses with "tuple concurrently updated". Then the role is login already.
  await knex.raw(`
    do $$ begin
      if not exists (select 1 from pg_roles where rolname = 'coffer_app' and rolcanlogin) then
        alter role coffer_app login;
      end if;
    exception when others then
      if not exists (select 1 from pg_roles where rolname = 'coffer_app' and rolcanlogin) then raise; end if;
    end $$`);
  await knex.raw(`
    create trigger audit_logs_no_truncate before truncate on audit_logs
    for each statement execute function audit_logs_append_only()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`drop trigger if exists audit_logs_no_truncate on audit_logs`);
  await knex.raw(`alter role coffer_app nologin`);
}
