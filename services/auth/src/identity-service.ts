import { randomUUID } from 'node:crypto';
import { isUniqueViolation, setTenant, setUser, withScope, type Knex } from '@coffer/db';
import { CofferError, fieldError, isCofferError, SLUG_PATTERN, type OrgRole } from '@coffer/contract';
import { USER_ACTOR, type Principal, type PrincipalClaims } from '@coffer/grpc';
import type { Logger } from '@coffer/telemetry';
import type { BruteForceGuard } from './brute-force.js';
import { auditFailedAttempt, auditSignIn, guardedAttempt, type IdentityAudit } from './identity-audit.js';
import type { ClientInfo } from './client-info.js';
import type { AccessStore } from './access-store.js';
import type { BreakGlassService } from './break-glass-service.js';
import type { IdentityStore, InvitationRow, SessionRow, UserRow } from './identity-store.js';
import { accountExistsMail, invitationMail, passwordChangedMail, passwordResetMail, verificationMail } from './mail-messages.js';
import type { Mailer, OutgoingMail } from './mailer.js';
import type { PasswordPolicy } from './password-policy.js';
import type { PasswordHasher } from './passwords.js';
import type { SessionKeys } from './session-keys.js';
import { generateRefreshToken, generateTicket, hashToken, isWellFormedRefreshToken, TICKET_PATTERN } from './tokens.js';
import { createTwoFactor, type TwoFactor } from './two-factor.js';

export interface IdentityLifetimes {
  accessMs: number;
  /** A session not refreshed for this long ends. */
  idleMs: number;
  /** A session ends this long after it began, however it is used. */
  absoluteMs: number;
  verifyEmailMs: number;
  resetPasswordMs: number;
  invitationMs: number;
  /** Between a correct password and the second factor. */
  challengeMs: number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export const DEFAULT_LIFETIMES: IdentityLifetimes = {
  accessMs: 15 * MINUTE,
  idleMs: 7 * DAY,
  absoluteMs: 30 * DAY,
  verifyEmailMs: DAY,
  resetPasswordMs: 30 * MINUTE,
  invitationMs: 7 * DAY,
  challengeMs: 5 * MINUTE,
};

/** Wrong answers to one login challenge before it is burnt (a new login starts over, and is itself limited). */
const MAX_CHALLENGE_ATTEMPTS = 5;

export const SIGNUP_MESSAGE = 'check your inbox: a message on its way tells you how to continue';
export const FORGOT_PASSWORD_MESSAGE = 'if an account uses this address, a message on its way tells you how to reset its password';

export type { ClientInfo };

export interface User {
  id: string;
  email: string;
  name: string;
  emailVerified: boolean;
  twoFactorEnabled: boolean;
  createdAt: string;
}

export interface SessionTokens {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
  sessionId: string;
}

export interface IdentityServiceDeps {
  knex: Knex;
  store: IdentityStore;
  /** What a member holds: the role's permissions, the grants on projects. */
  access: AccessStore;
  /** What a member's open break-glass accesses add. */
  breakGlass: Pick<BreakGlassService, 'grantsOf'>;
  hasher: PasswordHasher;
  policy: PasswordPolicy;
  mailer: Mailer;
  sessionKeys: SessionKeys;
  /** Seals TOTP secrets (COFFER_AUTH_KEY). */
  authKey: Buffer;
  /** Where people reach the platform: the base of every link in a message. */
  publicUrl: string;
  lifetimes?: Partial<IdentityLifetimes>;
  /** Tells every gateway to drop what it cached for a session; never rejects. */
  onTokenRevoked(id: string): Promise<void>;
  /** Counts failed proofs per account and address: slows them down, then locks (brute-force.ts). */
  guard: BruteForceGuard;
  /** Failures and lockouts, in the trails of the account's organisations. */
  audit: IdentityAudit;
  logger: Logger;
}

const iso = (date: Date) => new Date(date).toISOString();

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    emailVerified: row.email_verified_at !== null,
    twoFactorEnabled: row.totp_enabled_at !== null,
    createdAt: iso(row.created_at),
  };
}

