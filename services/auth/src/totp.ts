import { CofferError } from '@coffer/contract';
import { generateSecret, NobleCryptoPlugin, ScureBase32Plugin, TOTP } from 'otplib';
import QRCode from 'qrcode';

/** RFC 6238 with the parameters every authenticator app assumes (SHA-1, 6 digits, 30 s): anything else is silently ignored by some apps. */
export const TOTP_PERIOD_SECONDS = 30;
const DIGITS = 6;
const SECRET_BYTES = 20;
const DEFAULT_ISSUER = 'Coffer';
// 20 bytes are exactly 32 base32 letters, no padding: the only secrets newTotpSecret makes.
const SECRET_PATTERN = /^[A-Z2-7]{32}$/;
const CODE_PATTERN = /^[0-9]{6}$/;
// Stateless: the secret and the time come with each call.
const totp = new TOTP({
  crypto: new NobleCryptoPlugin(),
  base32: new ScureBase32Plugin(),
  algorithm: 'sha1',
  digits: DIGITS,
  period: TOTP_PERIOD_SECONDS,
});

function assertSecret(secret: string): void {
  if (!SECRET_PATTERN.test(secret)) throw new CofferError('INTERNAL', 'totp secret is malformed');
}

/** A new secret: 20 bytes from the CSPRNG, base32 (what otpauth URIs carry). */
export function newTotpSecret(): string {
  return generateSecret({ length: SECRET_BYTES });
}

/**
 * otpauth://totp/Coffer:<account>?secret=...&issuer=Coffer&algorithm=SHA1&digits=6&period=30.
 * Built by hand rather than with otplib's generateURI, which leaves a ':' in the account unencoded (so
 * an app would split the label there) and drops the default parameters that some apps want spelled out.
 */
export function otpauthUri(input: { secret: string; account: string; issuer?: string }): string {
  const issuer = input.issuer ?? DEFAULT_ISSUER;
  assertSecret(input.secret);
  if (input.account === '') throw new CofferError('INVALID_ARGUMENT', 'account must not be empty');
  // Apps split the label at its first colon, encoded or not: a colon in the issuer cannot be made safe.
  if (issuer === '' || issuer.includes(':')) throw new CofferError('INVALID_ARGUMENT', 'issuer must be non-empty and contain no colon');
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(input.account)}`;
  const query = new URLSearchParams({ secret: input.secret, issuer, algorithm: 'SHA1', digits: String(DIGITS), period: String(TOTP_PERIOD_SECONDS) });
  // URLSearchParams writes a space as '+', which otpauth parsers read literally.
  return `otpauth://totp/${label}?${query.toString().replaceAll('+', '%20')}`;
}

/** A PNG data URL of the URI's QR code, for the dashboard. */
export function qrCodeDataUrl(uri: string): Promise<string> {
  return QRCode.toDataURL(uri, { type: 'image/png', errorCorrectionLevel: 'M', margin: 4, width: 256 });
}

/**
 * Checks a code against the current step and one step either side (clock drift). Returns the time
 * step it matched, or null. A step at or before `lastUsedStep` is refused (replay within its window,
 * or an older code after a newer one was used): the caller stores the returned step, and must do so
 * with a compare-and-set so that two concurrent logins with one code cannot both pass. Input is
 * trimmed and spaces removed ("123 456"); anything but 6 ASCII digits is refused without computing
 * anything. otplib compares in constant time.
 */
export async function verifyTotp(input: { secret: string; code: string; lastUsedStep?: number | null; now?: number }): Promise<number | null> {
  assertSecret(input.secret);
  const lastUsedStep = input.lastUsedStep ?? undefined;
  if (lastUsedStep !== undefined && !(Number.isSafeInteger(lastUsedStep) && lastUsedStep >= 0)) {
    throw new CofferError('INTERNAL', 'lastUsedStep must be a non-negative integer');
  }
  const now = input.now ?? Date.now();
  if (!(Number.isFinite(now) && now >= 0)) throw new CofferError('INTERNAL', 'now must be a non-negative time');

  const code = input.code.replace(/\s/g, '');
  if (!CODE_PATTERN.test(code)) return null;

  const epoch = Math.floor(now / 1000);
  // otplib throws when afterTimeStep lies beyond the window (our clock went back after a code was
  // accepted); every step in the window is then already used, so the answer is a plain no.
  if (lastUsedStep !== undefined && lastUsedStep >= Math.floor(epoch / TOTP_PERIOD_SECONDS) + 1) return null;

  const result = await totp.verify(code, {
    secret: input.secret,
    epoch,
    epochTolerance: TOTP_PERIOD_SECONDS,
    ...(lastUsedStep === undefined ? {} : { afterTimeStep: lastUsedStep }),
  });
  return result.valid ? result.timeStep : null;
}
