import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { SignJWT, calculateJwkThumbprint, decodeProtectedHeader, jwtVerify, type JWK, type JWTPayload } from 'jose';
import { z } from 'zod';
import { CofferError, parseInput } from '@coffer/contract';
import { KEY_BYTES, open, seal } from '@coffer/crypto';
import { withScope, type Knex } from '@coffer/db';

/**
 * The Ed25519 keys that sign session access tokens (RFC 9068 JWTs). Each key signs for one period,
 * then keeps verifying until the last token it signed has expired. The next key is written and
 * published (JWKS) well before it starts signing, so a verifier with a cached JWKS already knows it.
 * Private halves are stored only sealed under COFFER_AUTH_KEY, bound to their kid, and are opened
 * once per process; the public half served and trusted is the one derived from the opened key.
 */

export const MAX_ACCESS_TTL_MS = 60 * 60_000;
export const DEFAULT_SIGNING_PERIOD_MS = 30 * 24 * 60 * 60_000;
const MIN_SIGNING_PERIOD_MS = 60 * 60_000;
export const ACCESS_TOKEN_TYPE = 'at+jwt';
export const INVALID_ACCESS_TOKEN = 'invalid or expired access token';
/**
 * Beyond the life of a key's last token: other processes learn of a rotation only at their next
 * reload, and clocks differ a little.
 */
const VERIFY_MARGIN_MS = 5 * 60_000;
const RELOAD_MS = 30_000;
/** Garbage kids cost at most one query per this interval, whatever their number. */
const UNKNOWN_KID_RELOAD_MS = 5_000;
const CLOCK_SKEW_SECONDS = 60;
const LOCK_NAME = 'coffer.session-signing-keys';
const AAD_PREFIX = 'coffer.session-signing-key.v1\0';
/** An RFC 7638 SHA-256 thumbprint, base64url: anything else cannot name one of our keys. */
const KID_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const REQUIRED_CLAIMS = ['iss', 'aud', 'sub', 'sid', 'iat', 'exp', 'jti'];

export interface AccessTokenClaims {
  userId: string;
  sessionId: string;
}

