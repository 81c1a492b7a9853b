import { timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import passportModule from 'passport';
import * as client from 'openid-client';
import { z } from 'zod';
import { isCofferError, type ErrorCode } from '@coffer/contract';
import { unary, type AuthServiceClient } from '@coffer/grpc';
import type { Logger } from '@coffer/telemetry';
import { remainingMs } from '../request-deadline.js';
import { setWebSession } from '../web/session-cookie.js';
import type { SsoSettings } from './config.js';
import { fromThisSite } from '../web/csrf.js';
import { formBody } from '../web/form-body.js';
import { SECOND_FACTOR_PATH, SIGNED_IN_PATH, sendRefusal, sendSecondFactorPage, sendSignedInPage } from './pages.js';
import { createProvider, passportSession, type FlowSecrets, type FlowSession, type SsoProvider, type VerifiedIdentity } from './providers.js';
import { isSameSitePath, MAX_RETURN_TO } from './return-to.js';
import { sealedCookie } from './sealed-cookie.js';

/** Under the identity rate limit with every other /api/v1/auth/ path. */
export const SSO_BASE_PATH = '/api/v1/auth/sso';

/** How long a sign-in may take at the provider (login, consent, a second factor there). */
const FLOW_SECONDS = 600;
/** How long a person has to type the second factor: the Auth service's challenge lives five minutes. */
const SECOND_FACTOR_SECONDS = 300;
/** A callback calls the provider (token, keys, perhaps UserInfo) and then the Auth service. */
const CALLBACK_BUDGET_MS = 15_000;
const PROVIDER_TIMEOUT_SECONDS = 5;

export interface SsoDeps {
  settings: SsoSettings;
  auth: AuthServiceClient;
  /** The gateway's service assertion for the Auth service: only it may vouch for an identity. */
  serviceAssertion(): Promise<string>;
  /** Seals the flow and second-factor cookies (deriveCookieKey). */
  cookieKey: Buffer;
  logger: Logger;
}

const flowSchema = z.object({
  provider: z.string(),
  state: z.string().min(1),
  nonce: z.string().min(1).optional(),
  codeVerifier: z.string().min(43),
  returnTo: z.string().optional(),
});
type Flow = z.infer<typeof flowSchema>;

const challengeSchema = z.object({ challenge: z.string().min(1), returnTo: z.string().optional() });

const startQuery = z.object({ returnTo: z.string().max(MAX_RETURN_TO).optional() }).strict();
const secondFactorForm = z.object({ code: z.string().max(16).optional(), recoveryCode: z.string().max(64).optional() }).strict();

const NO_CHALLENGE = 'no sign-in is waiting for a second factor in this browser: start again';
const NOT_STARTED_HERE = 'state: this sign-in was not started in this browser, or it has expired; start again';

const sameText = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/** Why a provider's answer was refused, as fixed text; the library's own message may quote the provider. */
function refusalOf(err: unknown): { code: ErrorCode; message: string; kind: string } {
  if (err instanceof client.AuthorizationResponseError || err instanceof client.ResponseBodyError) {
    return {
      code: 'UNAUTHENTICATED',
      message: 'the identity provider refused the sign-in (an expired or used code, or a denied consent): start again',
      kind: 'refused',
    };
  }
  if (err instanceof client.ClientError) {
    return { code: 'UNAUTHENTICATED', message: "the identity provider's answer could not be verified: start again", kind: 'unverified' };
  }
  const name = err instanceof Error ? err.name : '';
  // passport-oauth2's: the provider answered the token or profile request with an error.
  // And a plain Error with this message when the token answer held no access token: GitHub answers a
  // bad, expired or used code with 200 and an `error` member.
  const noToken = err instanceof Error && name === 'Error' && err.message === 'Failed to obtain access token';
  if (noToken || ['AuthorizationError', 'TokenError', 'InternalOAuthError'].includes(name)) {
    return {
      code: 'UNAUTHENTICATED',
      message: 'the identity provider refused the sign-in (an expired or used code, or a denied consent): start again',
      kind: 'refused',
    };
  }
  return { code: 'UNAVAILABLE', message: 'the identity provider could not be reached: try again shortly', kind: 'unreachable' };
}

/**
 * Single sign-on through passport strategies (router mounted at SSO_BASE_PATH):
 *
 * - `GET /:provider?returnTo=/path` starts: a redirect to the provider with a state, a nonce (OpenID
 *   Connect) and a PKCE S256 challenge, all remembered in a sealed cookie, not on the server: any
 *   gateway of the deployment finishes the sign-in.
 * - `GET /:provider/callback` matches the state to the cookie, redeems the code with the verifier,
 *   has the ID token verified (signature by the provider's keys, issuer, audience, expiry, nonce),
 *   and asks the Auth service to sign the person in. A session becomes the browser's web session
 *   and the browser goes to `returnTo` (or the signed-in page); a second factor goes to its page.
 * - `GET|POST /2fa` takes the second factor, the challenge staying in its own sealed cookie, which a
 *   cross-site form never carries (SameSite=Lax): nobody can sign a browser into their account.
 */
export function createSsoRouter(deps: SsoDeps): Router {
  const { settings, logger } = deps;
  const providerOptions = { publicUrl: settings.publicUrl, timeoutSeconds: PROVIDER_TIMEOUT_SECONDS };
  const providers = new Map<string, SsoProvider>(settings.providers.map((provider) => [provider.name, createProvider(provider, providerOptions)]));
  const passport = new passportModule.Passport();
  const cookiePath = `${SSO_BASE_PATH}/`;
  const flowCookie = sealedCookie<Flow>(deps.cookieKey, { name: 'coffer_sso_flow', path: cookiePath, maxAgeSeconds: FLOW_SECONDS, schema: flowSchema });
  const challengeCookie = sealedCookie(deps.cookieKey, {
    name: 'coffer_sso_2fa',
    path: cookiePath,
    maxAgeSeconds: SECOND_FACTOR_SECONDS,
    schema: challengeSchema,
  });

  const router = express.Router();
  const clientOf = (req: Request, res: Response) => ({
    ip: (res.locals.clientAddress as string | undefined) ?? req.ip ?? '',
    userAgent: (req.get('user-agent') ?? '').slice(0, 512),
  });
  const callContext = async (res: Response) => ({ requestId: res.locals.requestId as string, serviceAssertion: await deps.serviceAssertion() });

  function providerOf(req: Request, res: Response): SsoProvider | undefined {
    const provider = providers.get(String(req.params.provider));
    if (!provider) sendRefusal(req, res, 'NOT_FOUND', 'no single sign-on provider of this name is configured');
    return provider;
  }

  async function strategyOf(req: Request, res: Response, provider: SsoProvider) {
    try {
      const strategy = await provider.strategy();
      passport.use(provider.name, strategy);
      return true;
    } catch (err) {
      logger.warn({ provider: provider.name, cause: err instanceof Error ? err.name : 'unknown' }, 'single sign-on provider metadata could not be fetched');
      sendRefusal(req, res, 'UNAVAILABLE', 'the identity provider could not be reached: try again shortly');
      return false;
    }
  }

  /** Where the browser goes once signed in. */
  function finish(res: Response, returnTo: string | undefined): void {
    res.redirect(303, returnTo ?? SIGNED_IN_PATH);
  }

  async function signIn(req: Request, res: Response, name: string, identity: VerifiedIdentity, returnTo: string | undefined): Promise<void> {
    const reply = await unary(
      deps.auth,
      'SignInWithIdentity',
      { provider: name, ...identity, client: clientOf(req, res) },
      { ctx: await callContext(res), deadlineMs: remainingMs(res, CALLBACK_BUDGET_MS) },
    );
    if (reply.secondFactorRequired) {
      challengeCookie.write(req, res, { challenge: reply.challenge, ...(returnTo ? { returnTo } : {}) });
      res.redirect(303, SECOND_FACTOR_PATH);
      return;
    }
    if (!reply.tokens) throw new Error('a sign-in answered neither tokens nor a challenge');
    setWebSession(req, res, reply.tokens.accessToken, reply.tokens.expiresIn);
    finish(res, returnTo);
  }

  // The pages first: they are not providers (config.ts keeps the names apart).
  router.get('/signed-in', (_req, res) => sendSignedInPage(res));

  router.get('/2fa', (req, res) => {
    if (!challengeCookie.read(req)) return sendRefusal(req, res, 'UNAUTHENTICATED', NO_CHALLENGE);
    sendSecondFactorPage(res);
  });

  router.post('/2fa', formBody(), async (req, res) => {
    const pending = challengeCookie.read(req);
    // The challenge cookie is SameSite=Lax (no other site's form carries it); the browser's word on the origin is a second layer.
    if (!pending || !fromThisSite(req)) return sendRefusal(req, res, 'UNAUTHENTICATED', NO_CHALLENGE);
    const form = secondFactorForm.safeParse(req.body ?? {});
    if (!form.success) return sendRefusal(req, res, 'INVALID_ARGUMENT', 'code: the code from your authenticator app, or recoveryCode');
    try {
      const reply = await unary(
        deps.auth,
        'LoginSecondFactor',
        { challenge: pending.challenge, code: form.data.code ?? '', recoveryCode: form.data.recoveryCode ?? '', client: clientOf(req, res) },
        { ctx: { requestId: res.locals.requestId as string }, deadlineMs: remainingMs(res, CALLBACK_BUDGET_MS) },
      );
      if (!reply.tokens) throw new Error('a second factor answered no tokens');
      challengeCookie.clear(req, res);
      setWebSession(req, res, reply.tokens.accessToken, reply.tokens.expiresIn);
      finish(res, pending.returnTo);
    } catch (err) {
      if (!isCofferError(err)) {
        logger.error({ err }, 'single sign-on second factor failed');
        return sendRefusal(req, res, 'INTERNAL', 'internal error');
      }
      // A wrong code may be tried again (the Auth service burns the challenge after a few).
      if (err.code === 'UNAUTHENTICATED' && req.accepts(['json', 'html']) === 'html') {
        return sendSecondFactorPage(res, 401, 'That code was not accepted. Too many wrong codes end the sign-in: then start again.');
      }
      sendRefusal(req, res, err.code, err.message);
    }
  });

  router.get('/:provider', async (req, res) => {
    const provider = providerOf(req, res);
    if (!provider) return;
    const query = startQuery.safeParse(req.query);
    if (!query.success) return sendRefusal(req, res, 'INVALID_ARGUMENT', 'query: only returnTo is taken');
    const returnTo = query.data.returnTo;
    if (returnTo !== undefined && !isSameSitePath(returnTo)) {
      return sendRefusal(req, res, 'INVALID_ARGUMENT', 'returnTo: must be a path on this site, starting with a single /');
    }
    if (!(await strategyOf(req, res, provider))) return;
    const flow: FlowSession = {
      save: (secrets: FlowSecrets) => flowCookie.write(req, res, { provider: provider.name, ...secrets, ...(returnTo ? { returnTo } : {}) }),
      load: () => undefined,
    };
    (req as unknown as { session: unknown }).session = passportSession(flow);
    passport.authenticate(provider.name, { session: false }, (err: unknown) => {
      // Only a failure comes here: the redirect to the provider is the strategy's own answer.
      logger.warn({ provider: provider.name, cause: err instanceof Error ? err.name : 'unknown' }, 'single sign-on could not start');
      sendRefusal(req, res, 'UNAVAILABLE', 'the identity provider could not be reached: try again shortly');
    })(req, res, () => undefined);
  });

  router.get('/:provider/callback', async (req, res) => {
    const provider = providerOf(req, res);
    if (!provider) return;
    // Single use, whatever happens next: a callback replayed later finds no flow.
    const flow = flowCookie.read(req);
    flowCookie.clear(req, res);
    const state = typeof req.query.state === 'string' ? req.query.state : '';
    if (!flow || flow.provider !== provider.name || !sameText(state, flow.state)) {
      return sendRefusal(req, res, 'INVALID_ARGUMENT', NOT_STARTED_HERE);
    }
    if (req.query.error !== undefined) {
      return sendRefusal(req, res, 'UNAUTHENTICATED', 'the identity provider did not sign you in: start again');
    }
    if (!(await strategyOf(req, res, provider))) return;
    const { provider: _name, returnTo, ...secrets } = flow;
    (req as unknown as { session: unknown }).session = passportSession({ save: () => undefined, load: () => secrets });
    passport.authenticate(provider.name, { session: false }, (err: unknown, identity: VerifiedIdentity | false) => {
      if (err || !identity) {
        const refusal = err ? refusalOf(err) : { code: 'UNAUTHENTICATED' as const, message: NOT_STARTED_HERE, kind: 'no-state' };
        logger.info({ provider: provider.name, outcome: refusal.kind, cause: err instanceof Error ? err.name : undefined }, 'single sign-on refused');
        return sendRefusal(req, res, refusal.code, refusal.message);
      }
      signIn(req, res, provider.name, identity, returnTo).catch((failure: unknown) => {
        if (!isCofferError(failure)) {
          logger.error({ provider: provider.name, err: failure }, 'single sign-on failed');
          return sendRefusal(req, res, 'INTERNAL', 'internal error');
        }
        sendRefusal(req, res, failure.code, failure.message);
      });
    })(req, res, () => undefined);
  });

  return router;
}
