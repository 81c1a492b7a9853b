import { isIP } from 'node:net';
import { matching, optional, publicUrl, url, withDefault, type Problem } from '@coffer/config';

/** A provider's name in URLs and in the identities it vouches for (the Auth service takes the same shape). */
export const PROVIDER_NAME = /^[a-z][a-z0-9-]{0,31}$/;

/** Paths under /api/v1/auth/sso/ that are pages of their own, not providers. */
export const RESERVED_NAMES: readonly string[] = ['signed-in'];

export const GOOGLE_ISSUER = 'https://accounts.google.com';

const clientId = () => matching(/^[\x21-\x7e]{1,512}$/, 'a client id of printable ASCII, at most 512 characters');
const clientSecret = () => matching(/^[\x21-\x7e]{1,1024}$/, 'a client secret of printable ASCII, at most 1024 characters');

/**
 * The gateway's single sign-on variables, spread into its slice. COFFER_PUBLIC_URL is the Auth
 * service's too (the same parser and default, read from the same environment): the redirect URI a
 * provider knows must be where people reach the platform.
 */
export const ssoVariables = {
  COFFER_PUBLIC_URL: publicUrl(),
  COFFER_OIDC_ISSUER: optional(url(['https', 'http'])),
  COFFER_OIDC_CLIENT_ID: optional(clientId()),
  COFFER_OIDC_CLIENT_SECRET: optional(clientSecret()),
  COFFER_OIDC_NAME: withDefault(matching(PROVIDER_NAME, 'a lowercase name: a letter, then letters, digits or -, at most 32'), 'oidc'),
  COFFER_OIDC_SCOPES: withDefault(
    matching(/^[\x21\x23-\x5b\x5d-\x7e]+(?: [\x21\x23-\x5b\x5d-\x7e]+){0,31}$/, 'scopes separated by single spaces'),
    'openid email profile',
  ),
  COFFER_GITHUB_CLIENT_ID: optional(clientId()),
  COFFER_GITHUB_CLIENT_SECRET: optional(clientSecret()),
  /** GitHub Enterprise Server's address (its API under /api/v3); github.com when unset. */
  COFFER_GITHUB_URL: optional(url(['https', 'http'])),
  COFFER_GOOGLE_CLIENT_ID: optional(clientId()),
  COFFER_GOOGLE_CLIENT_SECRET: optional(clientSecret()),
};

type Values = { [Name in keyof typeof ssoVariables]: string | undefined };

export interface OidcProviderSettings {
  kind: 'oidc';
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
}

/** Where GitHub's OAuth app flow and the API it reads the person from live. */
export interface GithubEndpoints {
  authorizationURL: string;
  tokenURL: string;
  userProfileURL: string;
  userEmailURL: string;
}

export interface GithubProviderSettings {
  kind: 'github';
  name: 'github';
  clientId: string;
  clientSecret: string;
  endpoints: GithubEndpoints;
}

/** github.com's endpoints, or a GitHub Enterprise Server's at `base` (the same paths, the API under /api/v3). */
export function githubEndpoints(base: string | undefined): GithubEndpoints {
  const web = (base ?? 'https://github.com').replace(/\/+$/, '');
  const api = base === undefined ? 'https://api.github.com' : `${web}/api/v3`;
  return {
    authorizationURL: `${web}/login/oauth/authorize`,
    tokenURL: `${web}/login/oauth/access_token`,
    userProfileURL: `${api}/user`,
    userEmailURL: `${api}/user/emails`,
  };
}

export type ProviderSettings = OidcProviderSettings | GithubProviderSettings;

export interface SsoSettings {
  /** Where people reach the platform, without a trailing slash: the base of every redirect URI. */
  publicUrl: string;
  /** The configured providers (a pair of id and secret each); none: single sign-on is off. */
  providers: ProviderSettings[];
  /** Each half-configured provider, to be reported at start rather than ignored. */
  problems: Problem[];
}

const both = (id: string | undefined, secret: string | undefined) => id !== undefined && secret !== undefined;

