import { expect, it } from 'vitest';
import { ssoSettings, ssoVariables } from './config.js';

type Env = Partial<Record<keyof typeof ssoVariables, string>>;
const settingsOf = (env: Env) =>
  ssoSettings({ ...Object.fromEntries(Object.keys(ssoVariables).map((name) => [name, undefined])), ...env } as Parameters<typeof ssoSettings>[0]);
const oidc = { COFFER_OIDC_ISSUER: 'https://login.example.com', COFFER_OIDC_CLIENT_ID: 'id', COFFER_OIDC_CLIENT_SECRET: 'secret' };

it('configures nothing by default, and each provider from its pair', () => {
  expect(settingsOf({})).toMatchObject({ providers: [], problems: [], publicUrl: 'http://127.0.0.1:8080' });
  const all = settingsOf({
    ...oidc,
    COFFER_GITHUB_CLIENT_ID: 'g',
    COFFER_GITHUB_CLIENT_SECRET: 's',
    COFFER_GOOGLE_CLIENT_ID: 'o',
    COFFER_GOOGLE_CLIENT_SECRET: 't',
  });
  expect(all.problems).toEqual([]);
  expect(all.providers.map((provider) => provider.name)).toEqual(['oidc', 'google', 'github']);
  expect(all.providers[1]).toMatchObject({ kind: 'oidc', issuer: 'https://accounts.google.com' });
});

it('names the variable of a half-configured or unsafe provider, never a value', () => {
  const variables = (env: Env) => settingsOf(env).problems.map((problem) => problem.variable);
  expect(variables({ COFFER_OIDC_CLIENT_ID: 'id' })).toEqual(['COFFER_OIDC_CLIENT_SECRET', 'COFFER_OIDC_ISSUER']);
  expect(variables({ COFFER_GITHUB_CLIENT_SECRET: 'secret' })).toEqual(['COFFER_GITHUB_CLIENT_ID']);
  expect(variables({ ...oidc, COFFER_OIDC_ISSUER: 'http://login.example.com' })).toEqual(['COFFER_OIDC_ISSUER']);
  expect(variables({ ...oidc, COFFER_OIDC_ISSUER: 'http://127.0.0.1:9000' })).toEqual([]);
  expect(variables({ ...oidc, COFFER_OIDC_SCOPES: 'openid profile' })).toEqual(['COFFER_OIDC_SCOPES']);
  expect(variables({ ...oidc, COFFER_OIDC_NAME: 'signed-in' })).toEqual(['COFFER_OIDC_NAME']);
  expect(variables({ ...oidc, COFFER_OIDC_NAME: 'github', COFFER_GITHUB_CLIENT_ID: 'g', COFFER_GITHUB_CLIENT_SECRET: 's' })).toEqual(['COFFER_OIDC_NAME']);
  expect(JSON.stringify(settingsOf({ COFFER_OIDC_CLIENT_SECRET: 'hunter2-secret' }).problems)).not.toContain('hunter2');
});

it("reads GitHub at github.com, or at a GitHub Enterprise Server's address with its API under /api/v3", () => {
  const github = { COFFER_GITHUB_CLIENT_ID: 'g', COFFER_GITHUB_CLIENT_SECRET: 's' };
  expect(settingsOf(github).providers[0]).toMatchObject({
    endpoints: {
      authorizationURL: 'https://github.com/login/oauth/authorize',
      tokenURL: 'https://github.com/login/oauth/access_token',
      userProfileURL: 'https://api.github.com/user',
      userEmailURL: 'https://api.github.com/user/emails',
    },
  });
  expect(settingsOf({ ...github, COFFER_GITHUB_URL: 'https://git.example.com/' }).providers[0]).toMatchObject({
    endpoints: {
      authorizationURL: 'https://git.example.com/login/oauth/authorize',
      tokenURL: 'https://git.example.com/login/oauth/access_token',
      userProfileURL: 'https://git.example.com/api/v3/user',
      userEmailURL: 'https://git.example.com/api/v3/user/emails',
    },
  });
  const variables = (env: Env) => settingsOf(env).problems.map((problem) => problem.variable);
  expect(variables({ ...github, COFFER_GITHUB_URL: 'http://git.example.com' })).toEqual(['COFFER_GITHUB_URL']);
  expect(variables({ ...github, COFFER_GITHUB_URL: 'https://git.example.com/?x=1' })).toEqual(['COFFER_GITHUB_URL']);
  expect(variables({ ...github, COFFER_GITHUB_URL: 'http://127.0.0.1:9000' })).toEqual([]);
});
