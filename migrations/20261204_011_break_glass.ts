import type { Knex } from 'knex';

/**
 * Break-glass: emergency access to one environment, opened by an admin named for it with a written
 * reason, for at most an hour. Every audit record of what is done under it names it
 * (`audit_logs.break_glass_id`), and it stays flagged until somebody else records a review.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('break_glass_accesses', (t) => {
    t.uuid('id').primary();
    t.uuid('org_id').notNullable().references('organizations.id').onDelete('CASCADE');
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('project_id').notNullable().references('projects.id').onDelete('CASCADE');
    t.uuid('environment_id').notNullable().references('environments.id').onDelete('CASCADE');
    t.text('reason').notNullable();
    t.timestamp('opened_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('closed_at', { useTz: true });
    t.timestamp('reviewed_at', { useTz: true });
    t.uuid('reviewed_by');
    t.text('review_note');
    t.index(['org_id', 'user_id']);
  });
  await knex.raw(`alter table break_glass_accesses add constraint break_glass_at_most_an_hour check (expires_at <= opened_at + interval '1 hour')`);
  await knex.raw(`alter table break_glass_accesses enable row level security`);
  await knex.raw(`alter table break_glass_accesses force row level security`);
  await knex.raw(`create policy tenant_isolation on break_glass_accesses using (org_id = app_org_id()) with check (org_id = app_org_id())`);
  await knex.raw(`grant select, insert, update on break_glass_accesses to coffer_app`);

  await knex.schema.alterTable('audit_logs', (t) => {
    t.uuid('break_glass_id');
  });
  await recordFunction(knex, true);
}

export async function down(knex: Knex): Promise<void> {
  await recordFunction(knex, false);
  await knex.schema.alterTable('audit_logs', (t) => t.dropColumn('break_glass_id'));
  await knex.schema.dropTableIfExists('break_glass_accesses');
}

/** record_audit_events of migration 006, storing the break-glass marker when `marked`. */
async function recordFunction(knex: Knex, marked: boolean): Promise<void> {
  const column = marked ? ', break_glass_id' : '';
  const value = marked ? ', r.break_glass_id' : '';
  const type = marked ? ', break_glass_id uuid' : '';
  await knex.raw(`drop function record_audit_events(jsonb)`);
  await knex.raw(`
    create function record_audit_events(p_events jsonb)
    returns table (recorded integer, already_recorded integer, orphaned integer)
    language plpgsql volatile security invoker as $$
    declare
      v_org uuid;
      v_events integer;
      v_inserted integer;
    begin
      recorded := 0;
      already_recorded := 0;
      orphaned := 0;
      for v_org, v_events in
        select (e ->> 'org_id')::uuid, count(*) from jsonb_array_elements(p_events) as e group by 1
      loop
        perform set_config('app.org_id', v_org::text, true);
        if not exists (select 1 from organizations where id = v_org) then
          orphaned := orphaned + v_events;
          continue;
        end if;
        insert into audit_logs (id, org_id, actor_id, actor_type, action, resource, outcome, request_id, ip, user_agent, occurred_at${column})
          select r.id, r.org_id, r.actor_id, r.actor_type, r.action, r.resource, r.outcome, r.request_id, r.ip, r.user_agent, r.occurred_at${value}
            from jsonb_to_recordset(p_events) as r(id uuid, org_id uuid, actor_id text, actor_type text, action text, resource text,
                                                    outcome text, request_id text, ip text, user_agent text, occurred_at timestamptz${type})
           where r.org_id = v_org
          on conflict (id) do nothing;
        get diagnostics v_inserted = row_count;
        recorded := recorded + v_inserted;
        already_recorded := already_recorded + v_events - v_inserted;
      end loop;
      perform set_config('app.org_id', '', true);
      return next;
    end $$`);
  await knex.raw(`revoke all on function record_audit_events(jsonb) from public`);
  await knex.raw(`grant execute on function record_audit_events(jsonb) to coffer_app`);
}
