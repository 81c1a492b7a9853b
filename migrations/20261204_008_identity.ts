import type { Knex } from 'knex';

/**
 * People, their memberships, sessions and the one-time tickets of the identity flows.
 *
 * Users are global (one person, several organisations), so their rows are not bound by `app.org_id`
 * but by who is asking: `app.user_id` (the signed-in user), or one lookup key set for one
 * transaction, as `app.token_hash` already is for API tokens: the normalised email at login
 * (`app.email`), or the SHA-256 of a presented refresh token, link or code (`app.token_hash`). A
 * transaction with none of them set sees no identity row at all.
 *
 * Every credential is stored hashed (refresh tokens, links, codes, recovery codes) or sealed under
 * the Auth service's key (TOTP secrets, session signing keys); passwords as argon2id.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function app_user_id() returns uuid language sql stable as
    $$ select nullif(current_setting('app.user_id', true), '')::uuid $$`);
  await knex.raw(`
    create function app_token_hash() returns text language sql stable as
    $$ select nullif(current_setting('app.token_hash', true), '') $$`);
  await knex.raw(`
    create function app_email() returns text language sql stable as
    $$ select nullif(current_setting('app.email', true), '') $$`);

  await knex.schema.createTable('users', (t) => {
    t.uuid('id').primary();
    // Lowercased and NFC-normalised by the service: one account per mailbox, whatever the spelling.
    t.text('email').notNullable().unique();
    t.text('name').notNullable().defaultTo('');
    // Null for an account made through single sign-on only.
    t.text('password_hash');
    t.timestamp('email_verified_at', { useTz: true });
    t.text('totp_secret_sealed');
    t.timestamp('totp_enabled_at', { useTz: true });
    // The last TOTP time step accepted: a code of that step or an earlier one is a replay.
    t.bigInteger('totp_last_step');
    t.timestamp('password_changed_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('memberships', (t) => {
    t.uuid('org_id').notNullable().references('organizations.id').onDelete('CASCADE');
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('role').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['org_id', 'user_id']);
    t.index(['user_id']);
  });

  await knex.schema.alterTable('organizations', (t) => {
    // Members without two-factor authentication may then sign in only to enrol.
    t.boolean('require_2fa').notNullable().defaultTo(false);
  });

  await knex.schema.createTable('user_recovery_codes', (t) => {
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('code_hash').notNullable();
    t.timestamp('used_at', { useTz: true });
    t.primary(['user_id', 'code_hash']);
  });

  await knex.schema.createTable('sessions', (t) => {
    t.uuid('id').primary();
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    // 'password', 'sso:<provider>', 'device': how it began, shown in the session list.
    t.text('method').notNullable();
    // Whether the second factor was given; false for a session of a member who may only enrol.
    t.boolean('mfa').notNullable().defaultTo(false);
    t.text('client_name').notNullable().defaultTo('');
    t.text('ip').notNullable().defaultTo('');
    t.text('user_agent').notNullable().defaultTo('');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_used_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    // The absolute lifetime; the idle one is judged from last_used_at.
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('revoked_at', { useTz: true });
    t.text('revoked_reason');
    t.index(['user_id', 'created_at']);
  });

  // One row per refresh token ever issued: a session's tokens form its family, and presenting one
  // already used (rotated away) revokes the session, since only a copy can still be holding it.
  await knex.schema.createTable('refresh_tokens', (t) => {
    t.text('token_hash').primary();
    t.uuid('session_id').notNullable().references('sessions.id').onDelete('CASCADE');
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('used_at', { useTz: true });
    t.index(['session_id']);
  });

  // Single-use, expiring tickets: email verification and password reset links, the login challenge
  // between password and second factor. Only the SHA-256 of the ticket is kept.
  await knex.schema.createTable('auth_tickets', (t) => {
    t.text('token_hash').primary();
    t.text('purpose').notNullable();
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.jsonb('data').notNullable().defaultTo('{}');
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('used_at', { useTz: true });
    t.index(['user_id', 'purpose']);
  });

  await knex.schema.createTable('invitations', (t) => {
    t.uuid('id').primary();
    t.uuid('org_id').notNullable().references('organizations.id').onDelete('CASCADE');
    t.text('email').notNullable();
    t.text('role').notNullable();
    t.text('token_hash').notNullable().unique();
    t.text('invited_by').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('accepted_at', { useTz: true });
    t.uuid('accepted_by');
    t.timestamp('revoked_at', { useTz: true });
    t.index(['org_id', 'email']);
  });

  // Keys that sign session access tokens. Not tenant data; the private half only sealed under the
  // Auth service's key (COFFER_AUTH_KEY), the public half published at the JWKS endpoint.
  await knex.schema.createTable('session_signing_keys', (t) => {
    t.text('kid').primary();
    t.text('private_key_sealed').notNullable();
    t.jsonb('public_jwk').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    // Signs from then until signs_until; published (and trusted) until verifies_until.
    t.timestamp('signs_from', { useTz: true }).notNullable();
    t.timestamp('signs_until', { useTz: true }).notNullable();
    t.timestamp('verifies_until', { useTz: true }).notNullable();
  });

  // RFC 8628 device authorisations: the device code and the user code are kept as SHA-256 only.
  await knex.schema.createTable('device_authorizations', (t) => {
    t.uuid('id').primary();
    t.text('device_code_hash').notNullable().unique();
    t.text('user_code_hash').notNullable().unique();
    t.text('client_name').notNullable();
    t.text('requester_ip').notNullable().defaultTo('');
    t.text('requester_agent').notNullable().defaultTo('');
    // pending → approved | denied → (approved) consumed by the device's token request.
    t.text('status').notNullable().defaultTo('pending');
    t.integer('interval_seconds').notNullable();
    t.timestamp('last_polled_at', { useTz: true });
    t.uuid('user_id').references('users.id').onDelete('CASCADE');
    t.uuid('session_id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
  });

  // Single sign-on identities: (provider, subject) → user. Looked up by the SHA-256 of both.
  await knex.schema.createTable('user_identities', (t) => {
    t.text('identity_hash').primary();
    t.text('provider').notNullable();
    t.text('subject').notNullable();
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('email').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['provider', 'subject']);
  });

  const guard = async (table: string, using: string, check = using) => {
    await knex.raw(`alter table ${table} enable row level security`);
    await knex.raw(`alter table ${table} force row level security`);
    await knex.raw(`create policy identity_scope on ${table} using (${using}) with check (${check})`);
  };
  // A user sees themselves; a login finds one row by its email; an organisation sees its members.
  await guard(
    'users',
    `id = app_user_id() or email = app_email()
      or exists (select 1 from memberships m where m.user_id = users.id and m.org_id = app_org_id())`,
    `id = app_user_id()`,
  );
  await guard('memberships', `org_id = app_org_id() or user_id = app_user_id()`, `org_id = app_org_id()`);
  await guard('user_recovery_codes', `user_id = app_user_id()`);
  await guard('sessions', `user_id = app_user_id()`);
  await guard('refresh_tokens', `user_id = app_user_id() or token_hash = app_token_hash()`, `user_id = app_user_id()`);
  await guard('auth_tickets', `user_id = app_user_id() or token_hash = app_token_hash()`, `user_id = app_user_id()`);
  await guard('invitations', `org_id = app_org_id() or token_hash = app_token_hash()`, `org_id = app_org_id()`);
  await guard(
    'device_authorizations',
    `device_code_hash = app_token_hash() or user_code_hash = app_token_hash() or user_id = app_user_id()`,
    `device_code_hash = app_token_hash() or user_code_hash = app_token_hash()`,
  );
  await guard('user_identities', `identity_hash = app_token_hash() or user_id = app_user_id()`, `user_id = app_user_id()`);
  // A user also sees the organisations they belong to (their list of organisations).
  await knex.raw(`drop policy tenant_isolation on organizations`);
  await knex.raw(`create policy tenant_isolation on organizations
    using (id = app_org_id() or exists (select 1 from memberships m where m.org_id = organizations.id and m.user_id = app_user_id()))
    with check (id = app_org_id())`);

  await knex.raw(`grant select, insert, update, delete on users, memberships, user_recovery_codes, sessions, refresh_tokens,
    auth_tickets, invitations, device_authorizations, user_identities to coffer_app`);
  await knex.raw(`grant select, insert, update on session_signing_keys to coffer_app`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`drop policy tenant_isolation on organizations`);
  await knex.raw(`create policy tenant_isolation on organizations using (id = app_org_id()) with check (id = app_org_id())`);
  for (const table of [
    'user_identities',
    'device_authorizations',
    'session_signing_keys',
    'invitations',
    'auth_tickets',
    'refresh_tokens',
    'sessions',
    'user_recovery_codes',
    'memberships',
    'users',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
  await knex.schema.alterTable('organizations', (t) => t.dropColumn('require_2fa'));
  await knex.raw(`drop function app_email()`);
  await knex.raw(`drop function app_token_hash()`);
  await knex.raw(`drop function app_user_id()`);
}
