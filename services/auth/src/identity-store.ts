import type { Knex } from '@coffer/db';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  email_verified_at: Date | null;
  totp_secret_sealed: string | null;
  totp_enabled_at: Date | null;
  totp_last_step: string | null;
  password_changed_at: Date | null;
  created_at: Date;
}

export interface SessionRow {
  id: string;
  user_id: string;
  method: string;
  mfa: boolean;
  client_name: string;
  ip: string;
  user_agent: string;
  created_at: Date;
  last_used_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  revoked_reason: string | null;
}

export interface RefreshTokenRow {
  token_hash: string;
  session_id: string;
  user_id: string;
  created_at: Date;
  used_at: Date | null;
}

export type TicketPurpose = 'verify-email' | 'reset-password' | 'login-challenge';

export interface TicketRow {
  token_hash: string;
  purpose: TicketPurpose;
  user_id: string;
  data: Record<string, unknown>;
  attempts: number;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
}

export interface InvitationRow {
  id: string;
  org_id: string;
  email: string;
  role: string;
  token_hash: string;
  invited_by: string;
  created_at: Date;
  expires_at: Date;
  accepted_at: Date | null;
  accepted_by: string | null;
  revoked_at: Date | null;
}

/** An organisation as its members see it (auth-store.ts has the hierarchy's own row types). */
export interface MemberOrgRow {
  id: string;
  slug: string;
  name: string;
  created_at: Date;
  require_2fa: boolean;
}

export interface MembershipWithOrg {
  org: MemberOrgRow;
  role: string;
}

/**
 * SQL for people, memberships, sessions and one-time tickets. Callers pass a transaction scoped by
 * `withScope` with the user, the email or the token hash that lets the rows be seen (migration 008).
 */
