import type { Command } from 'commander';
import { isNetwork, isPermission, isSlug, PERMISSION_NAMES, SLUG_RULE } from '@coffer/contract/rules';
import { CliError, EXIT } from '../errors.js';
import { formatTime, note, printJson, shown, table } from '../output.js';
import { Session } from '../session.js';
import { parseDuration } from '../snapshot.js';
import { examples, withCommon, type CommonOptions } from './common.js';

interface IssuedToken {
  id: string;
  token: string;
  name: string;
  serviceAccount: string;
  project: string;
  environments: string[];
  permissions: string[];
  allowedCidrs: string[];
  expiresAt: string;
  createdAt: string;
}

interface TokenInfo {
  id: string;
  name: string;
  serviceAccount: string;
  project: string;
  environments: string[];
  permissions: string[];
  allowedCidrs: string[];
  expiresAt: string;
  createdAt: string;
  createdBy: string;
  lastUsedAt: string;
  lastUsedIp: string;
  revokedAt: string;
  rotatedFrom: string;
}

interface OrgOptions extends CommonOptions {
  org?: string;
}

interface CreateOptions extends OrgOptions {
  name?: string;
  serviceAccount?: string;
  project?: string;
  orgWide?: boolean;
  env?: string[];
  perm?: string[];
  expires?: number;
  cidr?: string[];
}

const out = (text: string) => process.stdout.write(text);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Repeatable, comma-separated: `--env a --env b,c` is [a, b, c]. */
const collect = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((part) => part.trim())];

/** A duration in whole seconds (`30s`, `10m`, `24h`, `30d`). */
function seconds(flag: string) {
  return (text: string): number => {
    const ms = parseDuration(text);
    if (ms % 1000 !== 0) throw new CliError(`${flag} must be whole seconds, e.g. 30s, 10m, 24h, 30d`, EXIT.USAGE);
    return ms / 1000;
  };
}

function checkSlug(flag: string, value: string): string {
  if (!isSlug(value)) throw new CliError(`invalid ${flag}: a slug ${SLUG_RULE}`, EXIT.USAGE);
  return value;
}

function checkTokenId(id: string): string {
  if (!UUID.test(id)) throw new CliError('invalid token id: use the ID that coffer tokens list shows', EXIT.USAGE);
  return id;
}

/** The organisation from --org, `.coffer.json` or the saved context. */
function orgOf(session: Session, options: OrgOptions): string {
  const org = session.context({ ...(options.org ? { org: options.org } : {}) }).org;
  if (!org) throw new CliError('no org selected: pass --org, or run coffer context set --org ...', EXIT.USAGE);
  return `/orgs/${encodeURIComponent(checkSlug('--org', org))}`;
}

const scopeOf = (token: { project: string; environments: string[] }) =>
  token.project ? `${token.project}/${token.environments.length > 0 ? token.environments.join(',') : '*'}` : '(organisation)';

/** The token on stdout, alone on its line (for `$(...)`); what it is, on stderr. */
function printIssued(token: IssuedToken, json: boolean | undefined, what: string): void {
  if (json) return printJson(token);
  note(
    `${what} token ${token.id} (${token.name}) for service account ${token.serviceAccount || '-'}: ${scopeOf(token)} ` +
      `[${token.permissions.join(',')}]${token.expiresAt ? `, expires ${formatTime(token.expiresAt)}` : ''}` +
      `${token.allowedCidrs.length > 0 ? `, from ${token.allowedCidrs.join(',')} only` : ''}. It is shown only this once:`,
  );
  out(`${token.token}\n`);
}

