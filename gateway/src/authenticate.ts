import { createHmac } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import passport from 'passport';
import { Strategy as BearerStrategy } from 'passport-http-bearer';
import { principalAssertionExpiry, type Principal } from '@coffer/grpc';
import type { PrincipalCache } from './principal-cache.js';
import { CHECKSUM_HEADER, CofferError, integrityKey } from '@coffer/contract';

// A cached principal is dropped this long before its assertion expires, so that no call (however
// slow, whatever the clocks) reaches a service with an expired one; the next request re-authenticates.
const ASSERTION_EXPIRY_MARGIN_MS = 30_000;

export interface AuthenticateDeps {
  cache: PrincipalCache<Principal>;
  /** Asks the Auth service who holds this token. */
  authenticate(token: string, requestId: string): Promise<Principal>;
}

/**
 * Bearer-token authentication through passport, with the principal cached by token hash.
 * `res.locals.principal` and `res.locals.tokenHash` are set for the handlers behind it.
 */
export function bearerAuthentication({ cache, authenticate }: AuthenticateDeps): RequestHandler {
  const authenticator = new passport.Passport();
  // Concurrent first requests with one token share a single Authenticate call.
  const inFlight = new Map<string, Promise<Principal>>();
  const lookUp = (token: string, tokenHash: string, requestId: string): Promise<Principal> => {
    const pending = inFlight.get(tokenHash);
    if (pending) return pending;
    const lookup = authenticate(token, requestId)
      .then((principal) => {
        cache.set(tokenHash, principal, principalAssertionExpiry(principal.assertion) - ASSERTION_EXPIRY_MARGIN_MS);
        return principal;
      })
      .finally(() => inFlight.delete(tokenHash));
    inFlight.set(tokenHash, lookup);
    return lookup;
  };
  authenticator.use(
    new BearerStrategy({ passReqToCallback: true, scope: [] }, (req: Request, token: string, done: (err: unknown, user?: Principal | false) => void) => {
      const tokenHash = cache.keyOf(token);
      const cached = cache.get(tokenHash);
      const found = cached ? Promise.resolve(cached) : lookUp(token, tokenHash, (req.res?.locals.requestId as string | undefined) ?? '');
      found.then(
        (principal) => {
          if (req.res) {
            req.res.locals.tokenHash = tokenHash;
            // A key only the token's holder can derive (the hash alone is not enough): it keys the
            // idempotency fingerprints, which sit in the cache next to the token hash.
            if (req.get(CHECKSUM_HEADER) !== undefined) req.res.locals.integrityKey = integrityKey(token);
            if (req.get('idempotency-key') !== undefined) {
              req.res.locals.fingerprintKey = createHmac('sha256', token).update('coffer.idempotency-fingerprint.v1').digest();
            }
          }
          done(null, principal);
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
