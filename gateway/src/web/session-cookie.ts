import type { Request, Response } from 'express';
import { cookieValue } from './cookies.js';

/**
 * The browser's session on the gateway's own pages (the device approval page, single sign-on's
 * return): the access token of a session, in an HttpOnly cookie the page's scripts cannot read,
 * sent only to this site's top-level navigations and same-site requests (SameSite=Lax), Secure
 * whenever the request came over TLS. It lasts as long as the access token (at most an hour): the
 * pages need a session only for as long as it takes to approve something.
 */
export const WEB_SESSION_COOKIE = 'coffer_web_session';

export function setWebSession(req: Request, res: Response, accessToken: string, maxAgeSeconds: number): void {
  res.cookie(WEB_SESSION_COOKIE, accessToken, {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.secure,
    path: '/',
    maxAge: maxAgeSeconds * 1000,
  });
}

export function clearWebSession(req: Request, res: Response): void {
  res.clearCookie(WEB_SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
}

/** The access token the browser holds, if any (the Cookie header, parsed without echoing anything). */
export function webSessionToken(req: Request): string | undefined {
  const value = cookieValue(req, WEB_SESSION_COOKIE);
  return value !== undefined && /^[A-Za-z0-9._-]{1,4096}$/.test(value) ? value : undefined;
}