export function registerTokens(program: Command): void {
  const tokens = program.command('tokens').description('API tokens of service accounts: scoped to a project, environments and permissions');
  examples(tokens, [
    'coffer tokens create --project api --env staging --perm read,reveal,export --expires 30d --cidr 10.0.0.0/8',
    'coffer tokens list',
    'coffer tokens rotate 0b6c... --overlap 1h',
    'coffer tokens revoke 0b6c...',
  ]);

  const create = withCommon(tokens.command('create'))
    .description('issue a token (printed once): for the context project unless --project or --org-wide; every environment unless --env')
    .option('--org <slug>', 'organisation (overrides context and .coffer.json)')
    .option('--name <name>', 'what the token is for (default: the service account, or project and environments)')
    .option('--service-account <name>', 'the service account it belongs to, made if missing (default: named after the token)')
    .option('--project <slug>', 'the project it is limited to (default: the context project)')
    .option('--org-wide', 'not limited to a project (only for permissions you hold organisation-wide)')
    .option('--env <slugs>', 'an environment it is limited to; repeat or separate by commas (default: all)', collect)
    .option('--perm <names>', `permissions, comma-separated (default: read): ${PERMISSION_NAMES.join(', ')}`, collect)
    .option('--expires <duration>', 'lifetime, e.g. 30s, 10m, 24h, 30d (default: never)', seconds('--expires'))
    .option('--cidr <networks>', 'only from these addresses or CIDR networks; repeat or separate by commas', collect)
    .action(async (given: CreateOptions) => {
      const options = { ...given, env: given.env ?? [], perm: given.perm ?? [], cidr: given.cidr ?? [] };
      const session = new Session();
      const path = orgOf(session, options);
      if (options.orgWide && (options.project || options.env.length > 0)) throw new CliError('--org-wide goes without --project and --env', EXIT.USAGE);
      const project = options.orgWide ? undefined : (options.project ?? session.context({}).project);
      if (!project && options.env.length > 0) throw new CliError('--env needs a project: pass --project or run coffer context set --project ...', EXIT.USAGE);
      if (project) checkSlug('--project', project);
      for (const env of options.env) checkSlug('--env', env);
      if (options.serviceAccount) checkSlug('--service-account', options.serviceAccount);
      const unknown = options.perm.filter((perm) => !isPermission(perm));
      if (unknown.length > 0) throw new CliError(`unknown permission in --perm (one of ${PERMISSION_NAMES.join(', ')})`, EXIT.USAGE);
      const badCidr = options.cidr.find((cidr) => !isNetwork(cidr));
      if (badCidr !== undefined) throw new CliError('invalid --cidr: give an IP address or a CIDR network, e.g. 10.0.0.0/8', EXIT.USAGE);
      const name = options.name ?? options.serviceAccount ?? (project ? [project, ...options.env].join('-') : 'org-token');
      const token = await session.client().request<IssuedToken>('POST', `${path}/tokens`, {
        name,
        ...(options.serviceAccount ? { serviceAccount: options.serviceAccount } : {}),
        ...(project ? { project } : {}),
        ...(options.env.length > 0 ? { environments: options.env } : {}),
        ...(options.perm.length > 0 ? { permissions: options.perm } : {}),
        ...(options.expires !== undefined ? { expiresInSeconds: options.expires } : {}),
        ...(options.cidr.length > 0 ? { allowedCidrs: options.cidr } : {}),
      });
      printIssued(token, options.json, 'Created');
    });
  examples(create, [
    'coffer tokens create --project api --env staging --perm read,reveal,export --expires 30d',
    'coffer tokens create --name deploy --env staging --env production --perm export --cidr 10.0.0.0/8',
    'coffer tokens create --org-wide --perm read --json',
  ]);

  withCommon(tokens.command('list'))
    .description('list tokens with their scope, expiry and last use (never the token itself)')
    .option('--org <slug>', 'organisation (overrides context and .coffer.json)')
    .option('--revoked', 'include revoked tokens')
    .action(async (options: OrgOptions & { revoked?: boolean }) => {
      const session = new Session();
      const path = orgOf(session, options);
      const data = await session.client().request<{ tokens: TokenInfo[] }>('GET', `${path}/tokens${options.revoked ? '?includeRevoked=true' : ''}`);
      if (options.json) return printJson(data.tokens);
      if (data.tokens.length === 0) return void out('No tokens\n');
      out(
        table(
          ['ID', 'NAME', 'ACCOUNT', 'SCOPE', 'PERMISSIONS', 'EXPIRES', 'LAST USED', 'STATE'],
          data.tokens.map((token) => [
            token.id,
            shown(token.name),
            shown(token.serviceAccount || '-'),
            shown(scopeOf(token)),
            shown(token.permissions.join(',')),
            token.expiresAt ? formatTime(token.expiresAt) : 'never',
            token.lastUsedAt ? shown(`${formatTime(token.lastUsedAt)} from ${token.lastUsedIp || '?'}`) : 'never',
            token.revokedAt ? 'revoked' : token.expiresAt && Date.parse(token.expiresAt) <= Date.now() ? 'expired' : 'active',
          ]),
        ),
      );
    });

  withCommon(tokens.command('rotate'))
    .description('issue a new token with the same scope; the old one keeps working for --overlap (default: ends now)')
    .argument('<id>', 'the token to replace (coffer tokens list)')
    .option('--org <slug>', 'organisation (overrides context and .coffer.json)')
    .option('--overlap <duration>', 'how long the old token keeps working, at most 7d (e.g. 10m, 1h)', seconds('--overlap'))
    .action(async (id: string, options: OrgOptions & { overlap?: number }) => {
      const session = new Session();
      const path = orgOf(session, options);
      const token = await session
        .client()
        .request<IssuedToken>('POST', `${path}/tokens/${checkTokenId(id)}/rotate`, options.overlap !== undefined ? { overlapSeconds: options.overlap } : {});
      printIssued(token, options.json, `Rotated ${id} into`);
    });

  withCommon(tokens.command('revoke'))
    .description('revoke a token: it stops working everywhere within a second')
    .argument('<id>', 'the token to revoke (coffer tokens list)')
    .option('--org <slug>', 'organisation (overrides context and .coffer.json)')
    .action(async (id: string, options: OrgOptions) => {
      const session = new Session();
      const path = orgOf(session, options);
      await session.client().request('DELETE', `${path}/tokens/${checkTokenId(id)}`);
      if (options.json) return printJson({ id, revoked: true });
      out(`Revoked ${id}\n`);
    });
}
