import type { Knex } from 'knex';

const APP_ROLE = 'coffer_app';

/** Tenant tables: each carries org_id and is guarded by a FORCE'd row-level security policy. */
const TENANT_TABLES = ['projects', 'environments', 'secrets', 'secret_versions', 'kms_keys', 'audit_logs'] as const;

export async function up(knex: Knex): Promise<void> {
  // Roles are cluster-wide; a concurrent migration in another database may create it first.
  await knex.raw(`
    do $$ begin
      create role ${APP_ROLE} nologin nobypassrls;
    exception when duplicate_object or unique_violation then null;
    end $$`);
  await knex.raw(`
    create function app_org_id() returns uuid language sql stable as
    $$ select nullif(current_setting('app.org_id', true), '')::uuid $$`);

  // Not tenant data: one row, written once, marks that first-run bootstrap has happened.
  await knex.raw(`create table platform_state (
    singleton boolean primary key default true check (singleton),
    bootstrapped_at timestamptz not null default now())`);

  await knex.schema.createTable('organizations', (t) => {
    t.uuid('id').primary();
    t.text('slug').notNullable().unique();
    t.text('name').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('projects', (t) => {
    t.uuid('id').primary();
    t.uuid('org_id').notNullable().references('organizations.id').onDelete('CASCADE');
    t.text('slug').notNullable();
    t.text('name').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['org_id', 'slug']);
  });

  await knex.schema.createTable('environments', (t) => {
    t.uuid('id').primary();
    t.uuid('org_id').notNullable().references('organizations.id').onDelete('CASCADE');
    t.uuid('project_id').notNullable().references('projects.id').onDelete('CASCADE');
    t.text('slug').notNullable();
    t.text('name').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['project_id', 'slug']);
  });

  await knex.schema.createTable('secrets', (t) => {
    t.uuid('id').primary();
    t.uuid('org_id').notNullable().references('organizations.id').onDelete('CASCADE');
    t.uuid('env_id').notNullable().references('environments.id').onDelete('CASCADE');
    t.text('key').notNullable();
    t.text('type').notNullable();
    t.text('description').notNullable().defaultTo('');
    t.integer('current_version').notNullable();
    t.boolean('deleted').notNullable().defaultTo(false);
    t.timestamp('deleted_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('updated_by').notNullable();
    t.unique(['env_id', 'key']);
  });

  await knex.schema.createTable('secret_versions', (t) => {
    t.uuid('id').primary();
    t.uuid('org_id').notNullable().references('organizations.id').onDelete('CASCADE');
    t.uuid('secret_id').notNullable().references('secrets.id').onDelete('CASCADE');
    t.integer('version').notNullable();
    t.text('type').notNullable();
    t.text('description').notNullable().defaultTo('');
    t.text('ciphertext').notNullable();
    t.text('wrapped_dek').notNullable();
    t.uuid('kms_key_id').notNullable();
    t.integer('kms_key_version').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('created_by').notNullable();
    t.unique(['secret_id', 'version']);
  });

  await knex.schema.createTable('kms_keys', (t) => {
    t.uuid('id').primary();
    t.uuid('org_id').notNullable().references('organizations.id').onDelete('CASCADE');
    // Stable across versions of the organisation's key; with the version it names one KEK.
    t.uuid('key_id').notNullable();
    t.integer('version').notNullable();
    t.text('provider').notNullable();
    t.text('wrapped_material').notNullable();
    t.bigInteger('wrap_count').notNullable().defaultTo(0);
    t.text('state').notNullable().defaultTo('active');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('retired_at', { useTz: true });
    t.unique(['org_id', 'version']);
  });

  await knex.schema.createTable('api_tokens', (t) => {
    t.uuid('id').primary();
    t.uuid('org_id').notNullable().references('organizations.id').onDelete('CASCADE');
    t.text('name').notNullable();
    t.text('token_hash').notNullable().unique();
    t.specificType('permissions', 'text[]').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_used_at', { useTz: true });
    t.timestamp('revoked_at', { useTz: true });
  });

  await knex.schema.createTable('audit_logs', (t) => {
    t.uuid('id').primary();
    t.uuid('org_id').notNullable().references('organizations.id').onDelete('CASCADE');
    t.text('actor_id').notNullable();
    t.text('actor_type').notNullable();
    t.text('action').notNullable();
    t.text('resource').notNullable();
    t.text('outcome').notNullable();
    t.text('request_id').notNullable();
    t.text('ip').notNullable().defaultTo('');
    t.text('user_agent').notNullable().defaultTo('');
    t.timestamp('occurred_at', { useTz: true }).notNullable();
    t.timestamp('recorded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['org_id', 'occurred_at']);
  });
  await knex.raw(`
    create function audit_logs_append_only() returns trigger language plpgsql as
    $$ begin raise exception 'audit_logs is append-only'; end $$`);
  await knex.raw(`
    create trigger audit_logs_no_update_or_delete before update or delete on audit_logs
    for each row execute function audit_logs_append_only()`);

  await knex.raw(`alter table organizations enable row level security`);
  await knex.raw(`alter table organizations force row level security`);
  await knex.raw(`create policy tenant_isolation on organizations using (id = app_org_id()) with check (id = app_org_id())`);
  for (const table of TENANT_TABLES) {
    await knex.raw(`alter table ${table} enable row level security`);
    await knex.raw(`alter table ${table} force row level security`);
    await knex.raw(`create policy tenant_isolation on ${table} using (org_id = app_org_id()) with check (org_id = app_org_id())`);
  }
  await knex.raw(`alter table api_tokens enable row level security`);
  await knex.raw(`alter table api_tokens force row level security`);
  // Authentication knows only the token's hash; it may see exactly the one row with that hash.
  await knex.raw(`create policy tenant_isolation on api_tokens
    using (org_id = app_org_id() or token_hash = nullif(current_setting('app.token_hash', true), ''))
    with check (org_id = app_org_id())`);

  await knex.raw(`grant usage on schema public to ${APP_ROLE}`);
  await knex.raw(`grant select, insert on platform_state to ${APP_ROLE}`);
  await knex.raw(`grant select, insert, update, delete on organizations, projects, environments, secrets,
    secret_versions, kms_keys, api_tokens to ${APP_ROLE}`);
  // The audit trail can be appended to and read, never changed.
  await knex.raw(`grant select, insert on audit_logs to ${APP_ROLE}`);
  await knex.raw(`grant execute on function app_org_id() to ${APP_ROLE}`);
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['audit_logs', 'api_tokens', 'kms_keys', 'secret_versions', 'secrets', 'environments', 'projects', 'organizations', 'platform_state']) {
    await knex.schema.dropTableIfExists(table);
  }
  await knex.raw(`drop function if exists audit_logs_append_only()`);
  await knex.raw(`drop function if exists app_org_id()`);
}