export interface VerifiedAccessToken extends AccessTokenClaims {
  /** Milliseconds since the epoch. */
  issuedAt: number;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export interface SessionKeysOptions {
  knex: Knex;
  /** 32 bytes (COFFER_AUTH_KEY): seals the private keys at rest. */
  authKey: Buffer;
  issuer: string;
  audience: string;
  /** At most one hour. */
  accessTtlMs: number;
  /** How long one key signs; 30 days unless set, at least one hour. */
  signingPeriodMs?: number;
  now?: () => number;
}

export interface SessionKeys {
  signAccessToken(claims: AccessTokenClaims): Promise<{ token: string; expiresAt: number }>;
  /** @throws CofferError UNAUTHENTICATED (one message for every reason: 'invalid or expired access token') */
  verifyAccessToken(token: string): Promise<VerifiedAccessToken>;
  /** The public keys still verifying, the next one included once it is pre-published. */
  jwks(): Promise<{ keys: JWK[] }>;
  /** Ends the current key's signing now (a suspected leak, or a test); it keeps verifying what it signed. */
  rotateNow(): Promise<void>;
}

const optionsSchema = z.object({
  issuer: z.string().min(1),
  audience: z.string().min(1),
  accessTtlMs: z
    .number()
    .int()
    .min(1000)
    .max(MAX_ACCESS_TTL_MS, { message: `must be at most ${MAX_ACCESS_TTL_MS} (one hour)` }),
  signingPeriodMs: z.number().int().min(MIN_SIGNING_PERIOD_MS).optional(),
});

const claimsSchema = z.object({ userId: z.uuid(), sessionId: z.uuid() });

interface Window {
  signsFrom: number;
  signsUntil: number;
}

interface LoadedKey extends Window {
  kid: string;
  sealed: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  jwk: JWK;
  verifiesUntil: number;
}

interface KeyRow {
  kid: string;
  private_key_sealed: string;
  signs_from: Date;
  signs_until: Date;
  verifies_until: Date;
}

const aadOf = (kid: string): Buffer => Buffer.from(`${AAD_PREFIX}${kid}`, 'utf8');
const invalidToken = (): CofferError => new CofferError('UNAUTHENTICATED', INVALID_ACCESS_TOKEN);
const ms = (value: Date | string): number => new Date(value).getTime();

function publicJwkOf(publicKey: KeyObject): JWK {
  const { kty, crv, x } = publicKey.export({ format: 'jwk' });
  return { kty, crv, x };
}

/**
 * The windows to add so that some key signs at `at` and the one after it exists `lead` before it
 * is needed. Keys that follow each other without a gap form one chain; a new key extends its end.
 */
function missingWindows(existing: readonly Window[], at: number, periodMs: number, leadMs: number): Window[] {
  const current = existing.filter((w) => w.signsFrom <= at && at < w.signsUntil).sort((a, b) => b.signsFrom - a.signsFrom)[0];
  const added: Window[] = [];
  let end = current?.signsUntil ?? at + periodMs;
  // Begun a little in the past: a process whose clock (or whose request) is slightly behind must
  // find this key current, not make another one.
  if (!current) added.push({ signsFrom: at - CLOCK_SKEW_SECONDS * 1000, signsUntil: end });
  for (;;) {
    const following = existing.find((w) => w.signsFrom <= end && w.signsUntil > end);
    if (following) {
      end = following.signsUntil;
      continue;
    }
    if (end - at > leadMs) return added;
    added.push({ signsFrom: end, signsUntil: end + periodMs });
    end += periodMs;
  }
}

export function createSessionKeys(options: SessionKeysOptions): SessionKeys {
  const {
    issuer,
    audience,
    accessTtlMs,
    signingPeriodMs = DEFAULT_SIGNING_PERIOD_MS,
  } = parseInput(optionsSchema, {
    issuer: options.issuer,
    audience: options.audience,
    accessTtlMs: options.accessTtlMs,
    signingPeriodMs: options.signingPeriodMs,
  });
  if (!Buffer.isBuffer(options.authKey) || options.authKey.length !== KEY_BYTES) {
    throw new CofferError('INVALID_ARGUMENT', `COFFER_AUTH_KEY must be ${KEY_BYTES} bytes`);
  }
  const { knex, authKey } = options;
  const now = options.now ?? Date.now;
  const ttlSeconds = Math.floor(accessTtlMs / 1000);
  // Long enough for every verifier's cached JWKS to have been fetched again.
  const leadMs = Math.max(60 * 60_000, signingPeriodMs / 10);
  const verifyTailMs = accessTtlMs + VERIFY_MARGIN_MS;

  let keys = new Map<string, LoadedKey>();
  let loadedAt = -Infinity;
  let lastUnknownKidReload = -Infinity;
  let pending: Promise<void> | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  /** Loads and key creations run one at a time, so an older answer never replaces a newer one. */
  function serial<T>(step: () => Promise<T>): Promise<T> {
    const run = queue.then(step, step);
    queue = run.catch(() => undefined);
    return run;
  }

  async function openKey(row: KeyRow): Promise<Pick<LoadedKey, 'privateKey' | 'publicKey' | 'jwk'>> {
    let der: Buffer;
    try {
      der = open(authKey, row.private_key_sealed, aadOf(row.kid));
    } catch (cause) {
      throw new CofferError(
        'INTERNAL',
        `session signing key ${row.kid} does not open under COFFER_AUTH_KEY: it was sealed under another COFFER_AUTH_KEY, or its row was altered; every Auth process must run with the same COFFER_AUTH_KEY`,
        { cause },
      );
    }
    let privateKey: KeyObject | undefined;
    try {
      privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    } catch {
      privateKey = undefined;
    } finally {
      der.fill(0);
    }
    const publicKey = privateKey?.asymmetricKeyType === 'ed25519' ? createPublicKey(privateKey) : undefined;
    const jwk = publicKey && publicJwkOf(publicKey);
    if (!privateKey || !publicKey || !jwk || (await calculateJwkThumbprint(jwk, 'sha256')) !== row.kid) {
      throw new CofferError('DATA_LOSS', `session signing key ${row.kid} is not the Ed25519 key its kid names`);
    }
    return { privateKey, publicKey, jwk: { ...jwk, kid: row.kid, alg: 'EdDSA', use: 'sig' } };
  }

  async function load(at: number): Promise<void> {
    const rows = await withScope(knex, {}, (trx) =>
      trx<KeyRow>('session_signing_keys')
        .where('verifies_until', '>', new Date(at))
        .select('kid', 'private_key_sealed', 'signs_from', 'signs_until', 'verifies_until'),
    );
    const loaded = new Map<string, LoadedKey>();
    for (const row of rows) {
      const known = keys.get(row.kid);
      const material = known?.sealed === row.private_key_sealed ? known : await openKey(row);
      loaded.set(row.kid, {
        kid: row.kid,
        sealed: row.private_key_sealed,
        privateKey: material.privateKey,
        publicKey: material.publicKey,
        jwk: material.jwk,
        signsFrom: ms(row.signs_from),
        signsUntil: ms(row.signs_until),
        verifiesUntil: ms(row.verifies_until),
      });
    }
    keys = loaded;
    loadedAt = at;
  }

  async function newKeyRow(window: Window): Promise<Record<string, unknown>> {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const jwk = publicJwkOf(publicKey);
    const kid = await calculateJwkThumbprint(jwk, 'sha256');
    const der = privateKey.export({ format: 'der', type: 'pkcs8' });
    try {
      return {
        kid,
        private_key_sealed: seal(authKey, der, aadOf(kid)),
        public_jwk: JSON.stringify({ ...jwk, kid, alg: 'EdDSA', use: 'sig' }),
        signs_from: new Date(window.signsFrom),
        signs_until: new Date(window.signsUntil),
        verifies_until: new Date(window.signsUntil + verifyTailMs),
      };
    } finally {
      der.fill(0);
    }
  }

  /**
   * Creates the keys missing at `at`, after ending every key's signing at `at` when `retire`. Under
   * one advisory lock and decided again inside it: processes starting together create one key.
   */
  async function ensureKeys(at: number, retire: boolean): Promise<void> {
    await withScope(knex, {}, async (trx) => {
      await trx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [LOCK_NAME]);
      if (retire) {
        await trx('session_signing_keys')
          .where('signs_until', '>', new Date(at))
          .update({
            signs_until: trx.raw('greatest(signs_from, ?::timestamptz)', [new Date(at)]),
            verifies_until: trx.raw('least(verifies_until, ?::timestamptz)', [new Date(at + verifyTailMs)]),
          });
      }
      const rows = await trx<KeyRow>('session_signing_keys').where('verifies_until', '>', new Date(at)).select('signs_from', 'signs_until');
      const windows = rows.map((row) => ({ signsFrom: ms(row.signs_from), signsUntil: ms(row.signs_until) }));
      for (const window of missingWindows(windows, at, signingPeriodMs, leadMs)) {
        await trx('session_signing_keys').insert(await newKeyRow(window));
      }
    });
  }