function pairProblems(prefix: string, id: string | undefined, secret: string | undefined): Problem[] {
  if (id !== undefined && secret === undefined) return [{ variable: `${prefix}_CLIENT_SECRET`, message: `required when ${prefix}_CLIENT_ID is set` }];
  if (id === undefined && secret !== undefined) return [{ variable: `${prefix}_CLIENT_ID`, message: `required when ${prefix}_CLIENT_SECRET is set` }];
  return [];
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Plain HTTP only to this machine (a provider under test or development); anywhere else the code and tokens would cross in clear. */
function isLoopback(hostname: string): boolean {
  return LOOPBACK_NAMES.has(hostname) || (isIP(hostname) === 4 && hostname.startsWith('127.'));
}

/** A provider's address: https (http only on this machine), and nothing but the address. */
function serverUrlProblems(variable: string, value: string, what: string): Problem[] {
  const url = new URL(value);
  const problems: Problem[] = [];
  if (url.protocol === 'http:' && !isLoopback(url.hostname))
    problems.push({ variable, message: 'must be an https:// URL (http:// only on a loopback address)' });
  if (url.search || url.hash) problems.push({ variable, message: `must be ${what}, without a query or fragment` });
  return problems;
}

export function ssoSettings(env: Values): SsoSettings {
  const problems: Problem[] = [];
  const providers: ProviderSettings[] = [];
  const oidc = { id: env.COFFER_OIDC_CLIENT_ID, secret: env.COFFER_OIDC_CLIENT_SECRET, issuer: env.COFFER_OIDC_ISSUER };
  const name = env.COFFER_OIDC_NAME ?? 'oidc';
  const scopes = env.COFFER_OIDC_SCOPES ?? 'openid email profile';

  const anyOidc = oidc.id !== undefined || oidc.secret !== undefined || oidc.issuer !== undefined;
  if (anyOidc) {
    problems.push(...pairProblems('COFFER_OIDC', oidc.id, oidc.secret));
    if (oidc.issuer === undefined) problems.push({ variable: 'COFFER_OIDC_ISSUER', message: 'required when COFFER_OIDC_CLIENT_ID is set' });
    else {
      problems.push(...serverUrlProblems('COFFER_OIDC_ISSUER', oidc.issuer, 'the issuer URL'));
    }
    if (!scopes.split(' ').includes('openid')) problems.push({ variable: 'COFFER_OIDC_SCOPES', message: 'must include openid' });
    if (!scopes.split(' ').includes('email'))
      problems.push({ variable: 'COFFER_OIDC_SCOPES', message: 'must include email: an account is linked by its address' });
    const taken = (preset: string, id: string | undefined) => name === preset && id !== undefined;
    if (RESERVED_NAMES.includes(name) || taken('github', env.COFFER_GITHUB_CLIENT_ID) || taken('google', env.COFFER_GOOGLE_CLIENT_ID)) {
      problems.push({ variable: 'COFFER_OIDC_NAME', message: 'is taken by a page or a configured preset: choose another name' });
    }
    if (both(oidc.id, oidc.secret) && oidc.issuer !== undefined) {
      providers.push({ kind: 'oidc', name, issuer: oidc.issuer, clientId: oidc.id!, clientSecret: oidc.secret!, scopes });
    }
  }

  problems.push(...pairProblems('COFFER_GOOGLE', env.COFFER_GOOGLE_CLIENT_ID, env.COFFER_GOOGLE_CLIENT_SECRET));
  if (both(env.COFFER_GOOGLE_CLIENT_ID, env.COFFER_GOOGLE_CLIENT_SECRET)) {
    providers.push({
      kind: 'oidc',
      name: 'google',
      issuer: GOOGLE_ISSUER,
      clientId: env.COFFER_GOOGLE_CLIENT_ID!,
      clientSecret: env.COFFER_GOOGLE_CLIENT_SECRET!,
      scopes: 'openid email profile',
    });
  }

  problems.push(...pairProblems('COFFER_GITHUB', env.COFFER_GITHUB_CLIENT_ID, env.COFFER_GITHUB_CLIENT_SECRET));
  if (env.COFFER_GITHUB_URL !== undefined) problems.push(...serverUrlProblems('COFFER_GITHUB_URL', env.COFFER_GITHUB_URL, 'the server URL'));
  if (both(env.COFFER_GITHUB_CLIENT_ID, env.COFFER_GITHUB_CLIENT_SECRET)) {
    providers.push({
      kind: 'github',
      name: 'github',
      clientId: env.COFFER_GITHUB_CLIENT_ID!,
      clientSecret: env.COFFER_GITHUB_CLIENT_SECRET!,
      endpoints: githubEndpoints(env.COFFER_GITHUB_URL),
    });
  }

  return { publicUrl: env.COFFER_PUBLIC_URL ?? 'http://127.0.0.1:8080', providers, problems };
}

/** `${COFFER_PUBLIC_URL}/api/v1/auth/sso/<name>/callback`: the redirect URI to register at the provider. */
export const callbackUrl = (publicUrl: string, name: string) => `${publicUrl}/api/v1/auth/sso/${name}/callback`;
