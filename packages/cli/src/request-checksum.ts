import { createHmac } from 'node:crypto';

export const CHECKSUM_HEADER = 'x-coffer-checksum';

/**
 * `X-Coffer-Checksum` as the gateway verifies it (README, "Request integrity"): `v1=` + hex
 * HMAC-SHA256 over `METHOD\nPATH?QUERY\n` and the raw body, keyed by HMAC-SHA256(token, label).
 * A body altered between the CLI and the gateway is refused before anything is written.
 */
export function requestChecksum(token: string, method: string, pathWithQuery: string, body: string): string {
  const key = createHmac('sha256', token).update('coffer.request-integrity.v1').digest();
  return `v1=${createHmac('sha256', key).update(`${method.toUpperCase()}\n${pathWithQuery}\n`).update(body).digest('hex')}`;
}
