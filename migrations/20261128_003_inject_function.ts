import type { Knex } from 'knex';

/**
 * The inject hot path in one round trip: the function scopes its own statement to the tenant
 * (set_config(..., true) lasts until the implicit transaction of this single statement ends) and
 * returns the current version of every live key. SECURITY INVOKER: it runs as the caller, under
 * the same row-level security as any other query; it grants nothing a caller could not do itself.
 * No row means no such project/environment; a row with a null key means the environment is empty.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function secret_current_values(p_org_id uuid, p_project text, p_environment text)
    returns table (env_id uuid, secret_id uuid, key text, version integer, ciphertext text, wrapped_dek text,
                   kms_key_id uuid, kms_key_version integer)
    language plpgsql volatile security invoker as $$
    begin
      perform set_config('app.org_id', p_org_id::text, true);
      return query
        select e.id, s.id, s.key, v.version, v.ciphertext, v.wrapped_dek, v.kms_key_id, v.kms_key_version
          from projects p
          join environments e on e.project_id = p.id and e.slug = p_environment
          left join secrets s on s.env_id = e.id and not s.deleted
          left join secret_versions v on v.secret_id = s.id and v.version = s.current_version
         where p.slug = p_project;
    end $$`);
  await knex.raw(`revoke all on function secret_current_values(uuid, text, text) from public`);
  await knex.raw(`grant execute on function secret_current_values(uuid, text, text) to coffer_app`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`drop function if exists secret_current_values(uuid, text, text)`);
}
