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
