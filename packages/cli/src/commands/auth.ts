import type { Command } from 'commander';
import { isSlug } from '@coffer/contract/rules';
import { apiClient, normaliseApiUrl } from '../api.js';
import { CliError, EXIT } from '../errors.js';
import { deviceLogin } from '../device-login.js';
import { formatTime, note, printJson, shown } from '../output.js';
import { checkTokenText, Session } from '../session.js';
import { promptSecret } from '../prompt.js';
import { removeSnapshots } from '../snapshot.js';
import { examples, readStdin, withCommon, type CommonOptions } from './common.js';

interface LoginOptions extends CommonOptions {
  apiUrl?: string;
  /** `--token` alone (true): ask for it with echo off. */
  token?: string | true;
  tokenStdin?: boolean;
  verify: boolean;
  allowHttp?: boolean;
  browser: boolean;
}

interface Me {
  kind: 'user' | 'api_token';
  user?: { id: string; email: string; name: string };
  memberships?: { org: { slug: string }; role: string }[];
  sessionId?: string;
  token?: {
    id: string;
    name: string;
    permissions: string[];
    grants?: { project: string; environments: string[]; permissions: string[] }[];
    expiresAt?: string;
    org?: { slug: string };
  };
}

/** What goes to the person while a device login waits: stdout, or stderr when stdout carries --json. */
function deviceInstructions(json: boolean) {
  const stream = json ? process.stderr : process.stdout;
  return (issued: { userCode: string; verificationUri: string; verificationUriComplete: string; expiresIn: number }) =>
    stream.write(
      `To log in, open this page in a browser and confirm the code:\n\n  ${shown(issued.verificationUriComplete, stream)}\n\n` +
        `  Code: ${shown(issued.userCode, stream)}   (or enter it at ${shown(issued.verificationUri, stream)})\n\n` +
        `Waiting for approval (the code expires in ${Math.round(issued.expiresIn / 60)} minutes)...\n`,
    );
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

export function registerAuth(program: Command): void {
  const login = withCommon(program.command('login'))
    .description(
      "log in: without a token, through a browser (a code to confirm on the server's page); with one, store the API URL and the token (encrypted at rest)",
    )
    .option('--api-url <url>', 'the Coffer server, e.g. https://coffer.example.com')
    .option('--token [token]', 'an API token (alone: asked for with echo off; a value lands in shell history: prefer --token-stdin)')
    .option('--token-stdin', 'read the token from stdin')
    .option('--no-browser', 'do not open a browser for the device login (print the page and code only)')
    .option('--no-verify', 'do not check the token against the server')
    .option('--allow-http', 'accept a plain http:// URL to a host other than this machine (the token travels in clear)')
    .action(async (options: LoginOptions) => {
      const session = new Session();
      if (options.token !== undefined && options.tokenStdin) throw new CliError('give either --token or --token-stdin, not both', EXIT.USAGE);
      let token = typeof options.token === 'string' ? options.token : undefined;
      const file = session.store.load();
      const rawUrl = options.apiUrl ?? file.apiUrl;
      if (!rawUrl) throw new CliError('no API URL: pass --api-url', EXIT.USAGE);
      const apiUrl = normaliseApiUrl(rawUrl);
      const { protocol, hostname } = new URL(apiUrl);
      if (protocol === 'http:' && !LOOPBACK.test(hostname) && !options.allowHttp) {
        throw new CliError(`${apiUrl} would carry the token unencrypted: use https://, or pass --allow-http if the network is trusted`, EXIT.USAGE);
      }
      if (options.token === undefined && !options.tokenStdin) return deviceFlowLogin(session, apiUrl, options, file.context?.org);
      if (options.tokenStdin) {
        if (process.stdin.isTTY) throw new CliError('--token-stdin reads the token from a pipe, e.g. coffer login --token-stdin < token.txt', EXIT.USAGE);
        token = (await readStdin()).trim();
      } else if (token === undefined && process.stdin.isTTY) {
        token = (await promptSecret('Token (input hidden): ')).trim();
      }
      if (!token) throw new CliError('no token: type it when asked, or pass --token-stdin (for scripts) or --token', EXIT.USAGE);
      checkTokenText(token);

      let orgs: string[] | undefined;
      if (options.verify) {
        const data = await apiClient(apiUrl, token).request<{ orgs: { slug: string }[] }>('GET', '/orgs');
        orgs = data.orgs.map((org) => org.slug);
      }
      session.store.update((current) => ({ ...current, apiUrl }));
      session.store.setToken(token);
      // A token belongs to one organisation: make it the default when none is chosen yet.
      if (orgs?.length === 1 && isSlug(orgs[0]!) && !file.context?.org)
        session.store.update((current) => ({ ...current, context: { ...current.context, org: orgs![0] } }));
      if (options.json) printJson({ apiUrl, orgs: orgs ?? null, config: session.store.paths.config });
      else
        process.stdout.write(
          `Logged in to ${apiUrl}${orgs ? ` (organisation ${shown(orgs.join(', '))})` : ''}; token stored encrypted in ${session.store.paths.config}\n`,
        );
    });
  examples(login, [
    'coffer login --api-url https://coffer.example.com          # confirm a code in the browser',
    'coffer login --api-url https://coffer.example.com --no-browser',
    'coffer login --api-url https://coffer.example.com --token  # asks for an API token, input hidden',
    'coffer login --api-url https://coffer.example.com --token-stdin < token.txt',
    'pass show coffer | coffer login --api-url http://127.0.0.1:8080 --token-stdin',
    'COFFER_API_URL=... COFFER_TOKEN=... coffer secrets list    # CI: no login needed',
  ]);

  const logout = withCommon(program.command('logout'))
    .description('end the session on the server (a browser login), remove the stored token and the offline snapshots (the API URL and context stay)')
    .action(async (options: CommonOptions) => {
      const session = new Session();
      const file = session.store.load();
      const had = Boolean(file.token);
      let revoked: boolean | undefined;
      const refreshToken = file.refreshToken ? session.store.refreshToken() : undefined;
      if (refreshToken && file.apiUrl) {
        try {
          await apiClient(normaliseApiUrl(file.apiUrl), '', LOGOUT_TIMEOUT_MS).request('POST', '/auth/logout', { refreshToken });
          revoked = true;
        } catch (err) {
          // The session may already have ended (401); otherwise it stays valid until it expires.
          revoked = err instanceof CliError && err.code === EXIT.UNAUTHENTICATED;
          if (!revoked)
            note(
              `could not end the session on the server (${err instanceof CliError ? err.message : 'unexpected error'}); it stays valid until it expires or is revoked from coffer's session list`,
            );
        }
      }
      // Snapshots first: if they cannot be removed, the token stays and logout can be run again.
      const snapshots = removeSnapshots(session.store);
      if (had || file.refreshToken) session.store.clearCredentials();
      if (options.json) printJson({ removed: had, sessionEnded: revoked ?? null, snapshotsRemoved: snapshots });
      else {
        const what = !had
          ? 'No stored token'
          : revoked
            ? 'Logged out: the session is ended on the server and the stored tokens are removed'
            : 'Logged out: the stored token is removed';
        process.stdout.write(`${what}${snapshots ? '; offline snapshots removed' : ''}\n`);
      }
    });
  examples(logout, ['coffer logout']);

  const whoami = withCommon(program.command('whoami'))
    .description('show who the stored token or session is (user or API token), its organisations and the API URL')
    .action(async (options: CommonOptions) => {
      const session = new Session();
      const apiUrl = session.apiUrl();
      const me = await session.client().request<Me>('GET', '/me');
      const via = process.env.COFFER_TOKEN?.trim() ? 'COFFER_TOKEN' : session.hasStoredSession() ? 'session' : 'token';
      if (options.json) return printJson({ apiUrl, credential: via, ...me });
      const lines = [`API: ${shown(apiUrl)}`];
      if (me.kind === 'user' && me.user) {
        lines.push(
          `User: ${shown(me.user.email)}${me.user.name ? ` (${shown(me.user.name)})` : ''}${via === 'session' ? ', logged in through the browser' : ''}`,
        );
        const orgs = (me.memberships ?? []).map((m) => `${shown(m.org.slug)} (${shown(m.role)})`);
        lines.push(`Organisations: ${orgs.length ? orgs.join(', ') : 'none'}`);
      } else if (me.token) {
        lines.push(`API token: ${shown(me.token.name)}${via === 'COFFER_TOKEN' ? ' (from COFFER_TOKEN)' : ''}`);
        lines.push(`Organisation: ${me.token.org ? shown(me.token.org.slug) : 'none'}`);
        if (me.token.permissions.length > 0 || !me.token.grants?.length) lines.push(`Permissions: ${shown(me.token.permissions.join(', '))}`);
        for (const grant of me.token.grants ?? []) {
          const where = `${shown(grant.project)}/${grant.environments.length ? grant.environments.map((env) => shown(env)).join(',') : '*'}`;
          lines.push(`In ${where}: ${shown(grant.permissions.join(', '))}`);
        }
        if (me.token.expiresAt) lines.push(`Expires: ${formatTime(me.token.expiresAt)}`);
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    });
  examples(whoami, ['coffer whoami', 'coffer whoami --json']);
}

const LOGOUT_TIMEOUT_MS = 10_000;

/** `coffer login` without a token: the device authorization grant, then the session's tokens stored sealed. */
async function deviceFlowLogin(session: Session, apiUrl: string, options: LoginOptions, chosenOrg: string | undefined): Promise<void> {
  const tokens = await deviceLogin(apiUrl, {
    show: deviceInstructions(Boolean(options.json)),
    openBrowser: options.browser && Boolean(process.stdout.isTTY),
  });
  checkTokenText(tokens.accessToken, 'the access token');
  checkTokenText(tokens.refreshToken, 'the refresh token');
  const me = await apiClient(apiUrl, tokens.accessToken).request<Me>('GET', '/me');
  session.store.update((current) => ({ ...current, apiUrl }));
  session.store.setSession({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresAt: new Date(Date.now() + tokens.expiresIn * 1000) });
  const orgs = (me.memberships ?? []).map((m) => m.org.slug);
  // One organisation: make it the default when none is chosen yet.
  if (orgs.length === 1 && isSlug(orgs[0]!) && !chosenOrg) session.store.update((current) => ({ ...current, context: { ...current.context, org: orgs[0] } }));
  const email = me.user?.email ?? '';
  if (options.json) printJson({ apiUrl, user: email, orgs, config: session.store.paths.config });
  else
    process.stdout.write(
      `Logged in to ${apiUrl} as ${shown(email)}${orgs.length ? ` (organisation ${shown(orgs.join(', '))})` : ''}; session stored encrypted in ${session.store.paths.config}\n`,
    );
}
