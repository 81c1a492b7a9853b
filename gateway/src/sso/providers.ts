import { randomBytes } from 'node:crypto';
import type { Request } from 'express';
import * as client from 'openid-client';
import { Strategy as OidcStrategy, type AuthenticateOptions } from 'openid-client/passport';
import type { Strategy as PassportStrategy } from 'passport';
import { Strategy as GithubStrategy, type Profile as GithubProfile } from 'passport-github2';
import { MAX_NAME_LENGTH } from '@coffer/contract';
import { callbackUrl, type GithubProviderSettings, type OidcProviderSettings, type ProviderSettings } from './config.js';

/** What a provider vouches for, once its answer is verified: the input of Auth.SignInWithIdentity. */
export interface VerifiedIdentity {
  subject: string;
  email: string;
  emailVerified: boolean;
  name: string;
}

/** What one sign-in must remember between its start and its callback (kept in the sealed flow cookie). */
export interface FlowSecrets {
  state: string;
  /** OpenID Connect only: the ID token must carry it. */
  nonce?: string;
  codeVerifier: string;
}

/**
 * Where a strategy keeps its flow secrets: the router hands each request one of these (as
 * `req.session`, the place passport strategies look), writing them to the sealed cookie at the
 * start and reading them from it at the callback.
 */
export interface FlowSession {
  save(secrets: FlowSecrets): void;
  load(): FlowSecrets | undefined;
}

const FLOW_SESSION_KEY = 'coffer-sso';

const flowSessionOf = (req: Request) => (req as unknown as { session?: { [FLOW_SESSION_KEY]?: FlowSession } }).session?.[FLOW_SESSION_KEY];

type StateStore = NonNullable<ConstructorParameters<typeof GithubStrategy>[0]['store']>;

export interface ProviderOptions {
  publicUrl: string;
  /** Seconds an HTTP request to a provider may take. */
  timeoutSeconds: number;
}

export interface SsoProvider {
  readonly name: string;
  /** The passport strategy; an OpenID Connect one once the provider's metadata is discovered (then kept). */
  strategy(): Promise<PassportStrategy>;
}

const ID_TOKEN_STATE_KEY = 'coffer-sso-oidc';

/**
 * openid-client's strategy sends PKCE alone when the provider supports it; this one always sends a
 * state and a nonce as well (the ID token must then carry the nonce), and keeps what the strategy
 * stores in the request's flow session instead of a server-side session.
 */
class CofferOidcStrategy extends OidcStrategy {
  override authorizationRequestParams<T extends AuthenticateOptions>(req: Request, options: T): URLSearchParams {
    const params = new URLSearchParams(super.authorizationRequestParams(req, options));
    params.set('state', client.randomState());
    params.set('nonce', client.randomNonce());
    return params;
  }
}

interface OidcStateData {
  code_verifier: string;
  nonce?: string;
  state?: string;
}

/**
 * The `req.session` of one request, backed by its flow session: passport-oauth2's store (below)
 * finds the flow session itself; openid-client's strategy reads and writes its own record.
 */
export function passportSession(flow: FlowSession): Record<string, unknown> {
  const view: Record<string, unknown> = { [FLOW_SESSION_KEY]: flow };
  Object.defineProperty(view, ID_TOKEN_STATE_KEY, {
    configurable: true,
    enumerable: true,
    get: (): OidcStateData | undefined => {
      const secrets = flow.load();
      return secrets && { code_verifier: secrets.codeVerifier, state: secrets.state, ...(secrets.nonce ? { nonce: secrets.nonce } : {}) };
    },
    set: (data: OidcStateData) => {
      // The subclass above always sends both; a provider config that dropped them would not get this far.
      if (!data.state || !data.nonce) throw new Error('an OpenID Connect sign-in needs a state and a nonce');
      flow.save({ state: data.state, nonce: data.nonce, codeVerifier: data.code_verifier });
    },
  });
  return view;
}

const claimText = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * The person in a verified token response: the ID token's claims, or, when it carries no address
 * (providers that follow OpenID Connect to the letter put scope claims only in UserInfo), UserInfo's,
 * whose `sub` must be the ID token's. Address and its `email_verified` come from the same place.
 */
async function identityOf(config: client.Configuration, tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers): Promise<VerifiedIdentity> {
  const claims = tokens.claims();
  if (!claims) throw new client.ClientError('the token response carried no ID token');
  let source: Record<string, unknown> = claims;
  if (typeof claims.email !== 'string') source = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
  return {
    subject: claims.sub,
    email: claimText(source.email),
    emailVerified: source.email_verified === true,
    name: claimText(claims.name ?? source.name).slice(0, MAX_NAME_LENGTH),
  };
}