  /** Reloads the keys, first creating those missing. Concurrent callers share one reload. */
  function refresh(at: number): Promise<void> {
    pending ??= serial(async () => {
      await load(at);
      if (missingWindows([...keys.values()], at, signingPeriodMs, leadMs).length > 0) {
        await ensureKeys(at, false);
        await load(at);
      }
    }).finally(() => {
      pending = undefined;
    });
    return pending;
  }

  function signerAt(at: number): LoadedKey | undefined {
    let best: LoadedKey | undefined;
    for (const key of keys.values()) {
      if (key.signsFrom <= at && at < key.signsUntil && (!best || key.signsFrom > best.signsFrom)) best = key;
    }
    return best;
  }

  async function currentKeys(at: number): Promise<void> {
    if (at - loadedAt >= RELOAD_MS || !signerAt(at)) await refresh(at);
  }

  async function verificationKey(kid: string, at: number): Promise<LoadedKey | undefined> {
    if (at - loadedAt >= RELOAD_MS) await refresh(at);
    if (!keys.has(kid) && at - lastUnknownKidReload >= UNKNOWN_KID_RELOAD_MS) {
      lastUnknownKidReload = at;
      await refresh(at);
    }
    const key = keys.get(kid);
    return key && key.verifiesUntil > at ? key : undefined;
  }

