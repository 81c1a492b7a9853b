import type { Command } from 'commander';
import { isSlug, SLUG_RULE } from '@coffer/contract/rules';
import { CliError, EXIT } from '../errors.js';
import { printJson, shown, table } from '../output.js';
import { examples } from './common.js';
import { orgScoped, out, permissionList, withOrg, type OrgOptions } from './members.js';

interface Grant {
  id: string;
  userId: string;
  email: string;
  project: string;
  environment: string;
  role: string;
  permissions: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function slugOption(flag: string) {
  return (value: string): string => {
    if (!isSlug(value)) throw new CliError(`${flag} must be a slug: it ${SLUG_RULE}`, EXIT.USAGE);
    return value;
  };
}

const place = (grant: Grant) => `${shown(grant.project)}${grant.environment ? `/${shown(grant.environment)}` : ' (every environment)'}`;

export function registerGrants(program: Command): void {
  const grants = program.command('grants').description('what members may do on a project or one of its environments; nobody grants more than they hold');
  examples(grants, [
    'coffer grants list --project api',
    'coffer grants set ana@example.com --project api --env staging --role viewer',
    'coffer grants set bob@example.com --project api --perm read,reveal,export',
    'coffer grants remove 0b7c...',
  ]);

  withOrg(grants.command('list'))
    .description('list the grants on the projects you manage')
    .option('--project <slug>', 'only this project', slugOption('--project'))
    .action(async (options: OrgOptions & { project?: string }) => {
      const { api, org } = orgScoped(options);
      const query = options.project ? `?project=${encodeURIComponent(options.project)}` : '';
      const data = await api.request<{ grants: Grant[] }>('GET', `${org}/grants${query}`);
      if (options.json) return printJson(data.grants);
      out(
        table(
          ['ID', 'MEMBER', 'PROJECT', 'ENV', 'ROLE', 'PERMISSIONS'],
          data.grants.map((g) => [g.id, shown(g.email), shown(g.project), shown(g.environment || '*'), shown(g.role), shown(g.permissions.join(','))]),
        ),
      );
    });

  withOrg(grants.command('set'))
    .description('give a member a project role or permissions on a project (every environment) or one environment; replaces what they had there')
    .argument('<email>')
    .requiredOption('--project <slug>', 'the project', slugOption('--project'))
    .option('--env <slug>', 'one environment (default: every environment of the project)', slugOption('--env'))
    .option('--role <name>', 'a project role: admin, developer, viewer or a custom one', slugOption('--role'))
    .option('--perm <a,b>', 'permissions instead of a role, comma-separated', permissionList)
    .action(async (email: string, options: OrgOptions & { project: string; env?: string; role?: string; perm?: string[] }) => {
      if ((options.role === undefined) === (options.perm === undefined)) throw new CliError('give exactly one of --role or --perm', EXIT.USAGE);
      const { api, org } = orgScoped(options);
      const grant = await api.request<Grant>('PUT', `${org}/grants`, {
        email,
        project: options.project,
        ...(options.env !== undefined ? { environment: options.env } : {}),
        ...(options.role !== undefined ? { role: options.role } : { permissions: options.perm }),
      });
      if (options.json) return printJson(grant);
      out(
        `${shown(grant.email)} holds ${grant.role ? `${shown(grant.role)} (${shown(grant.permissions.join(','))})` : shown(grant.permissions.join(','))} on ${place(grant)}\n`,
      );
    });

  withOrg(grants.command('remove'))
    .description('take a grant away, by its id (coffer grants list shows them)')
    .argument('<id>')
    .action(async (id: string, options: OrgOptions) => {
      if (!UUID.test(id)) throw new CliError('the grant id must be a UUID, as coffer grants list shows it', EXIT.USAGE);
      const { api, org } = orgScoped(options);
      await api.request('DELETE', `${org}/grants/${id.toLowerCase()}`);
      if (options.json) return printJson({ deleted: true, id });
      out(`Removed grant ${id}\n`);
    });
}