export function toSession(row: SessionRow, currentId: string) {
  return {
    id: row.id,
    method: row.method,
    clientName: row.client_name,
    ip: row.ip,
    userAgent: row.user_agent,
    createdAt: iso(row.created_at),
    lastUsedAt: iso(row.last_used_at),
    expiresAt: iso(row.expires_at),
    current: row.id === currentId,
    secondFactor: row.mfa,
  };
}

const invalidCredentials = () => new CofferError('UNAUTHENTICATED', 'invalid email or password');
const invalidToken = () => new CofferError('UNAUTHENTICATED', 'invalid or revoked token');
const invalidRefreshToken = () => new CofferError('UNAUTHENTICATED', 'invalid, used or expired refresh token');
const invalidSecondFactor = () => new CofferError('UNAUTHENTICATED', 'invalid or expired challenge, or wrong code');
const invalidLink = (what: string) => fieldError(undefined, 'token', `the ${what} is invalid, used or expired`);

/** Only for a signed-in person: an API token has no account, sessions or second factor. */
export function requireUser(principal: Principal): string {
  if (principal.actorType !== USER_ACTOR || !principal.userId) {
    throw new CofferError('FAILED_PRECONDITION', 'only a signed-in user has an account; this is an API token');
  }
  return principal.userId;
}

/**
 * People and their sessions: sign-up, email verification, login (password, then a second factor
 * when enrolled), refresh with rotation and reuse detection, logout, password reset, invitations.
 * Every answer that could tell whether an email has an account is the same either way.
 */
