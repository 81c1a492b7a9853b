import type { Command } from 'commander';
import { isSlug } from '@coffer/contract/rules';
import { apiClient, normaliseApiUrl } from '../api.js';
import { CliError, EXIT } from '../errors.js';
import { printJson, shown } from '../output.js';
import { checkTokenText, Session } from '../session.js';
import { promptSecret } from '../prompt.js';
import { removeSnapshots } from '../snapshot.js';
import { examples, readStdin, withCommon, type CommonOptions } from './common.js';

interface LoginOptions extends CommonOptions {
  apiUrl?: string;
  token?: string;
  tokenStdin?: boolean;
  verify: boolean;
  allowHttp?: boolean;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

export function registerAuth(program: Command): void {
  const login = withCommon(program.command('login'))
    .description('store the API URL and a token (encrypted at rest) in the config directory')
    .option('--api-url <url>', 'the Coffer server, e.g. https://coffer.example.com')
    .option('--token <token>', 'the API token (lands in shell history: prefer --token-stdin)')
    .option('--token-stdin', 'read the token from stdin')
    .option('--no-verify', 'do not check the token against the server')
    .option('--allow-http', 'accept a plain http:// URL to a host other than this machine (the token travels in clear)')
    .action(async (options: LoginOptions) => {
      const session = new Session();
      if (options.token !== undefined && options.tokenStdin) throw new CliError('give either --token or --token-stdin, not both', EXIT.USAGE);
      let token = options.token;
      const file = session.store.load();
      const rawUrl = options.apiUrl ?? file.apiUrl;
      if (!rawUrl) throw new CliError('no API URL: pass --api-url', EXIT.USAGE);
      const apiUrl = normaliseApiUrl(rawUrl);
      const { protocol, hostname } = new URL(apiUrl);
      if (protocol === 'http:' && !LOOPBACK.test(hostname) && !options.allowHttp) {
        throw new CliError(`${apiUrl} would carry the token unencrypted: use https://, or pass --allow-http if the network is trusted`, EXIT.USAGE);
      }
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
    'coffer login --api-url https://coffer.example.com          # asks for the token, input hidden',
    'coffer login --api-url https://coffer.example.com --token-stdin < token.txt',
    'pass show coffer | coffer login --api-url http://127.0.0.1:8080 --token-stdin',
    'COFFER_API_URL=... COFFER_TOKEN=... coffer secrets list    # CI: no login needed',
  ]);

  const logout = withCommon(program.command('logout'))
    .description('remove the stored token and the offline snapshots (the API URL and context stay)')
    .action((options: CommonOptions) => {
      const session = new Session();
      const had = Boolean(session.store.load().token);
      // Snapshots first: if they cannot be removed, the token stays and logout can be run again.
      const snapshots = removeSnapshots(session.store);
      if (had) session.store.update(({ token: _token, ...rest }) => rest);
      if (options.json) printJson({ removed: had, snapshotsRemoved: snapshots });
      else process.stdout.write(`${had ? 'Logged out: the stored token is removed' : 'No stored token'}${snapshots ? '; offline snapshots removed' : ''}\n`);
    });
  examples(logout, ['coffer logout']);
}
