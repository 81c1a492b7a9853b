import { open, seal } from '@coffer/crypto';
import { withScope, type Knex } from '@coffer/db';
import { CofferError, fieldError } from '@coffer/contract';
import type { BruteForceGuard } from './brute-force.js';
import { guardedAttempt, type IdentityAudit } from './identity-audit.js';
import type { IdentityStore, UserRow } from './identity-store.js';
import { generateRecoveryCodes, hashRecoveryCode, normalizeRecoveryCode } from './recovery-codes.js';
import { newTotpSecret, otpauthUri, qrCodeDataUrl, verifyTotp } from './totp.js';

const wrongCode = () => fieldError(undefined, 'code', 'wrong or already used code');

/**
 * TOTP enrolment and use. The secret is kept sealed under the Auth service's key, bound to its user
 * (a sealed secret copied onto another account does not open); recovery codes only as hashes. A
 * code is accepted once: the last accepted time step is stored and only a later one passes.
 */
export function createTwoFactor({
  knex,
  store,
  authKey,
  guard,
  audit,
}: {
  knex: Knex;
  store: IdentityStore;
  authKey: Buffer;
  /** Codes guessed through a stolen session count against the account as at login (brute-force.ts). */
  guard: BruteForceGuard;
  audit: IdentityAudit;
}) {
  const aad = (userId: string) => Buffer.from(`coffer.totp-secret.v1\0${userId}`, 'utf8');
  const sealSecret = (userId: string, secret: string) => seal(authKey, Buffer.from(secret, 'utf8'), aad(userId));
  const openSecret = (user: UserRow) => open(authKey, user.totp_secret_sealed ?? '', aad(user.id)).toString('utf8');

  async function useCode(trx: Knex.Transaction, user: UserRow, code: string): Promise<boolean> {
    if (!user.totp_secret_sealed) return false;
    const step = await verifyTotp({ secret: openSecret(user), code, lastUsedStep: user.totp_last_step === null ? null : Number(user.totp_last_step) });
    return step !== null && (await store.advanceTotpStep(trx, user.id, step));
  }

  async function userOf(trx: Knex.Transaction, userId: string): Promise<UserRow> {
    const user = await store.findUser(trx, userId);
    if (!user) throw new CofferError('UNAUTHENTICATED', 'invalid or revoked token');
    return user;
  }

  return {
    useCode,

    async useRecoveryCode(trx: Knex.Transaction, userId: string, input: string): Promise<boolean> {
      const normalized = normalizeRecoveryCode(input);
      return normalized !== null && store.useRecoveryCode(trx, userId, hashRecoveryCode(normalized));
    },

    status(userId: string) {
      return withScope(knex, { userId }, async (trx) => {
        const user = await userOf(trx, userId);
        return {
          enabled: user.totp_enabled_at !== null,
          pending: user.totp_enabled_at === null && user.totp_secret_sealed !== null,
          recoveryCodesLeft: user.totp_enabled_at ? await store.countUnusedRecoveryCodes(trx, userId) : 0,
        };
      });
    },

    /** A new secret to scan; two-factor stays off until a code from it is confirmed. Starting again replaces it. */
    begin(userId: string) {
      return withScope(knex, { userId }, async (trx) => {
        const user = await userOf(trx, userId);
        if (user.totp_enabled_at) throw new CofferError('FAILED_PRECONDITION', 'two-factor authentication is already on; turn it off first');
        const secret = newTotpSecret();
        await store.updateUser(trx, userId, { totp_secret_sealed: sealSecret(userId, secret), totp_last_step: null });
        const uri = otpauthUri({ secret, account: user.email });
        return { secret, otpauthUri: uri, qrCode: await qrCodeDataUrl(uri) };
      });
    },

    /** Turns two-factor on with a code of the new secret; answers the ten recovery codes, shown this once. The session that confirmed counts as two-factor. */
    confirm(userId: string, sessionId: string, code: string) {
      return withScope(knex, { userId }, async (trx) => {
        const user = await userOf(trx, userId);
        if (user.totp_enabled_at) throw new CofferError('FAILED_PRECONDITION', 'two-factor authentication is already on');
        if (!user.totp_secret_sealed) throw new CofferError('FAILED_PRECONDITION', 'start the enrolment first (POST /api/v1/me/2fa)');
        if (!(await useCode(trx, user, code))) throw wrongCode();
        const recoveryCodes = generateRecoveryCodes();
        await store.replaceRecoveryCodes(
          trx,
          userId,
          recoveryCodes.map((recoveryCode) => hashRecoveryCode(normalizeRecoveryCode(recoveryCode) as string)),
        );
        await store.updateUser(trx, userId, { totp_enabled_at: new Date() });
        await store.markSessionSecondFactor(trx, sessionId);
        return { recoveryCodes };
      });
    },

    /**
     * Turns two-factor off, with a fresh code (a stolen session alone cannot): a wrong code counts as
     * a failed second factor of the account, and a locked account's code is refused unread.
     */
    disable(userId: string, code: string) {
      return guardedAttempt(
        { guard, audit },
        { kind: 'second-factor', userId },
        () =>
          withScope(knex, { userId }, async (trx) => {
            const user = await userOf(trx, userId);
            if (!user.totp_enabled_at) throw new CofferError('FAILED_PRECONDITION', 'two-factor authentication is off');
            if (!(await useCode(trx, user, code))) return undefined;
            await store.updateUser(trx, userId, { totp_secret_sealed: null, totp_enabled_at: null, totp_last_step: null });
            await store.replaceRecoveryCodes(trx, userId, []);
            return true as const;
          }),
        wrongCode,
      );
    },
  };
}

export type TwoFactor = ReturnType<typeof createTwoFactor>;