export function createIdentityService(deps: IdentityServiceDeps) {
  const { knex, store, access, breakGlass, hasher, policy, mailer, sessionKeys, logger, onTokenRevoked, guard, audit } = deps;
  const lifetimes: IdentityLifetimes = { ...DEFAULT_LIFETIMES, ...deps.lifetimes };
  const twoFactor: TwoFactor = createTwoFactor({ knex, store, authKey: deps.authKey, guard, audit });
  const link = (path: string, token: string) => `${deps.publicUrl.replace(/\/+$/, '')}${path}?token=${token}`;
  const minutes = (ms: number) => Math.round(ms / MINUTE);
  const inFuture = (ms: number) => new Date(Date.now() + ms);

  /** After the answer is decided: a slow or failing mail server neither delays nor changes it (it would tell who has an account). */
  function sendLater(mail: OutgoingMail): void {
    mailer.send(mail).catch(() => logger.warn({ subject: mail.subject }, 'a message could not be sent'));
  }

  async function newTicket(
    trx: Knex.Transaction,
    userId: string,
    purpose: 'verify-email' | 'reset-password' | 'login-challenge',
    ttlMs: number,
    data: Record<string, unknown> = {},
  ) {
    const ticket = generateTicket();
    await store.retireTickets(trx, userId, purpose);
    await store.insertTicket(trx, { token_hash: hashToken(ticket), purpose, user_id: userId, expires_at: inFuture(ttlMs), data });
    return ticket;
  }

  async function revokeSessions(ids: string[]): Promise<void> {
    for (const id of ids) await onTokenRevoked(id);
  }

  async function openSession(user: UserRow, method: string, secondFactor: boolean, client: ClientInfo): Promise<SessionTokens> {
    const sessionId = randomUUID();
    const refreshToken = generateRefreshToken();
    await withScope(knex, { userId: user.id }, async (trx) => {
      await store.insertSession(trx, {
        id: sessionId,
        user_id: user.id,
        method,
        mfa: secondFactor,
        client_name: '',
        ip: client.ip.slice(0, 64),
        user_agent: client.userAgent.slice(0, 512),
        expires_at: inFuture(lifetimes.absoluteMs),
      });
      await store.insertRefreshToken(trx, { token_hash: hashToken(refreshToken), session_id: sessionId, user_id: user.id });
    });
    auditSignIn(audit, { userId: user.id, sessionId, method, ip: client.ip, userAgent: client.userAgent });
    return tokensFor(user.id, sessionId, refreshToken);
  }

  async function tokensFor(userId: string, sessionId: string, refreshToken: string): Promise<SessionTokens> {
    const access = await sessionKeys.signAccessToken({ userId, sessionId });
    return { accessToken: access.token, tokenType: 'Bearer', expiresIn: Math.floor(lifetimes.accessMs / 1000), refreshToken, sessionId };
  }

  function isAlive(session: SessionRow, now = Date.now()): boolean {
    return session.revoked_at === null && new Date(session.expires_at).getTime() > now && new Date(session.last_used_at).getTime() + lifetimes.idleMs > now;
  }

  /** The first factor passed: a session, or a challenge for the second factor when one is on. */
  async function signIn(user: UserRow, method: string, client: ClientInfo) {
    if (user.totp_enabled_at) {
      // The challenge remembers how the first factor was passed: the session it opens says so.
      const challenge = await withScope(knex, { userId: user.id }, (trx) => newTicket(trx, user.id, 'login-challenge', lifetimes.challengeMs, { method }));
      return { secondFactorRequired: true, challenge };
    }
    return { secondFactorRequired: false, tokens: await openSession(user, method, false, client) };
  }

  async function hashPassword(password: string, email: string): Promise<string> {
    await policy.check(password, { email });
    return hasher.hash(password);
  }

  /** The reset message, unless the account or the address asked too often (mail bombing): then nothing is sent. */
  async function prepareReset(email: string, client: ClientInfo | undefined): Promise<OutgoingMail | undefined> {
    const attempt = await guard.begin('forgot-password', { account: email, address: client?.ip });
    // Every request counts: the one that reaches a limit sets the lock.
    const locks = await attempt.failed();
    const prepared = await withScope(knex, { email }, async (trx) => {
      const user = await store.findUserByEmail(trx, email);
      if (!user || attempt.locked) return { user, ticket: undefined };
      await setUser(trx, user.id);
      return { user, ticket: await newTicket(trx, user.id, 'reset-password', lifetimes.resetPasswordMs) };
    });
    const base = { userId: prepared.user?.id, email, ip: client?.ip ?? '', userAgent: client?.userAgent ?? '', requestId: randomUUID() };
    for (const scope of locks)
      audit.record({ ...base, action: `auth.forgot-password.${scope === 'account' ? 'lockout' : 'address-lockout'}`, outcome: 'denied' });
    if (!prepared.user || !prepared.ticket) return undefined;
    return passwordResetMail({ to: prepared.user.email, link: link('/reset-password', prepared.ticket), expiresInMinutes: minutes(lifetimes.resetPasswordMs) });
  }

  return {
    lifetimes,

    /** Who signs access tokens (`iss`): where people reach the platform. */
    issuer: deps.publicUrl,

    /** The public keys of session access tokens, as a JWK Set. */
    jwks: () => sessionKeys.jwks(),

    /** Hashes and checks a first owner's password for bootstrap, which makes the account in its own transaction. */
    ownerPasswordHash: hashPassword,

    async signup(input: { email: string; password: string; name: string }): Promise<{ message: string }> {
      const id = randomUUID();
      // Both paths hash: an address with an account answers as slowly as a new one.
      const passwordHash = await hashPassword(input.password, input.email);
      const mail = await withScope(knex, { email: input.email, userId: id }, async (trx) => {
        const existing = await store.findUserByEmail(trx, input.email);
        if (existing) {
          await setUser(trx, existing.id);
          const ticket = await newTicket(trx, existing.id, 'reset-password', lifetimes.resetPasswordMs);
          return accountExistsMail({ to: existing.email, resetLink: link('/reset-password', ticket), expiresInMinutes: minutes(lifetimes.resetPasswordMs) });
        }
        await store.insertUser(trx, { id, email: input.email, name: input.name, password_hash: passwordHash, password_changed_at: new Date() });
        const ticket = await newTicket(trx, id, 'verify-email', lifetimes.verifyEmailMs);
        return verificationMail({ to: input.email, link: link('/verify-email', ticket), expiresInMinutes: minutes(lifetimes.verifyEmailMs) });
      }).catch((err: unknown) => {
        // Two sign-ups for one address at once: the second answers as the first did.
        if (isUniqueViolation(err)) return undefined;
        throw err;
      });
      if (mail) sendLater(mail);
      return { message: SIGNUP_MESSAGE };
    },

    async verifyEmail(token: string): Promise<boolean> {
      if (!TICKET_PATTERN.test(token)) throw invalidLink('link');
      const tokenHash = hashToken(token);
      return withScope(knex, { tokenHash }, async (trx) => {
        const ticket = await store.findTicket(trx, tokenHash, 'verify-email');
        if (!ticket) throw invalidLink('link');
        await setUser(trx, ticket.user_id);
        if (!(await store.useTicket(trx, tokenHash))) throw invalidLink('link');
        await store.updateUser(trx, ticket.user_id, { email_verified_at: new Date() });
        return true;
      });
    },

    /**
     * The same answer, after the same work (one lookup, one argon2id verification), for an unknown
     * email, a wrong password, an account without a password (single sign-on only) and a locked
     * account or address, which refuses the right password too. Counted per email and per address
     * (brute-force.ts), unknown emails alike: the slow-down and the lock tell nothing of an account.
     */
    async login(input: { email: string; password: string; client: ClientInfo }) {
      const attempt = await guard.begin('login', { account: input.email, address: input.client.ip });
      await attempt.wait();
      const user = await withScope(knex, { email: input.email }, (trx) => store.findUserByEmail(trx, input.email));
      const matches = await hasher.verify(user?.password_hash ?? undefined, input.password);
      if (!user || !matches || attempt.locked) {
        await auditFailedAttempt(attempt, audit, { kind: 'login', userId: user?.id, email: input.email, client: input.client });
        throw invalidCredentials();
      }
      await attempt.succeeded();
      return signIn(user, 'password', input.client);
    },

    /**
     * Single sign-on, once the gateway has validated the provider's ID token. A known identity signs
     * its person in; a new one is linked to the account of the same address only when the provider
     * verified it, or makes the account. Linking to an account whose address was never verified here
     * drops its password and ends its sessions: whoever chose that password never proved the mailbox
     * (the account pre-hijacking attack). A second factor still applies.
     */
    async signInWithIdentity(input: { provider: string; subject: string; email: string; emailVerified: boolean; name: string; client: ClientInfo }) {
      const identityHash = hashToken(`${input.provider}\n${input.subject}`);
      const { user, ended } = await withScope(knex, { tokenHash: identityHash, email: input.email }, async (trx) => {
        const identity = await store.findIdentity(trx, identityHash);
        if (identity) {
          await setUser(trx, identity.user_id);
          return { user: await store.findUser(trx, identity.user_id), ended: [] };
        }
        if (!input.emailVerified) {
          throw new CofferError('PERMISSION_DENIED', 'the identity provider has not verified this email address; an account is linked only by a verified one');
        }
        let found = await store.findUserByEmail(trx, input.email);
        let revoked: string[] = [];
        if (found) {
          await setUser(trx, found.id);
          if (!found.email_verified_at) {
            await store.updateUser(trx, found.id, { email_verified_at: new Date(), password_hash: null });
            revoked = await store.revokeUserSessions(trx, found.id, 'linked to single sign-on');
            found = { ...found, password_hash: null };
          }
        } else {
          const id = randomUUID();
          await setUser(trx, id);
          found = await store.insertUser(trx, { id, email: input.email, name: input.name, password_hash: null, email_verified_at: new Date() });
        }
        await store.insertIdentity(trx, {
          identity_hash: identityHash,
          provider: input.provider,
          subject: input.subject,
          user_id: found.id,
          email: input.email,
        });
        return { user: found, ended: revoked };
      });
      await revokeSessions(ended);
      if (!user) throw invalidCredentials();
      return signIn(user, `sso:${input.provider}`, input.client);
    },

    async loginSecondFactor(input: { challenge: string; code: string; recoveryCode: string; client: ClientInfo }) {
      if (!input.code && !input.recoveryCode) throw fieldError(undefined, 'code', 'a code from your authenticator app, or recoveryCode, is required');
      if (!TICKET_PATTERN.test(input.challenge)) throw invalidSecondFactor();
      const tokenHash = hashToken(input.challenge);
      // Counted in a transaction of its own: a wrong code must still count when its own transaction fails.
      const attempts = await withScope(knex, { tokenHash }, async (trx) => {
        const ticket = await store.findTicket(trx, tokenHash, 'login-challenge');
        if (!ticket || ticket.used_at || new Date(ticket.expires_at).getTime() <= Date.now()) return undefined;
        await setUser(trx, ticket.user_id);
        const method = typeof ticket.data.method === 'string' ? ticket.data.method : 'password';
        return { userId: ticket.user_id, method, count: await store.countTicketAttempt(trx, tokenHash) };
      });
      if (!attempts) {
        // Only the address is known: a guessed challenge names no account.
        const attempt = await guard.begin('second-factor', { address: input.client.ip });
        await attempt.wait();
        await auditFailedAttempt(attempt, audit, { kind: 'second-factor', userId: undefined, client: input.client });
        throw invalidSecondFactor();
      }
      const { userId } = attempts;
      const failureAction = input.code ? 'auth.second-factor.failure' : 'auth.recovery-code.failure';
      const user = await guardedAttempt(
        { guard, audit },
        { kind: 'second-factor', userId, client: input.client, failureAction },
        async () => {
          if (attempts.count > MAX_CHALLENGE_ATTEMPTS) {
            await withScope(knex, { tokenHash, userId }, (trx) => store.useTicket(trx, tokenHash));
            return undefined;
          }
          return withScope(knex, { tokenHash, userId }, async (trx) => {
            const found = await store.findUser(trx, userId);
            if (!found?.totp_enabled_at) throw invalidSecondFactor();
            const passed = input.code ? await twoFactor.useCode(trx, found, input.code) : await twoFactor.useRecoveryCode(trx, found.id, input.recoveryCode);
            if (!passed || !(await store.useTicket(trx, tokenHash))) throw invalidSecondFactor();
            return found;
          }).catch((err: unknown) => {
            // Refused inside the transaction, so that nothing it did stays: a wrong proof.
            if (isCofferError(err) && err.code === 'UNAUTHENTICATED') return undefined;
            throw err;
          });
        },
        invalidSecondFactor,
      );
      return { secondFactorRequired: false, tokens: await openSession(user, attempts.method, true, input.client) };
    },

    /**
     * A new access token and a new refresh token for a refresh token used once. A refresh token
     * presented a second time can only be a copy (the client got a new one the first time): the whole
     * session ends, for whoever holds any of its tokens.
     */
    async refresh(refreshToken: string): Promise<SessionTokens> {
      if (!isWellFormedRefreshToken(refreshToken)) throw invalidRefreshToken();
      const tokenHash = hashToken(refreshToken);
      const outcome = await withScope(knex, { tokenHash }, async (trx) => {
        const row = await store.findRefreshToken(trx, tokenHash);
        if (!row) return { kind: 'refused' as const };
        await setUser(trx, row.user_id);
        const session = await store.findSession(trx, row.session_id);
        if (!session || !isAlive(session)) return { kind: 'refused' as const };
        if (row.used_at || !(await store.useRefreshToken(trx, tokenHash))) {
          await store.revokeSession(trx, session.id, 'refresh token reused');
          return { kind: 'reused' as const, sessionId: session.id };
        }
        const next = generateRefreshToken();
        await store.insertRefreshToken(trx, { token_hash: hashToken(next), session_id: session.id, user_id: row.user_id });
        await store.touchSession(trx, session.id);
        return { kind: 'rotated' as const, userId: row.user_id, sessionId: session.id, next };
      });
      if (outcome.kind === 'reused') {
        logger.warn({ sessionId: outcome.sessionId }, 'a used refresh token was presented again; the session is revoked');
        await onTokenRevoked(outcome.sessionId);
      }
      if (outcome.kind !== 'rotated') throw invalidRefreshToken();
      return tokensFor(outcome.userId, outcome.sessionId, outcome.next);
    },

    /** Ends the caller's session, or the session of a refresh token. */
    async logout(input: { principal?: Principal; refreshToken: string }): Promise<boolean> {
      let target: { userId: string; sessionId: string } | undefined;
      if (input.principal?.actorType === USER_ACTOR && input.principal.userId) {
        target = { userId: input.principal.userId, sessionId: input.principal.tokenId };
      } else if (input.refreshToken) {
        if (!isWellFormedRefreshToken(input.refreshToken)) throw invalidRefreshToken();
        const tokenHash = hashToken(input.refreshToken);
        const row = await withScope(knex, { tokenHash }, (trx) => store.findRefreshToken(trx, tokenHash));
        if (!row) throw invalidRefreshToken();
        target = { userId: row.user_id, sessionId: row.session_id };
      } else {
        throw new CofferError('UNAUTHENTICATED', 'a session access token or a refreshToken is required');
      }
      const { userId, sessionId } = target;
      await withScope(knex, { userId }, (trx) => store.revokeSession(trx, sessionId, 'logout'));
      await onTokenRevoked(sessionId);
      return true;
    },

    /**
     * Answered before anything is looked up: the work for an address with an account (a ticket, a
     * message) would otherwise take measurably longer than for one without, and tell them apart.
     */
    async forgotPassword(email: string, client?: ClientInfo): Promise<{ message: string }> {
      prepareReset(email, client).then(
        (mail) => mail && sendLater(mail),
        (err: unknown) => logger.warn({ err }, 'a password reset could not be prepared'),
      );
      return { message: FORGOT_PASSWORD_MESSAGE };
    },

    /**
     * A new password from a reset link; every session of the account ends (whoever reset it may be
     * ending a thief's). Wrong links count against the client's address (brute-force.ts).
     */
    async resetPassword(input: { token: string; password: string; client?: ClientInfo }): Promise<boolean> {
      const attempt = await guard.begin('password-reset', { address: input.client?.ip });
      await attempt.wait();
      const tokenHash = TICKET_PATTERN.test(input.token) ? hashToken(input.token) : undefined;
      const found = tokenHash
        ? await withScope(knex, { tokenHash }, async (trx) => {
            const ticket = await store.findTicket(trx, tokenHash, 'reset-password');
            if (!ticket) return undefined;
            await setUser(trx, ticket.user_id);
            const usable = !ticket.used_at && new Date(ticket.expires_at).getTime() > Date.now();
            return { userId: ticket.user_id, user: usable ? await store.findUser(trx, ticket.user_id) : undefined };
          })
        : undefined;
      const user = found?.user;
      if (!tokenHash || !user || attempt.locked) {
        await auditFailedAttempt(attempt, audit, { kind: 'password-reset', userId: found?.userId, client: input.client });
        throw invalidLink('link');
      }
      await attempt.succeeded();
      // Checked before the link is used: a refused password leaves the link working.
      const passwordHash = await hashPassword(input.password, user.email);
      const revoked = await withScope(knex, { tokenHash, userId: user.id }, async (trx) => {
        if (!(await store.useTicket(trx, tokenHash))) throw invalidLink('link');
        await store.updateUser(trx, user.id, {
          password_hash: passwordHash,
          password_changed_at: new Date(),
          // The link reached the mailbox: it is the owner's.
          email_verified_at: user.email_verified_at ?? new Date(),
        });
        return store.revokeUserSessions(trx, user.id, 'password reset');
      });
      await revokeSessions(revoked);
      sendLater(passwordChangedMail({ to: user.email }));
      return true;
    },

    /**
     * Who holds an access token, in an organisation (a member's role decides the permissions) or
     * outside any (`/me`, creating an organisation). Revoked or expired sessions are refused here,
     * on every cache miss of every gateway; a revocation also evicts their caches at once.
     */
    async authenticateSession(token: string, orgSlug: string): Promise<PrincipalClaims> {
      const claims = await sessionKeys.verifyAccessToken(token).catch(() => {
        throw invalidToken();
      });
      return withScope(knex, { userId: claims.userId }, async (trx) => {
        const session = await store.findSession(trx, claims.sessionId);
        if (!session || session.user_id !== claims.userId || !isAlive(session)) throw invalidToken();
        const user = await store.findUser(trx, claims.userId);
        if (!user) throw invalidToken();
        const base = { tokenId: session.id, name: user.email, actorType: USER_ACTOR, userId: user.id, allowedCidrs: [], expiresAt: '' };
        if (!orgSlug) {
          return { ...base, orgId: '', orgSlug: '', permissions: user.email_verified_at ? ['orgs:create'] : [], grants: [] };
        }
        const membership = SLUG_PATTERN.test(orgSlug) ? await store.findMembershipBySlug(trx, user.id, orgSlug) : undefined;
        if (!membership) throw new CofferError('NOT_FOUND', 'organisation not found');
        if (membership.org.require_2fa && !(user.totp_enabled_at && session.mfa)) {
          throw new CofferError('PERMISSION_DENIED', 'this organisation requires two-factor authentication: enrol at /api/v1/me/2fa and sign in again');
        }
        await setTenant(trx, membership.org.id);
        const emergency = await breakGlass.grantsOf(trx, user.id);
        return {
          ...base,
          orgId: membership.org.id,
          orgSlug: membership.org.slug,
          permissions: await access.orgRolePermissions(trx, membership.role),
          grants: [...(await access.userGrants(trx, user.id)), ...emergency.grants],
          // Nothing may trust the principal past the end of a break-glass access it carries.
          expiresAt: emergency.until,
        };
      });
    },

    async whoAmI(principal: Principal) {
      const userId = requireUser(principal);
      return withScope(knex, { userId }, async (trx) => {
        const user = await store.findUser(trx, userId);
        if (!user) throw invalidToken();
        const memberships = await store.listMemberships(trx, userId);
        return {
          user: toUser(user),
          memberships: memberships.map(({ org, role }) => ({ org: { id: org.id, slug: org.slug, name: org.name, createdAt: iso(org.created_at) }, role })),
          sessionId: principal.tokenId,
        };
      });
    },

    async listSessions(principal: Principal) {
      const userId = requireUser(principal);
      const rows = await withScope(knex, { userId }, (trx) => store.listActiveSessions(trx, userId, lifetimes.idleMs));
      return rows.map((row) => toSession(row, principal.tokenId));
    },

    async revokeSession(principal: Principal, sessionId: string): Promise<boolean> {
      const userId = requireUser(principal);
      const revoked = await withScope(knex, { userId }, (trx) => store.revokeSession(trx, sessionId, 'revoked by its user'));
      if (!revoked) throw new CofferError('NOT_FOUND', `session '${sessionId}' not found`);
      await onTokenRevoked(sessionId);
      return true;
    },

    /** An invitation to the caller's organisation, mailed; only an owner can make another owner. */
    async createInvitation(principal: Principal, input: { email: string; role: OrgRole }) {
      if (input.role === 'owner') await requireOwner(principal);
      const token = generateTicket();
      const row = await withScope(knex, { orgId: principal.orgId }, async (trx) => {
        const org = await store.findOrganization(trx, principal.orgId);
        if (!org) throw new CofferError('NOT_FOUND', 'organisation not found');
        const invitation = await store.insertInvitation(trx, {
          id: randomUUID(),
          org_id: principal.orgId,
          email: input.email,
          role: input.role,
          token_hash: hashToken(token),
          invited_by: principal.userId || principal.tokenId,
          expires_at: inFuture(lifetimes.invitationMs),
        });
        // Sent before the commit: an invitation nobody received does not exist.
        await mailer.send(
          invitationMail({
            to: input.email,
            orgName: org.name,
            role: input.role,
            invitedBy: principal.name,
            link: link('/accept-invitation', token),
            expiresInMinutes: minutes(lifetimes.invitationMs),
          }),
        );
        return invitation;
      });
      return toInvitation(row);
    },

    /**
     * Joins the invited organisation: as the signed-in user the invitation names, or, for an
     * address without an account, with a password that makes one (the link proves the mailbox).
     */
    async acceptInvitation(input: { token: string; password: string; name: string; principal?: Principal }) {
      if (!TICKET_PATTERN.test(input.token)) throw invalidLink('invitation');
      const tokenHash = hashToken(input.token);
      const invitation = await withScope(knex, { tokenHash }, (trx) => store.findInvitation(trx, tokenHash));
      if (!invitation || invitation.accepted_at || invitation.revoked_at || new Date(invitation.expires_at).getTime() <= Date.now()) {
        throw invalidLink('invitation');
      }
      const signedIn = input.principal?.actorType === USER_ACTOR ? input.principal.userId : '';
      const newUserId = randomUUID();
      const passwordHash = signedIn ? undefined : await hashPassword(input.password, invitation.email);
      return withScope(knex, { tokenHash, orgId: invitation.org_id, userId: signedIn || newUserId, email: invitation.email }, async (trx) => {
        let user = signedIn ? await store.findUser(trx, signedIn) : await store.findUserByEmail(trx, invitation.email);
        if (signedIn) {
          if (!user || user.email !== invitation.email) throw new CofferError('PERMISSION_DENIED', 'this invitation is for another email address');
        } else if (user) {
          throw new CofferError('FAILED_PRECONDITION', 'an account uses this address: sign in as it to accept the invitation');
        } else {
          if (!input.password) throw fieldError(undefined, 'password', 'is required to make the account');
          user = await store.insertUser(trx, {
            id: newUserId,
            email: invitation.email,
            name: input.name,
            password_hash: passwordHash ?? null,
            password_changed_at: new Date(),
            email_verified_at: new Date(),
          });
        }
        await setTenant(trx, invitation.org_id);
        if (await store.findMembership(trx, invitation.org_id, user.id)) {
          throw new CofferError('ALREADY_EXISTS', 'you are already a member of this organisation; an owner or admin changes roles');
        }
        if (!(await store.acceptInvitation(trx, invitation.id, user.id))) throw invalidLink('invitation');
        await store.insertMembership(trx, { org_id: invitation.org_id, user_id: user.id, role: invitation.role });
        if (!user.email_verified_at) await store.updateUser(trx, user.id, { email_verified_at: new Date() });
        const org = await store.findOrganization(trx, invitation.org_id);
        if (!org) throw invalidLink('invitation');
        return {
          org: { id: org.id, slug: org.slug, name: org.name, createdAt: iso(org.created_at) },
          role: invitation.role,
          user: toUser({ ...user, email_verified_at: user.email_verified_at ?? new Date() }),
        };
      });
    },

    /** Two-factor enrolment of the caller (two-factor.ts holds the rules). */
    twoFactorStatus: (principal: Principal) => twoFactor.status(requireUser(principal)),
    beginTwoFactor: (principal: Principal) => twoFactor.begin(requireUser(principal)),
    confirmTwoFactor: (principal: Principal, code: string) => twoFactor.confirm(requireUser(principal), principal.tokenId, code),
    disableTwoFactor: (principal: Principal, code: string) => twoFactor.disable(requireUser(principal), code),

    /** Resolves once every audit event of a failed attempt so far is written (tests, shutdown). */
    auditSettled: () => audit.settled(),
  };

  async function requireOwner(principal: Principal): Promise<void> {
    const userId = principal.actorType === USER_ACTOR ? principal.userId : '';
    const membership = userId
      ? await withScope(knex, { userId, orgId: principal.orgId }, (trx) => store.findMembershipBySlug(trx, userId, principal.orgSlug))
      : undefined;
    if (membership?.role !== 'owner') throw new CofferError('PERMISSION_DENIED', 'only an owner can invite an owner');
  }
}

function toInvitation(row: InvitationRow) {
  return { id: row.id, email: row.email, role: row.role, expiresAt: iso(row.expires_at), createdAt: iso(row.created_at) };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
