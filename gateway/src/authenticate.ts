import { createHmac } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import passport from 'passport';
import { Strategy as BearerStrategy } from 'passport-http-bearer';
import { REVOKED_ASSERTION_MESSAGE, STALE_ASSERTION_MESSAGE, principalAssertionExpiry, type Principal } from '@coffer/grpc';
import type { Lookup, PrincipalCache } from './principal-cache.js';
import { CHECKSUM_HEADER, CofferError, integrityKey, looksLikeAccessToken, networksAllow } from '@coffer/contract';

// A cached principal is dropped this long before its assertion expires, so that no call (however
// slow, whatever the clocks) reaches a service with an expired one; the next request re-authenticates.
const ASSERTION_EXPIRY_MARGIN_MS = 30_000;

export interface AuthenticateDeps {
  cache: PrincipalCache<Principal>;
  /** Asks the Auth service who holds this token, acting in `orgSlug` (a session's), within what remains of the request's (`res`) deadline. */
  authenticate(token: string, orgSlug: string, res: Response): Promise<Principal>;
}

/** The organisation a request's path names (`/orgs/{org}/...`, as the router will see it), or '' for none. */
function orgOfPath(path: string): string {
  const match = /^\/orgs\/([^/]+)/.exec(path);
  if (!match) return '';
  try {
    return decodeURIComponent(match[1] as string);
  } catch {
    return '';
  }
}

/**
 * Bearer-token authentication through passport, with the principal cached by token hash.
 * `res.locals.principal` and `res.locals.tokenHash` are set for the handlers behind it.
 */
export function bearerAuthentication({ cache, authenticate }: AuthenticateDeps): RequestHandler {
  const authenticator = new passport.Passport();
  // Concurrent first requests with one token share a single Authenticate call, unless a token was
  // evicted since it started: its answer may predate a revocation, and a later request must not get it.
  const inFlight = new Map<string, { lookup: Lookup; answer: Promise<Principal> }>();
  const lookUp = (token: string, orgSlug: string, cacheKey: string, res: Response): Promise<Principal> => {
    const pending = inFlight.get(cacheKey);
    if (pending && cache.isCurrent(pending.lookup)) return pending.answer;
    const lookup = cache.startLookup();
    const answer = authenticate(token, orgSlug, res)
      .then((principal) => {
        // Never beyond the token's own expiry either.
        const tokenExpiry = principal.expiresAt ? Date.parse(principal.expiresAt) : Infinity;
        cache.set(cacheKey, principal, lookup, Math.min(principalAssertionExpiry(principal.assertion) - ASSERTION_EXPIRY_MARGIN_MS, tokenExpiry));
        return principal;
      })
      .finally(() => {
        if (inFlight.get(cacheKey)?.answer === answer) inFlight.delete(cacheKey);
      });
    inFlight.set(cacheKey, { lookup, answer });
    return answer;
  };
  authenticator.use(
    new BearerStrategy({ passReqToCallback: true, scope: [] }, (req: Request, token: string, done: (err: unknown, user?: Principal | false) => void) => {
      const tokenHash = cache.keyOf(token);
      // A session acts in the organisation each request names, so its principals are kept per
      // organisation; an API token has one organisation whatever the path says.
      const orgSlug = looksLikeAccessToken(token) ? orgOfPath(req.path) : '';
      const cacheKey = orgSlug ? `${tokenHash}\n${orgSlug}` : tokenHash;
      const cached = cache.get(cacheKey);
      const found = cached ? Promise.resolve(cached) : lookUp(token, orgSlug, cacheKey, req.res!);
      const admitted = (principal: Principal) => networksAllow(principal.allowedCidrs, (req.res?.locals.clientAddress as string | undefined) ?? '');
      found.then(
        (principal) => {
          if (req.res) {
            const res = req.res;
            res.locals.tokenHash = tokenHash;
            // For `withRenewedPrincipal`: what a service refused leaves the cache, and Auth is asked again.
            res.locals.renewPrincipal = async () => {
              cache.evict(cacheKey);
              const renewed = await lookUp(token, orgSlug, cacheKey, res).catch((err: unknown) => {
                throw err instanceof CofferError && err.code === 'UNAUTHENTICATED'
                  ? new CofferError('UNAUTHENTICATED', 'a valid bearer token is required')
                  : err;
              });
              if (!admitted(renewed)) throw new CofferError('UNAUTHENTICATED', 'a valid bearer token is required');
              res.locals.principal = renewed;
            };
            // A key only the token's holder can derive (the hash alone is not enough): it keys the
            // idempotency fingerprints, which sit in the cache next to the token hash.
            if (req.get(CHECKSUM_HEADER) !== undefined) req.res.locals.integrityKey = integrityKey(token);
            if (req.get('idempotency-key') !== undefined) {
              req.res.locals.fingerprintKey = createHmac('sha256', token).update('coffer.idempotency-fingerprint.v1').digest();
            }
          }
          // A cached principal was admitted from some address: a token's allow-list is checked on every
          // request, and refused exactly as an unknown token is, so a thief learns nothing from it.
          done(null, admitted(principal) ? principal : false);
        },
        (err: unknown) => (err instanceof CofferError && err.code === 'UNAUTHENTICATED' ? done(null, false) : done(err)),
      );
    }),
  );

  return (req, res, next) => {
    // passport-http-bearer also reads `access_token` from the query or body, where a token ends up in
    // access logs, proxies and browser history: the Authorization header is the only place accepted.
    if (!/^bearer /i.test(req.get('authorization') ?? '')) return next(new CofferError('UNAUTHENTICATED', 'a valid bearer token is required'));
    authenticator.authenticate('bearer', { session: false }, (err: unknown, principal: Principal | false | undefined) => {
      if (err) return next(err);
      if (!principal) return next(new CofferError('UNAUTHENTICATED', 'a valid bearer token is required'));
      res.locals.principal = principal;
      next();
    })(req, res, next);
  };
}

/**
 * Whether a service refused a call's principal assertion as revoked (signed before a revocation of
 * its token or organisation) or stale (too old while that service cannot hear revocations). Both
 * refusals come before any handler runs, so the call can be sent again.
 */
export function isRenewableRefusal(err: unknown): boolean {
  return err instanceof CofferError && err.code === 'UNAUTHENTICATED' && (err.message === REVOKED_ASSERTION_MESSAGE || err.message === STALE_ASSERTION_MESSAGE);
}

/**
 * Sends a call with the request's principal (`send` reads it from `res` each time) and, when a
 * service refuses that principal as revoked or stale, once more with a fresh one from Auth: a
 * revoked token then gets 401, a principal whose grants changed gets their new decision.
 */
export async function withRenewedPrincipal<T>(res: Response, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (err) {
    const renew = res.locals.renewPrincipal as (() => Promise<void>) | undefined;
    if (!renew || !isRenewableRefusal(err)) throw err;
    await renew();
    return send();
  }
}
