import type { Knex } from 'knex';

/**
 * Who may do what, where: roles (built-in ones are rows, not code), grants of a role or of
 * permissions on a project or one environment of it, service accounts whose tokens are scoped to a
 * project, environments and permissions, and protected environments.
 *
 * The permissions of the secrets are renamed to the vocabulary of grants (`secrets:write` becomes
 * `create` and `update`), so that the tokens issued before keep every right they had; members
 * who worked with every secret of their organisation become developers of every project.
 */
const BUILT_IN_ROLES: { scope: 'org' | 'project'; name: string; description: string; permissions: string[] }[] = [
  { scope: 'org', name: 'owner', description: 'everything, including the organisation’s owners', permissions: ['admin'] },
  { scope: 'org', name: 'admin', description: 'everything but making or removing owners', permissions: ['admin'] },
  { scope: 'org', name: 'member', description: 'what the grants on projects allow', permissions: [] },
  {
    scope: 'project',
    name: 'admin',
    description: 'every secret operation, approvals, environments and the project’s grants',
    permissions: ['read', 'reveal', 'export', 'create', 'update', 'delete', 'purge', 'approve', 'hierarchy:write', 'members:manage'],
  },
  {
    scope: 'project',
    name: 'developer',
    description: 'read, reveal, export, create, update and delete secrets',
    permissions: ['read', 'reveal', 'export', 'create', 'update', 'delete'],
  },
  { scope: 'project', name: 'viewer', description: 'see which secrets exist, never their values', permissions: ['read'] },
];

const RENAMED = `case p
  when 'secrets:read' then array['read']
  when 'secrets:reveal' then array['reveal']
  when 'secrets:export' then array['export']
  when 'secrets:write' then array['create', 'update']
  when 'secrets:delete' then array['delete']
  when 'secrets:purge' then array['purge']
  else array[p] end`;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('roles', (t) => {
    t.uuid('id').primary();
    // Null for the built-in roles every organisation shares.
    t.uuid('org_id').references('organizations.id').onDelete('CASCADE');
    t.text('scope').notNullable();
    t.text('name').notNullable();
    t.text('description').notNullable().defaultTo('');
    t.specificType('permissions', 'text[]').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table roles add constraint roles_scope check (scope in ('org', 'project'))`);
  // One name per scope in an organisation (the service refuses a built-in role's name as well).
  await knex.raw(`create unique index roles_name on roles (scope, name, coalesce(org_id, '00000000-0000-0000-0000-000000000000'::uuid))`);
  for (const role of BUILT_IN_ROLES) {
    await knex.raw(`insert into roles (id, org_id, scope, name, description, permissions) values (gen_random_uuid(), null, ?, ?, ?, ?)`, [
      role.scope,
      role.name,
      role.description,
      role.permissions,
    ]);
  }

  await knex.schema.createTable('grants', (t) => {
    t.uuid('id').primary();
    t.uuid('org_id').notNullable().references('organizations.id').onDelete('CASCADE');
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('project_id').notNullable().references('projects.id').onDelete('CASCADE');
    // Null: every environment of the project, those made later too.
    t.uuid('environment_id').references('environments.id').onDelete('CASCADE');
    // A role, or permissions of its own: exactly one of the two.
    t.uuid('role_id').references('roles.id').onDelete('RESTRICT');
    t.specificType('permissions', 'text[]');
    t.text('created_by').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['org_id', 'user_id']);
  });
  await knex.raw(`alter table grants add constraint grants_role_or_permissions check ((role_id is null) <> (permissions is null))`);
  await knex.raw(`create unique index grants_one_per_place on grants
    (user_id, project_id, coalesce(environment_id, '00000000-0000-0000-0000-000000000000'::uuid))`);

  await knex.schema.createTable('service_accounts', (t) => {
    t.uuid('id').primary();
    t.uuid('org_id').notNullable().references('organizations.id').onDelete('CASCADE');
    t.text('name').notNullable();
    t.text('description').notNullable().defaultTo('');
    t.text('created_by').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['org_id', 'name']);
  });

  await knex.schema.alterTable('api_tokens', (t) => {
    t.uuid('service_account_id').references('service_accounts.id').onDelete('CASCADE');
    // Null: an organisation-wide token (those issued before scopes existed, the bootstrap's admin token).
    t.uuid('project_id').references('projects.id').onDelete('CASCADE');
    // Empty: every environment of the project.
    t.specificType('environment_ids', 'uuid[]').notNullable().defaultTo('{}');
    t.timestamp('expires_at', { useTz: true });
    t.specificType('allowed_cidrs', 'text[]').notNullable().defaultTo('{}');
    t.text('last_used_ip');
    // A rotation's new token names the one it replaces, which lives on until the overlap ends.
    t.uuid('rotated_from');
    t.text('created_by').notNullable().defaultTo('');
  });
  await knex.raw(`update api_tokens set permissions = coalesce(
    (select array_agg(distinct q order by q) from unnest(permissions) p, unnest(${RENAMED}) q), '{}')`);

  await knex.schema.alterTable('memberships', (t) => {
    // May open break-glass access to an environment (an admin named for it).
    t.boolean('break_glass').notNullable().defaultTo(false);
  });
  await knex.schema.alterTable('environments', (t) => {
    // Changes become change requests that another member with `approve` must approve.
    t.boolean('protected').notNullable().defaultTo(false);
  });

  await knex.raw(`insert into grants (id, org_id, user_id, project_id, environment_id, role_id, permissions, created_by)
    select gen_random_uuid(), m.org_id, m.user_id, p.id, null, r.id, null, 'migration'
    from memberships m join projects p on p.org_id = m.org_id
    join roles r on r.org_id is null and r.scope = 'project' and r.name = 'developer'
    where m.role = 'member'`);

  for (const table of ['grants', 'service_accounts']) {
    await knex.raw(`alter table ${table} enable row level security`);
    await knex.raw(`alter table ${table} force row level security`);
    await knex.raw(`create policy tenant_isolation on ${table} using (org_id = app_org_id()) with check (org_id = app_org_id())`);
  }
  await knex.raw(`alter table roles enable row level security`);
  await knex.raw(`alter table roles force row level security`);
  // Everyone reads the built-in roles; nobody writes them through the application.
  await knex.raw(`create policy tenant_isolation on roles using (org_id is null or org_id = app_org_id()) with check (org_id = app_org_id())`);
  await knex.raw(`grant select, insert, update, delete on roles, grants, service_accounts to coffer_app`);
}

export async function down(knex: Knex): Promise<void> {
  const BACK = `case p when 'read' then array['secrets:read'] when 'reveal' then array['secrets:reveal'] when 'export' then array['secrets:export']
    when 'create' then array['secrets:write'] when 'update' then array['secrets:write'] when 'delete' then array['secrets:delete']
    when 'purge' then array['secrets:purge'] when 'approve' then array[]::text[] else array[p] end`;
  await knex.raw(`update api_tokens set permissions = coalesce(
    (select array_agg(distinct q order by q) from unnest(permissions) p, unnest(${BACK}) q), '{}')`);
  await knex.schema.alterTable('environments', (t) => t.dropColumn('protected'));
  await knex.schema.alterTable('memberships', (t) => t.dropColumn('break_glass'));
  await knex.schema.alterTable('api_tokens', (t) => {
    for (const column of ['service_account_id', 'project_id', 'environment_ids', 'expires_at', 'allowed_cidrs', 'last_used_ip', 'rotated_from', 'created_by']) {
      t.dropColumn(column);
    }
  });
  for (const table of ['grants', 'service_accounts', 'roles']) await knex.schema.dropTableIfExists(table);
}
