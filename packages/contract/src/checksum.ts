import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * `X-Coffer-Checksum`: `v1=` + hex HMAC-SHA256 over `METHOD\nPATH?QUERY\n` and the raw body, keyed
 * by HMAC-SHA256(token, label), so only a holder of the token can make one. The coffer CLI sends it
 * with every body; the gateway refuses an altered request before anything is done.
 */
export const CHECKSUM_HEADER = 'x-coffer-checksum';
const CHECKSUM = /^v1=([0-9a-f]{64})$/;

/** The key a client derives from its token. */
export function integrityKey(token: string): Buffer {
  return createHmac('sha256', token).update('coffer.request-integrity.v1').digest();
}

export function requestChecksum(key: Buffer, method: string, pathWithQuery: string, body: string | Uint8Array): string {
  return `v1=${createHmac('sha256', key).update(`${method.toUpperCase()}\n${pathWithQuery}\n`).update(body).digest('hex')}`;
}

/** Whether a header is well formed at all (`v1=` and 64 hex digits). */
export function isChecksumHeader(header: string): boolean {
  return CHECKSUM.test(header);
}

/** Compares in constant time; false for a malformed header too. */
export function checksumMatches(key: Buffer, header: string, method: string, pathWithQuery: string, body: string | Uint8Array): boolean {
  const sent = CHECKSUM.exec(header)?.[1];
  if (!sent) return false;
  const expected = requestChecksum(key, method, pathWithQuery, body).slice(3);
  return timingSafeEqual(Buffer.from(sent, 'hex'), Buffer.from(expected, 'hex'));
}
