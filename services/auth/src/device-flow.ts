import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { isUniqueViolation, setUser, withScope, type Knex } from '@coffer/db';
import { CofferError } from '@coffer/contract';
import { USER_ACTOR, type Principal } from '@coffer/grpc';
import type { BruteForceGuard } from './brute-force.js';
import { auditSignIn, guardedAttempt, type IdentityAudit } from './identity-audit.js';
import type { ClientInfo, IdentityLifetimes, SessionTokens } from './identity-service.js';
import type { IdentityStore, SessionRow } from './identity-store.js';
import type { SessionKeys } from './session-keys.js';
import { generateRefreshToken, hashToken } from './tokens.js';

/**
 * The OAuth 2.0 device authorization grant (RFC 8628): a device without a browser (the CLI) asks
 * for a session and shows a short user code; a person signed in on a browser confirms that code,
 * which opens a session for them; the device's next poll receives that session's tokens, once.
 * Only the SHA-256 of the device code and of the user code is stored, and the tokens are minted at
 * that poll, never kept.
 */

/** Consonants without look-alikes (no vowels: no words; no 0/O, 1/I/L confusions). RFC 8628 §6.1. */
export const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';
const USER_CODE_LENGTH = 8;
const USER_CODE_PATTERN = new RegExp(`^[${USER_CODE_ALPHABET}]{${USER_CODE_LENGTH}}$`);
const DEVICE_CODE_PATTERN = /^[A-Za-z0-9_-]{43}$/;
export const DEVICE_CODE_TTL_MS = 10 * 60_000;
export const DEVICE_POLL_INTERVAL_SECONDS = 5;
/** RFC 8628 §3.5: each slow_down adds 5 seconds to the interval, for this and every later poll. */
const SLOW_DOWN_STEP_SECONDS = 5;
/** A session may look up this many codes it does not hold per window (brute force of the 34-bit space). */
export const WRONG_CODE_LIMIT = 5;
const WRONG_CODE_WINDOW_MS = 60_000;
const MAX_TRACKED_SESSIONS = 10_000;

export type DeviceGrantError = 'authorization_pending' | 'slow_down' | 'access_denied' | 'expired_token' | 'invalid_grant';

export type PollAnswer = { tokens: SessionTokens; interval: number } | { error: DeviceGrantError; description: string; interval: number };

type Refusal = Extract<PollAnswer, { error: DeviceGrantError }>;
/** Inside the poll's transaction: a refusal, or the session whose tokens are minted once it commits. */
type Consumed = { session: SessionRow; refreshToken: string; interval: number };

export interface DeviceAuthorizationRow {
  id: string;
  device_code_hash: string;
  user_code_hash: string;
  client_name: string;
  requester_ip: string;
  requester_agent: string;
  status: 'pending' | 'approved' | 'denied' | 'consumed';
  interval_seconds: number;
  last_polled_at: Date | null;
  user_id: string | null;
  session_id: string | null;
  created_at: Date;
  expires_at: Date;
}

export interface DeviceFlowDeps {
  knex: Knex;
  store: Pick<IdentityStore, 'findSession' | 'insertSession' | 'insertRefreshToken' | 'touchSession'>;
  sessionKeys: Pick<SessionKeys, 'signAccessToken'>;
  lifetimes: Pick<IdentityLifetimes, 'accessMs' | 'absoluteMs' | 'idleMs'>;
  /** Where people reach the platform: the verification URI is `<publicUrl>/device`. */
  publicUrl: string;
  /** How long a device code lives; 10 minutes unless set. */
  codeTtlMs?: number;
  intervalSeconds?: number;
  now?: () => number;
  /** Counts and audits codes that match nothing, per approving person. */
  bruteForce: { guard: BruteForceGuard; audit: IdentityAudit };
}

/** `BCDFGHJK` as people read it: `BCDF-GHJK`. */
export const formatUserCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

/** A user code as typed (any case, dashes, spaces) in its stored form, or undefined when it cannot be one. */
export function normaliseUserCode(typed: string): string | undefined {
  const code = typed.toUpperCase().replace(/[\s-]+/g, '');
  return USER_CODE_PATTERN.test(code) ? code : undefined;
}

function generateUserCode(): string {
  let code = '';
  for (let i = 0; i < USER_CODE_LENGTH; i++) code += USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)];
  return code;
}

const noSuchCode = () => new CofferError('NOT_FOUND', 'user_code: no pending request has this code (mistyped, used or expired?)');
const tooManyWrongCodes = () => new CofferError('RESOURCE_EXHAUSTED', 'user_code: too many codes that match no request; wait a minute and try again');

/**
 * Wrong user-code lookups per approving session in a sliding window, in this process: a signed-in
 * person cannot walk the code space. (The gateway's rate limits bound it across processes.)
 */
function wrongCodeCounter(now: () => number) {
  const misses = new Map<string, number[]>();
  const recent = (sessionId: string) => (misses.get(sessionId) ?? []).filter((at) => at > now() - WRONG_CODE_WINDOW_MS);
  return {
    exhausted: (sessionId: string) => recent(sessionId).length >= WRONG_CODE_LIMIT,
    count(sessionId: string): void {
      if (misses.size >= MAX_TRACKED_SESSIONS) {
        for (const [id, times] of misses) if (!times.some((at) => at > now() - WRONG_CODE_WINDOW_MS)) misses.delete(id);
      }
      misses.set(sessionId, [...recent(sessionId), now()]);
    },
  };
}