  function kidOf(token: string): string | undefined {
    try {
      const { kid } = decodeProtectedHeader(token);
      return typeof kid === 'string' && KID_PATTERN.test(kid) ? kid : undefined;
    } catch {
      return undefined;
    }
  }

  // Signed does not mean well formed: the claims are checked again, each one.
  function verifiedClaims(payload: JWTPayload, at: number): VerifiedAccessToken {
    const { sub, sid, iat, exp, jti } = payload;
    const parsed = claimsSchema.safeParse({ userId: sub, sessionId: sid });
    if (!parsed.success || typeof jti !== 'string' || typeof iat !== 'number' || typeof exp !== 'number') throw invalidToken();
    // jose checks iat only against a maximum age; a token from the future is not one we signed.
    if (iat > Math.floor(at / 1000) + CLOCK_SKEW_SECONDS || exp - iat > MAX_ACCESS_TTL_MS / 1000) throw invalidToken();
    return { ...parsed.data, issuedAt: iat * 1000, expiresAt: exp * 1000 };
  }

  return {
    async signAccessToken(claims) {
      const { userId, sessionId } = parseInput(claimsSchema, claims);
      const at = now();
      await currentKeys(at);
      const key = signerAt(at);
      if (!key) throw new CofferError('UNAVAILABLE', 'no session signing key is available');
      const issuedAt = Math.floor(at / 1000);
      const expiresAt = issuedAt + ttlSeconds;
      const token = await new SignJWT({ sid: sessionId })
        .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: ACCESS_TOKEN_TYPE })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject(userId)
        .setIssuedAt(issuedAt)
        .setExpirationTime(expiresAt)
        .setJti(randomBytes(16).toString('base64url'))
        .sign(key.privateKey);
      return { token, expiresAt: expiresAt * 1000 };
    },

    async verifyAccessToken(token) {
      const at = now();
      const kid = typeof token === 'string' ? kidOf(token) : undefined;
      if (kid === undefined) throw invalidToken();
      // Outside the try: a database outage or a wrong COFFER_AUTH_KEY is the server's failure, not the token's.
      const key = await verificationKey(kid, at);
      if (!key) throw invalidToken();
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, key.publicKey, {
          algorithms: ['EdDSA'],
          issuer,
          audience,
          typ: ACCESS_TOKEN_TYPE,
          requiredClaims: REQUIRED_CLAIMS,
          currentDate: new Date(at),
        }));
      } catch {
        throw invalidToken();
      }
      return verifiedClaims(payload, at);
    },

    async jwks() {
      const at = now();
      await currentKeys(at);
      const live = [...keys.values()].filter((key) => key.verifiesUntil > at).sort((a, b) => b.signsFrom - a.signsFrom);
      return { keys: live.map((key) => ({ ...key.jwk })) };
    },

    async rotateNow() {
      const at = now();
      await serial(async () => {
        await ensureKeys(at, true);
        await load(at);
      });
    },
  };
}
