import type { Command } from 'commander';
import { isOrgRole, isPermission, isSlug, ORG_ROLE_NAMES, SLUG_RULE } from '@coffer/contract/rules';
import type { ApiClient } from '../api.js';
import { CliError, EXIT } from '../errors.js';
import { formatTime, printJson, shown, table } from '../output.js';
import { Session } from '../session.js';
import { examples, withCommon, type CommonOptions } from './common.js';

export interface OrgOptions extends CommonOptions {
  org?: string;
}

interface Member {
  userId: string;
  email: string;
  name: string;
  role: string;
  breakGlass: boolean;
  twoFactorEnabled: boolean;
  joinedAt: string;
}

export const out = (text: string) => process.stdout.write(text);

/** `--org` (and `--json`): the organisation of the saved context or `.coffer.json` unless given. */
export function withOrg(command: Command): Command {
  return withCommon(command).option('--org <slug>', 'organisation (overrides context and .coffer.json)');
}

/** The client and `/orgs/{org}` of the organisation chosen; a usage error when there is none. */
export function orgScoped(options: OrgOptions): { api: ApiClient; org: string } {
  const session = new Session();
  const org = session.context({ ...(options.org !== undefined ? { org: options.org } : {}) }).org;
  if (!org) throw new CliError('no organisation selected: pass --org, or run coffer context set --org ...', EXIT.USAGE);
  if (!isSlug(org)) throw new CliError(`--org must be a slug: it ${SLUG_RULE}`, EXIT.USAGE);
  return { api: session.client(), org: `/orgs/${org}` };
}

/** `a,b` as a list of permission names, refused before anything is sent when one is not a permission. */
export function permissionList(value: string): string[] {
  const names = [
    ...new Set(
      value
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean),
    ),
  ];
  if (names.length === 0) throw new CliError('--perm needs at least one permission, e.g. --perm read,reveal', EXIT.USAGE);
  const unknown = names.filter((name) => !isPermission(name));
  if (unknown.length > 0) throw new CliError(`unknown permission in --perm: ${unknown.join(', ')}`, EXIT.USAGE);
  return names;
}

/** A member's id by email (addresses are shown to members and to managers of members). */
async function memberId(api: ApiClient, org: string, email: string): Promise<string> {
  const { members } = await api.request<{ members: Member[] }>('GET', `${org}/members`);
  const found = members.find((member) => member.email !== '' && member.email.toLowerCase() === email.trim().toLowerCase());
  if (!found) throw new CliError(`member '${email}' not found`, EXIT.NOT_FOUND);
  return found.userId;
}

export function registerMembers(program: Command): void {
  const members = program.command('members').description("the organisation's members and their roles (owner, admin, member)");
  examples(members, ['coffer members list', 'coffer members set-role ana@example.com admin', 'coffer members remove bob@example.com']);

  withOrg(members.command('list'))
    .description('list members: email, name, role, break-glass, two-factor')
    .action(async (options: OrgOptions) => {
      const { api, org } = orgScoped(options);
      const data = await api.request<{ members: Member[] }>('GET', `${org}/members`);
      if (options.json) return printJson(data.members);
      out(
        table(
          ['EMAIL', 'NAME', 'ROLE', 'BREAK-GLASS', '2FA', 'JOINED'],
          data.members.map((m) => [
            shown(m.email || m.userId),
            shown(m.name),
            shown(m.role),
            m.breakGlass ? 'yes' : '',
            m.twoFactorEnabled ? 'yes' : '',
            formatTime(m.joinedAt),
          ]),
        ),
      );
    });

  withOrg(members.command('set-role'))
    .description(`change a member's organisation role: ${ORG_ROLE_NAMES.join(', ')}`)
    .argument('<email>')
    .argument('<role>')
    .option('--break-glass <on|off>', 'also allow (or stop allowing) them to open break-glass access (admins only)')
    .action(async (email: string, role: string, options: OrgOptions & { breakGlass?: string }) => {
      if (!isOrgRole(role)) throw new CliError(`the role must be one of: ${ORG_ROLE_NAMES.join(', ')}`, EXIT.USAGE);
      if (options.breakGlass !== undefined && options.breakGlass !== 'on' && options.breakGlass !== 'off') {
        throw new CliError('--break-glass takes on or off', EXIT.USAGE);
      }
      const { api, org } = orgScoped(options);
      const userId = await memberId(api, org, email);
      const body = { role, ...(options.breakGlass !== undefined ? { breakGlass: options.breakGlass === 'on' } : {}) };
      const member = await api.request<Member>('PATCH', `${org}/members/${userId}`, body);
      if (options.json) return printJson(member);
      out(`${shown(member.email || email)} is now ${shown(member.role)}${member.breakGlass ? ' (may open break-glass access)' : ''}\n`);
    });

  withOrg(members.command('remove'))
    .description('remove a member from the organisation, with every grant they hold')
    .argument('<email>')
    .action(async (email: string, options: OrgOptions) => {
      const { api, org } = orgScoped(options);
      const userId = await memberId(api, org, email);
      await api.request('DELETE', `${org}/members/${userId}`);
      if (options.json) return printJson({ removed: true, userId });
      out(`Removed ${shown(email)}\n`);
    });
}