const iso = (date: Date) => new Date(date).toISOString();

export function createDeviceFlow(deps: DeviceFlowDeps) {
  const { knex, store, sessionKeys, lifetimes } = deps;
  const now = deps.now ?? Date.now;
  const codeTtlMs = deps.codeTtlMs ?? DEVICE_CODE_TTL_MS;
  const initialInterval = deps.intervalSeconds ?? DEVICE_POLL_INTERVAL_SECONDS;
  const verificationUri = `${deps.publicUrl.replace(/\/+$/, '')}/device`;
  const wrongCodes = wrongCodeCounter(now);
  const isLive = (row: DeviceAuthorizationRow) => new Date(row.expires_at).getTime() > now();
  const isAlive = (session: SessionRow) =>
    session.revoked_at === null && new Date(session.expires_at).getTime() > now() && new Date(session.last_used_at).getTime() + lifetimes.idleMs > now();

  function approver(principal: Principal): { userId: string; sessionId: string } {
    if (principal.actorType !== USER_ACTOR || !principal.userId) {
      throw new CofferError('FAILED_PRECONDITION', 'only a signed-in user can approve a device; this is an API token');
    }
    return { userId: principal.userId, sessionId: principal.tokenId };
  }

  /** The pending, unexpired request a user code names, in `trx` (scoped by the code's hash), locked for an update. */
  async function pendingByUserCode(trx: Knex.Transaction, userCodeHash: string): Promise<DeviceAuthorizationRow | undefined> {
    const row = await trx<DeviceAuthorizationRow>('device_authorizations').where({ user_code_hash: userCodeHash }).forUpdate().first('*');
    return row && row.status === 'pending' && isLive(row) ? row : undefined;
  }

  /**
   * Runs `fn` on the pending request of a typed user code, for a signed-in person. A code that
   * matches none counts against the person's session; past the limit nothing is looked up.
   */
  async function withPendingCode<T>(
    principal: Principal,
    typed: string,
    fn: (trx: Knex.Transaction, row: DeviceAuthorizationRow, who: { userId: string; sessionId: string }) => Promise<T>,
  ): Promise<T> {
    const who = approver(principal);
    if (wrongCodes.exhausted(who.sessionId)) throw tooManyWrongCodes();
    const code = normaliseUserCode(typed);
    // Also counted per person across every process (and audited) by the brute-force guard, whose lock answers as a miss.
    const result = await guardedAttempt(
      deps.bruteForce,
      { kind: 'device-approval', userId: who.userId },
      async () =>
        code
          ? withScope(knex, { tokenHash: hashToken(code), userId: who.userId }, async (trx) => {
              const row = await pendingByUserCode(trx, hashToken(code));
              return row ? { value: await fn(trx, row, who) } : undefined;
            })
          : undefined,
      () => {
        wrongCodes.count(who.sessionId);
        return noSuchCode();
      },
    );
    return result.value;
  }

  async function insertAuthorization(input: { clientName: string; client: ClientInfo }) {
    const deviceCode = randomBytes(32).toString('base64url');
    const userCode = generateUserCode();
    const deviceCodeHash = hashToken(deviceCode);
    await withScope(knex, { tokenHash: deviceCodeHash }, (trx) =>
      trx('device_authorizations').insert({
        id: randomUUID(),
        device_code_hash: deviceCodeHash,
        user_code_hash: hashToken(userCode),
        client_name: input.clientName.slice(0, 128),
        requester_ip: input.client.ip.slice(0, 64),
        requester_agent: input.client.userAgent.slice(0, 512),
        status: 'pending',
        interval_seconds: initialInterval,
        expires_at: new Date(now() + codeTtlMs),
      }),
    );
    return { deviceCode, userCode };
  }

  return {
    /** RFC 8628 §3.1–3.2: a device code (for the device alone) and a user code (for the person). */
    async start(input: { clientName: string; client: ClientInfo }) {
      let issued: { deviceCode: string; userCode: string } | undefined;
      // 20^8 user codes: a clash with a stored one is rare, and a new draw settles it.
      for (let attempt = 0; !issued; attempt++) {
        issued = await insertAuthorization(input).catch((err: unknown) => {
          if (isUniqueViolation(err) && attempt < 3) return undefined;
          throw err;
        });
      }
      const userCode = formatUserCode(issued.userCode);
      return {
        deviceCode: issued.deviceCode,
        userCode,
        verificationUri,
        verificationUriComplete: `${verificationUri}?user_code=${userCode}`,
        expiresIn: Math.floor(codeTtlMs / 1000),
        interval: initialInterval,
      };
    },

    /**
     * RFC 8628 §3.4–3.5. The tokens of an approved request are answered to the first poll after the
     * approval and never again. A poll sooner than the interval after the previous one, while the
     * request is pending, answers slow_down and lengthens the interval by 5 seconds.
     */
    async poll(deviceCode: string): Promise<PollAnswer> {
      const unknown = { error: 'invalid_grant', description: 'device_code: unknown or already used', interval: initialInterval } as const;
      if (!DEVICE_CODE_PATTERN.test(deviceCode)) return unknown;
      const deviceCodeHash = hashToken(deviceCode);
      const outcome = await withScope(knex, { tokenHash: deviceCodeHash }, async (trx): Promise<Refusal | Consumed> => {
        const row = await trx<DeviceAuthorizationRow>('device_authorizations').where({ device_code_hash: deviceCodeHash }).forUpdate().first('*');
        if (!row || row.status === 'consumed') return unknown;
        const interval = row.interval_seconds;
        if (!isLive(row)) return { error: 'expired_token', description: 'device_code: expired; start again', interval } as const;
        if (row.status === 'denied') return { error: 'access_denied', description: 'the request was denied', interval } as const;
        if (row.status === 'approved') return consume(trx, row);
        const polledAt = now();
        const tooSoon = row.last_polled_at !== null && polledAt - new Date(row.last_polled_at).getTime() < interval * 1000;
        const nextInterval = tooSoon ? interval + SLOW_DOWN_STEP_SECONDS : interval;
        await trx('device_authorizations')
          .where({ id: row.id })
          .update({ last_polled_at: new Date(polledAt), interval_seconds: nextInterval });
        return tooSoon
          ? ({ error: 'slow_down', description: `poll at most every ${nextInterval} seconds`, interval: nextInterval } as const)
          : ({ error: 'authorization_pending', description: 'waiting for the user to approve the request', interval } as const);
      });
      if (!('session' in outcome)) return outcome;
      const access = await sessionKeys.signAccessToken({ userId: outcome.session.user_id, sessionId: outcome.session.id });
      return {
        tokens: {
          accessToken: access.token,
          tokenType: 'Bearer',
          expiresIn: Math.floor(lifetimes.accessMs / 1000),
          refreshToken: outcome.refreshToken,
          sessionId: outcome.session.id,
        },
        interval: outcome.interval,
      };
    },

    /** What the approval page shows: what asked, from where, when. */
    async describe(principal: Principal, userCode: string) {
      return withPendingCode(principal, userCode, async (_trx, row) => ({
        userCode: formatUserCode(normaliseUserCode(userCode)!),
        clientName: row.client_name,
        requesterIp: row.requester_ip,
        requesterAgent: row.requester_agent,
        createdAt: iso(row.created_at),
        expiresAt: iso(row.expires_at),
      }));
    },

    /**
     * Opens a session for the approving person (method 'device', with a second factor when the
     * approving session had one) and hands it to the device's next poll.
     */
    async approve(principal: Principal, userCode: string): Promise<boolean> {
      const opened = await withPendingCode(principal, userCode, async (trx, row, who) => {
        const approving = await store.findSession(trx, who.sessionId);
        if (!approving || approving.user_id !== who.userId || approving.revoked_at !== null) {
          throw new CofferError('UNAUTHENTICATED', 'invalid or revoked token');
        }
        const session = await store.insertSession(trx, {
          id: randomUUID(),
          user_id: who.userId,
          method: 'device',
          mfa: approving.mfa,
          client_name: row.client_name,
          ip: row.requester_ip,
          user_agent: row.requester_agent,
          expires_at: new Date(now() + lifetimes.absoluteMs),
        });
        await trx('device_authorizations').where({ id: row.id }).update({ status: 'approved', user_id: who.userId, session_id: session.id });
        return { userId: who.userId, sessionId: session.id, ip: row.requester_ip, userAgent: row.requester_agent };
      });
      // A sign-in like any other, once committed: from the device's address, not the approver's.
      auditSignIn(deps.bruteForce.audit, { ...opened, method: 'device' });
      return true;
    },

    async deny(principal: Principal, userCode: string): Promise<boolean> {
      return withPendingCode(principal, userCode, async (trx, row, who) => {
        await trx('device_authorizations').where({ id: row.id }).update({ status: 'denied', user_id: who.userId });
        return true;
      });
    },
  };

  /** The approved request's session gets its first refresh token; the request is used up. */
  async function consume(trx: Knex.Transaction, row: DeviceAuthorizationRow): Promise<Refusal | Consumed> {
    await trx('device_authorizations').where({ id: row.id, status: 'approved' }).update({ status: 'consumed' });
    await setUser(trx, row.user_id!);
    const session = row.session_id ? await store.findSession(trx, row.session_id) : undefined;
    // Ended between approval and poll (its person revoked it from the session list).
    if (!session || !isAlive(session))
      return { error: 'access_denied', description: 'the approved session has ended', interval: row.interval_seconds } as const;
    const refreshToken = generateRefreshToken();
    await store.insertRefreshToken(trx, { token_hash: hashToken(refreshToken), session_id: session.id, user_id: session.user_id });
    await store.touchSession(trx, session.id);
    return { session, refreshToken, interval: row.interval_seconds };
  }
}

export type DeviceFlow = ReturnType<typeof createDeviceFlow>;