function oidcProvider(settings: OidcProviderSettings, options: ProviderOptions): SsoProvider {
  const issuer = new URL(settings.issuer);
  let ready: Promise<PassportStrategy> | undefined;

  async function discover(): Promise<PassportStrategy> {
    // client_secret_basic: OpenID Connect's default method, the one a registered client gets unless it asks for another.
    const config = await client.discovery(issuer, settings.clientId, undefined, client.ClientSecretBasic(settings.clientSecret), {
      timeout: options.timeoutSeconds,
      // Plain HTTP is only ever configured for a loopback issuer (config.ts refuses it elsewhere).
      // Non-repudiation checks: the ID token's signature is verified against the provider's JWKS,
      // not only its claims (openid-client trusts TLS alone for it otherwise).
      execute: [...(issuer.protocol === 'http:' ? [client.allowInsecureRequests] : []), client.enableNonRepudiationChecks],
    });
    const strategy = new CofferOidcStrategy(
      { config, name: settings.name, sessionKey: ID_TOKEN_STATE_KEY, callbackURL: callbackUrl(options.publicUrl, settings.name), scope: settings.scopes },
      (tokens, verified) => {
        identityOf(config, tokens).then(
          (identity) => verified(null, identity),
          (err: unknown) => verified(err),
        );
      },
    );
    // openid-client types `authenticate` with its own `this`; passport calls it on an object made from this strategy.
    return strategy as unknown as PassportStrategy;
  }

  return {
    name: settings.name,
    strategy() {
      // A failed discovery is tried again by the next sign-in, not remembered.
      ready ??= discover().catch((err: unknown) => {
        ready = undefined;
        throw err;
      });
      return ready;
    },
  };
}

/**
 * passport-oauth2's state store (the PKCE form, told apart by its arity): the flow session keeps the
 * state and the verifier. The callback's state was already matched by the router against the
 * cookie, in constant time, before any call to the provider.
 */
function flowStateStore(): StateStore {
  const store = {
    store(req: Request, verifier: string, _state: unknown, _meta: unknown, callback: (err: Error | null, state?: string) => void) {
      const flow = flowSessionOf(req);
      if (!flow) return callback(new Error('no flow session'));
      const state = randomBytes(32).toString('base64url');
      flow.save({ state, codeVerifier: verifier });
      callback(null, state);
    },
    verify(req: Request, _providedState: string, callback: (err: Error | null, ok: string | false, info?: unknown) => void) {
      const secrets = flowSessionOf(req)?.load();
      callback(null, secrets ? secrets.codeVerifier : false);
    },
  };
  return store as unknown as StateStore;
}

interface GithubEmail {
  value?: unknown;
  primary?: unknown;
  verified?: unknown;
}

/**
 * GitHub's OAuth app: no ID token, so the person is GitHub's numeric user id, and the address is
 * the primary one of /user/emails, verified only when GitHub says so for that one.
 */
function githubProvider(settings: GithubProviderSettings, options: ProviderOptions): SsoProvider {
  const strategy = new GithubStrategy(
    {
      clientID: settings.clientId,
      clientSecret: settings.clientSecret,
      callbackURL: callbackUrl(options.publicUrl, settings.name),
      scope: ['read:user', 'user:email'],
      allRawEmails: true,
      pkce: true,
      store: flowStateStore(),
      userAgent: 'coffer',
      ...settings.endpoints,
    },
    (_accessToken: string, _refreshToken: string, profile: GithubProfile, done: (err: Error | null, user?: VerifiedIdentity) => void) => {
      const primary = ((profile.emails ?? []) as GithubEmail[]).find((entry) => entry.primary === true);
      done(null, {
        subject: String(profile.id),
        email: claimText(primary?.value),
        emailVerified: primary?.verified === true,
        name: (profile.displayName || profile.username || '').slice(0, MAX_NAME_LENGTH),
      });
    },
  );
  const ready = Promise.resolve(strategy as PassportStrategy);
  return { name: settings.name, strategy: () => ready };
}

export function createProvider(settings: ProviderSettings, options: ProviderOptions): SsoProvider {
  return settings.kind === 'github' ? githubProvider(settings, options) : oidcProvider(settings, options);
}
