import { createHash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

/**
 * API tokens look like `coffer_<43 base64url chars><6 base62 checksum chars>`: the fixed prefix lets
 * secret scanners recognise a leaked token, and the CRC32 checksum lets them (and us) reject a
 * mistyped or made-up token without a database lookup, as GitHub's tokens do.
 */
export const TOKEN_PREFIX = 'coffer_';
const BODY_LENGTH = 43;
const CHECKSUM_LENGTH = 6;
const TOKEN_PATTERN = new RegExp(`^${TOKEN_PREFIX}[A-Za-z0-9_-]{${BODY_LENGTH}}[A-Za-z0-9]{${CHECKSUM_LENGTH}}$`);
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function base62(value: number, width: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < width; i++) {
    out = BASE62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out;
}

function checksum(body: string): string {
  return base62(crc32(body), CHECKSUM_LENGTH);
}

/** Refresh tokens share the shape under their own prefix: a scanner tells them apart, and neither passes as the other. */
export const REFRESH_TOKEN_PREFIX = 'coffer_rt_';
const REFRESH_TOKEN_PATTERN = new RegExp(`^${REFRESH_TOKEN_PREFIX}[A-Za-z0-9_-]{${BODY_LENGTH}}[A-Za-z0-9]{${CHECKSUM_LENGTH}}$`);

function generate(prefix: string): string {
  const body = randomBytes(32).toString('base64url');
  return `${prefix}${body}${checksum(body)}`;
}

function isWellFormed(token: string, prefix: string, pattern: RegExp): boolean {
  if (!pattern.test(token)) return false;
  const body = token.slice(prefix.length, prefix.length + BODY_LENGTH);
  return checksum(body) === token.slice(prefix.length + BODY_LENGTH);
}

/** A new token from 32 CSPRNG bytes. Shown to its owner once; only `hashToken` of it is stored. */
export function generateToken(): string {
  return generate(TOKEN_PREFIX);
}

export function isWellFormedToken(token: string): boolean {
  return isWellFormed(token, TOKEN_PREFIX, TOKEN_PATTERN);
}

export function generateRefreshToken(): string {
  return generate(REFRESH_TOKEN_PREFIX);
}

export function isWellFormedRefreshToken(token: string): boolean {
  return isWellFormed(token, REFRESH_TOKEN_PREFIX, REFRESH_TOKEN_PATTERN);
}

/** The secret part of a link or a challenge: 32 CSPRNG bytes, URL-safe; only `hashToken` of it is stored. */
export function generateTicket(): string {
  return randomBytes(32).toString('base64url');
}

export const TICKET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The stored form. The lookup is by this digest, so no token is ever compared byte by byte. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
