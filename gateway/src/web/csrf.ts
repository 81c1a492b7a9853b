import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { cookieValue } from './cookies.js';

/**
 * Cross-site request forgery defences of the gateway's own pages, two layers on every POST:
 * the browser's word on where the request came from (Sec-Fetch-Site, Origin), and a token in the
 * form that a page of another site cannot know. Signed in, the token is an HMAC keyed by the web
 * session's access token (an HttpOnly cookie), so it is bound to that session and needs no server
 * key shared between replicas; before sign-in, a random value in a cookie of its own that the form
 * must repeat (double submit).
 */

export const PRE_SESSION_COOKIE = 'coffer_web_csrf';
const SESSION_TOKEN_LABEL = 'coffer.web-page.csrf.v1';
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The form token of a signed-in browser: HMAC-SHA256(access token, label), base64url. */
export function sessionCsrfToken(accessToken: string): string {
  return createHmac('sha256', accessToken).update(SESSION_TOKEN_LABEL).digest('base64url');
}

function equalTokens(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || !TOKEN_PATTERN.test(given) || !TOKEN_PATTERN.test(expected)) return false;
  return timingSafeEqual(Buffer.from(expected), Buffer.from(given));
}

export function checkSessionCsrf(accessToken: string, given: unknown): boolean {
  return equalTokens(sessionCsrfToken(accessToken), given);
}

/** The pre-session token the browser holds, or a new one set as its cookie (HttpOnly, SameSite=Strict, only for the pages). */
export function preSessionCsrfToken(req: Request, res: Response): string {
  const held = cookieValue(req, PRE_SESSION_COOKIE);
  if (held !== undefined && TOKEN_PATTERN.test(held)) return held;
  const token = randomBytes(32).toString('base64url');
  res.cookie(PRE_SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/device' });
  return token;
}

export function checkPreSessionCsrf(req: Request, given: unknown): boolean {
  const held = cookieValue(req, PRE_SESSION_COOKIE);
  return held !== undefined && equalTokens(held, given);
}

/**
 * Whether the browser says the request comes from a page of this site: Sec-Fetch-Site (sent by
 * every current browser) must be same-origin, and an Origin, when sent, must be this host. A client
 * that sends neither (not a browser) still needs the form token.
 */
export function fromThisSite(req: Request): boolean {
  const site = req.get('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin') return false;
  const origin = req.get('origin');
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.get('host');
  } catch {
    return false;
  }
}
