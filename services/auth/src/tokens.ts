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

/** A new token from 32 CSPRNG bytes. Shown to its owner once; only `hashToken` of it is stored. */
export function generateToken(): string {
  const body = randomBytes(32).toString('base64url');
  return `${TOKEN_PREFIX}${body}${checksum(body)}`;
}

export function isWellFormedToken(token: string): boolean {
  if (!TOKEN_PATTERN.test(token)) return false;
  const body = token.slice(TOKEN_PREFIX.length, TOKEN_PREFIX.length + BODY_LENGTH);
  return checksum(body) === token.slice(TOKEN_PREFIX.length + BODY_LENGTH);
}

/** The stored form. The lookup is by this digest, so no token is ever compared byte by byte. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
