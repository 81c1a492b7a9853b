import { isIP } from 'node:net';

/** The rules of people and sessions that every edge shares (gateway, Auth service, CLI). */

/** RFC 5321's longest forward path, less the angle brackets. */
export const MAX_EMAIL_LENGTH = 254;

/**
 * The one spelling of an email address an account is kept under: one account per mailbox however it
 * is typed (case, Unicode composition, surrounding spaces). The local part is lowercased too: no
 * mail provider in practice treats `Ann@` and `ann@` as two people, and two accounts for them would.
 */
export function normalizeEmail(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}

/** Access tokens are JWTs (three base64url parts); API tokens and refresh tokens are not. */
export function looksLikeAccessToken(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token);
}

/**
 * What counts as one client in a limit: an IPv4 address itself, an IPv6 address's /64 (a host is
 * usually given a whole /64, and could otherwise take a new address per request). Shared by the
 * gateway's rate limits and the Auth service's brute-force counts.
 */
export function clientBucket(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = '', tail] = address.split('::') as [string, string | undefined];
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  // A trailing dotted IPv4 part stands for two groups.
  const tailLength = tailGroups.reduce((count, group) => count + (group.includes('.') ? 2 : 1), 0);
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array<string>(8 - headGroups.length - tailLength).fill('0'), ...tailGroups];
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}