export function createIdentityStore() {
  return {
    async insertUser(trx: Knex.Transaction, row: Pick<UserRow, 'id' | 'email' | 'name' | 'password_hash'> & Partial<UserRow>): Promise<UserRow> {
      const [inserted] = await trx<UserRow>('users').insert(row).returning('*');
      return inserted as UserRow;
    },

    async findUserByEmail(trx: Knex.Transaction, email: string): Promise<UserRow | undefined> {
      return trx<UserRow>('users').where({ email }).first('*');
    },

    async findUser(trx: Knex.Transaction, id: string): Promise<UserRow | undefined> {
      return trx<UserRow>('users').where({ id }).first('*');
    },

    async updateUser(trx: Knex.Transaction, id: string, patch: Partial<Omit<UserRow, 'id' | 'created_at'>>): Promise<void> {
      await trx<UserRow>('users').where({ id }).update(patch);
    },

    /** Sets the last accepted TOTP step only forward: of two requests with one code, one wins. */
    async advanceTotpStep(trx: Knex.Transaction, id: string, step: number): Promise<boolean> {
      const updated = await trx<UserRow>('users')
        .where({ id })
        .andWhere((q) => q.whereNull('totp_last_step').orWhere('totp_last_step', '<', step))
        .update({ totp_last_step: String(step) });
      return updated === 1;
    },

    async replaceRecoveryCodes(trx: Knex.Transaction, userId: string, codeHashes: readonly string[]): Promise<void> {
      await trx('user_recovery_codes').where({ user_id: userId }).delete();
      if (codeHashes.length > 0) await trx('user_recovery_codes').insert(codeHashes.map((code_hash) => ({ user_id: userId, code_hash })));
    },

    /** Uses a recovery code once: false when it is not one of the user's or was used. */
    async useRecoveryCode(trx: Knex.Transaction, userId: string, codeHash: string): Promise<boolean> {
      const updated = await trx('user_recovery_codes').where({ user_id: userId, code_hash: codeHash }).whereNull('used_at').update({ used_at: trx.fn.now() });
      return updated === 1;
    },

    async countUnusedRecoveryCodes(trx: Knex.Transaction, userId: string): Promise<number> {
      const row = await trx('user_recovery_codes').where({ user_id: userId }).whereNull('used_at').count<{ n: string }[]>('* as n').first();
      return Number(row?.n ?? 0);
    },

    async markSessionSecondFactor(trx: Knex.Transaction, sessionId: string): Promise<void> {
      await trx<SessionRow>('sessions').where({ id: sessionId }).update({ mfa: true });
    },

    async findIdentity(trx: Knex.Transaction, identityHash: string): Promise<{ user_id: string } | undefined> {
      return trx('user_identities').where({ identity_hash: identityHash }).first('user_id');
    },

    async insertIdentity(
      trx: Knex.Transaction,
      row: { identity_hash: string; provider: string; subject: string; user_id: string; email: string },
    ): Promise<void> {
      await trx('user_identities').insert(row);
    },

    async insertMembership(trx: Knex.Transaction, row: { org_id: string; user_id: string; role: string }): Promise<void> {
      await trx('memberships').insert(row);
    },

    async findMembership(trx: Knex.Transaction, orgId: string, userId: string): Promise<{ role: string } | undefined> {
      return trx('memberships').where({ org_id: orgId, user_id: userId }).first('role');
    },

    async listMemberships(trx: Knex.Transaction, userId: string): Promise<MembershipWithOrg[]> {
      const rows = await trx('memberships as m')
        .join('organizations as o', 'o.id', 'm.org_id')
        .where('m.user_id', userId)
        .orderBy('o.slug')
        .select('o.id', 'o.slug', 'o.name', 'o.created_at', 'o.require_2fa', 'm.role');
      return rows.map(({ role, ...org }) => ({ org, role }));
    },

    async findMembershipBySlug(trx: Knex.Transaction, userId: string, slug: string): Promise<MembershipWithOrg | undefined> {
      const row = await trx('memberships as m')
        .join('organizations as o', 'o.id', 'm.org_id')
        .where({ 'm.user_id': userId, 'o.slug': slug })
        .first('o.id', 'o.slug', 'o.name', 'o.created_at', 'o.require_2fa', 'm.role');
      if (!row) return undefined;
      const { role, ...org } = row;
      return { org, role };
    },

    async insertSession(trx: Knex.Transaction, row: Omit<SessionRow, 'created_at' | 'last_used_at' | 'revoked_at' | 'revoked_reason'>): Promise<SessionRow> {
      const [inserted] = await trx<SessionRow>('sessions').insert(row).returning('*');
      return inserted as SessionRow;
    },

    async findSession(trx: Knex.Transaction, id: string): Promise<SessionRow | undefined> {
      return trx<SessionRow>('sessions').where({ id }).first('*');
    },

    async touchSession(trx: Knex.Transaction, id: string): Promise<void> {
      await trx<SessionRow>('sessions')
        .where({ id })
        .update({ last_used_at: trx.fn.now() as unknown as Date });
    },

    async revokeSession(trx: Knex.Transaction, id: string, reason: string): Promise<SessionRow | undefined> {
      const [revoked] = await trx<SessionRow>('sessions')
        .where({ id })
        .whereNull('revoked_at')
        .update({ revoked_at: trx.fn.now() as unknown as Date, revoked_reason: reason })
        .returning('*');
      return revoked;
    },

    async revokeUserSessions(trx: Knex.Transaction, userId: string, reason: string): Promise<string[]> {
      const rows = await trx<SessionRow>('sessions')
        .where({ user_id: userId })
        .whereNull('revoked_at')
        .update({ revoked_at: trx.fn.now() as unknown as Date, revoked_reason: reason })
        .returning('id');
      return rows.map((row) => row.id);
    },

    /** Sessions still alive: not revoked, within their absolute lifetime and their idle one. */
    async listActiveSessions(trx: Knex.Transaction, userId: string, idleMs: number): Promise<SessionRow[]> {
      return trx<SessionRow>('sessions')
        .where({ user_id: userId })
        .whereNull('revoked_at')
        .where('expires_at', '>', trx.fn.now())
        .whereRaw(`last_used_at > now() - make_interval(secs => ?)`, [idleMs / 1000])
        .orderBy('created_at', 'desc')
        .select('*');
    },

    async insertRefreshToken(trx: Knex.Transaction, row: { token_hash: string; session_id: string; user_id: string }): Promise<void> {
      await trx('refresh_tokens').insert(row);
    },

    async findRefreshToken(trx: Knex.Transaction, tokenHash: string): Promise<RefreshTokenRow | undefined> {
      return trx<RefreshTokenRow>('refresh_tokens').where({ token_hash: tokenHash }).first('*');
    },

    /** Marks a refresh token used; false when it already was (by a concurrent request or a thief). */
    async useRefreshToken(trx: Knex.Transaction, tokenHash: string): Promise<boolean> {
      const updated = await trx<RefreshTokenRow>('refresh_tokens')
        .where({ token_hash: tokenHash })
        .whereNull('used_at')
        .update({ used_at: trx.fn.now() as unknown as Date });
      return updated === 1;
    },

    async insertTicket(
      trx: Knex.Transaction,
      row: Pick<TicketRow, 'token_hash' | 'purpose' | 'user_id' | 'expires_at'> & { data?: Record<string, unknown> },
    ): Promise<void> {
      await trx('auth_tickets').insert({ ...row, data: JSON.stringify(row.data ?? {}) });
    },

    async findTicket(trx: Knex.Transaction, tokenHash: string, purpose: TicketPurpose): Promise<TicketRow | undefined> {
      return trx<TicketRow>('auth_tickets').where({ token_hash: tokenHash, purpose }).first('*');
    },

    /** Uses a ticket once: false when it was used already or has expired. */
    async useTicket(trx: Knex.Transaction, tokenHash: string): Promise<boolean> {
      const updated = await trx<TicketRow>('auth_tickets')
        .where({ token_hash: tokenHash })
        .whereNull('used_at')
        .where('expires_at', '>', trx.fn.now())
        .update({ used_at: trx.fn.now() as unknown as Date });
      return updated === 1;
    },

    /** A user's unused tickets of a purpose end when a newer one is sent: only the latest link works. */
    async retireTickets(trx: Knex.Transaction, userId: string, purpose: TicketPurpose): Promise<void> {
      await trx<TicketRow>('auth_tickets')
        .where({ user_id: userId, purpose })
        .whereNull('used_at')
        .update({ used_at: trx.fn.now() as unknown as Date });
    },

    async countTicketAttempt(trx: Knex.Transaction, tokenHash: string): Promise<number> {
      const [row] = await trx<TicketRow>('auth_tickets').where({ token_hash: tokenHash }).increment('attempts', 1).returning('attempts');
      return (row as { attempts: number } | undefined)?.attempts ?? 0;
    },

    async insertInvitation(
      trx: Knex.Transaction,
      row: Omit<InvitationRow, 'created_at' | 'accepted_at' | 'accepted_by' | 'revoked_at'>,
    ): Promise<InvitationRow> {
      const [inserted] = await trx<InvitationRow>('invitations').insert(row).returning('*');
      return inserted as InvitationRow;
    },

    async findInvitation(trx: Knex.Transaction, tokenHash: string): Promise<InvitationRow | undefined> {
      return trx<InvitationRow>('invitations').where({ token_hash: tokenHash }).first('*');
    },

    async acceptInvitation(trx: Knex.Transaction, id: string, userId: string): Promise<boolean> {
      const updated = await trx<InvitationRow>('invitations')
        .where({ id })
        .whereNull('accepted_at')
        .whereNull('revoked_at')
        .where('expires_at', '>', trx.fn.now())
        .update({ accepted_at: trx.fn.now() as unknown as Date, accepted_by: userId });
      return updated === 1;
    },

    async findOrganization(trx: Knex.Transaction, id: string): Promise<MemberOrgRow | undefined> {
      return trx('organizations').where({ id }).first('*');
    },

    /** The organisations whose audit trail shows what happens to this person's account. */
    async listMembershipOrgIds(trx: Knex.Transaction, userId: string): Promise<string[]> {
      const rows = await trx('memberships').where({ user_id: userId }).orderBy('org_id').select<{ org_id: string }[]>('org_id');
      return rows.map((row) => row.org_id);
    },
  };
}

export type IdentityStore = ReturnType<typeof createIdentityStore>;
