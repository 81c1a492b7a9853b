import type { Knex } from 'knex';

/**
 * The reveal hot path in one round trip, like inject (migration 003): the function scopes its own
 * statement to the tenant and returns one row whatever exists, so that the caller can say which
 * part is missing (no project_id: no such project; no env_id: no such environment; no secret_id:
 * no such secret; no version: no such version). A version of 0 means the current one.
 * SECURITY INVOKER: it runs as the caller, under the same row-level security as any other query.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function secret_version_of(p_org_id uuid, p_project text, p_environment text, p_key text, p_version integer)
    returns table (project_id uuid, env_id uuid, secret_id uuid, key text, secret_type text, secret_description text,
                   current_version integer, deleted boolean, created_at timestamptz, updated_at timestamptz, updated_by text,
                   version integer, type text, description text, ciphertext text, wrapped_dek text,
                   kms_key_id uuid, kms_key_version integer)
    language plpgsql volatile security invoker as $$
    begin
      perform set_config('app.org_id', p_org_id::text, true);
      return query
        select p.id, e.id, s.id, s.key, s.type, s.description, s.current_version, s.deleted, s.created_at, s.updated_at,
               s.updated_by, v.version, v.type, v.description, v.ciphertext, v.wrapped_dek, v.kms_key_id, v.kms_key_version
          from (select 1) as one
          left join projects p on p.slug = p_project
          left join environments e on e.project_id = p.id and e.slug = p_environment
          left join secrets s on s.env_id = e.id and s.key = p_key
          left join secret_versions v on v.secret_id = s.id and v.version = coalesce(nullif(p_version, 0), s.current_version);
    end $$`);
  await knex.raw(`revoke all on function secret_version_of(uuid, text, text, text, integer) from public`);
  await knex.raw(`grant execute on function secret_version_of(uuid, text, text, text, integer) to coffer_app`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`drop function if exists secret_version_of(uuid, text, text, text, integer)`);
}
