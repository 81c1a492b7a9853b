import type { Knex } from 'knex';
import { up as recordFunctionWithoutIds } from './20261202_005_audit_record_function.js';

/**
 * record_audit_events stores each event id once: a batch sent again after its answer was lost, or
 * a spool replayed after a crash, adds no row. It answers what happened to the batch: how many
 * rows it added, how many ids were already there, and how many events name an organisation that
 * no longer exists (skipped: they could never be stored, and retrying them would block every later
 * batch). Still SECURITY INVOKER: each organisation's rows are written, and its existence and
 * earlier rows seen, under that organisation's row-level-security scope.
 */
export async function up(knex: Knex): Promise<void> {
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
        insert into audit_logs (id, org_id, actor_id, actor_type, action, resource, outcome, request_id, ip, user_agent, occurred_at)
          select r.id, r.org_id, r.actor_id, r.actor_type, r.action, r.resource, r.outcome, r.request_id, r.ip, r.user_agent, r.occurred_at
            from jsonb_to_recordset(p_events) as r(id uuid, org_id uuid, actor_id text, actor_type text, action text, resource text,
                                                    outcome text, request_id text, ip text, user_agent text, occurred_at timestamptz)
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

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`drop function record_audit_events(jsonb)`);
  await recordFunctionWithoutIds(knex);
}
