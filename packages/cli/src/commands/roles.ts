import type { Command } from 'commander';
import { isSlug, SLUG_RULE } from '@coffer/contract/rules';
import { CliError, EXIT } from '../errors.js';
import { printJson, shown, table } from '../output.js';
import { examples } from './common.js';
import { orgScoped, out, permissionList, withOrg, type OrgOptions } from './members.js';

interface Role {
  name: string;
  scope: string;
  description: string;
  permissions: string[];
  builtin: boolean;
}

type RoleOptions = OrgOptions & { perm?: string[]; description?: string };

function roleName(name: string): string {
  if (!isSlug(name)) throw new CliError(`the role name must be a slug: it ${SLUG_RULE}`, EXIT.USAGE);
  return name;
}

const done = (verb: string, role: Role) => `${verb} role ${shown(role.name)}: ${role.permissions.map((p) => shown(p)).join(', ')}\n`;

export function registerRoles(program: Command): void {
  const roles = program.command('roles').description('built-in and custom roles; custom roles are project roles made of permissions');
  examples(roles, ['coffer roles list', 'coffer roles create release-manager --perm read,reveal,approve', 'coffer roles delete release-manager']);

  withOrg(roles.command('list'))
    .description('list roles: organisation roles, then project roles (built-in first)')
    .action(async (options: OrgOptions) => {
      const { api, org } = orgScoped(options);
      const data = await api.request<{ roles: Role[] }>('GET', `${org}/roles`);
      if (options.json) return printJson(data.roles);
      out(
        table(
          ['SCOPE', 'NAME', 'PERMISSIONS', 'KIND', 'DESCRIPTION'],
          data.roles.map((r) => [shown(r.scope), shown(r.name), shown(r.permissions.join(',')), r.builtin ? 'built-in' : 'custom', shown(r.description)]),
        ),
      );
    });

  withOrg(roles.command('create'))
    .description('create a custom project role; nobody can make one holding more than they hold')
    .argument('<name>')
    .requiredOption('--perm <a,b>', 'its permissions, comma-separated', permissionList)
    .option('--description <text>', 'what it is for')
    .action(async (name: string, options: RoleOptions) => {
      const { api, org } = orgScoped(options);
      const role = await api.request<Role>('POST', `${org}/roles`, {
        name: roleName(name),
        permissions: options.perm,
        ...(options.description !== undefined ? { description: options.description } : {}),
      });
      if (options.json) return printJson(role);
      out(done('Created', role));
    });

  withOrg(roles.command('update'))
    .description("change a custom role's permissions or description")
    .argument('<name>')
    .option('--perm <a,b>', 'its new permissions, comma-separated', permissionList)
    .option('--description <text>', 'what it is for')
    .action(async (name: string, options: RoleOptions) => {
      if (options.perm === undefined && options.description === undefined) throw new CliError('give --perm or --description', EXIT.USAGE);
      const { api, org } = orgScoped(options);
      const role = await api.request<Role>('PATCH', `${org}/roles/${roleName(name)}`, {
        ...(options.perm !== undefined ? { permissions: options.perm } : {}),
        ...(options.description !== undefined ? { description: options.description } : {}),
      });
      if (options.json) return printJson(role);
      out(done('Updated', role));
    });

  withOrg(roles.command('delete'))
    .description('delete a custom role that no grant uses')
    .argument('<name>')
    .action(async (name: string, options: OrgOptions) => {
      const { api, org } = orgScoped(options);
      await api.request('DELETE', `${org}/roles/${roleName(name)}`);
      if (options.json) return printJson({ deleted: true, name });
      out(`Deleted role ${shown(name)}\n`);
    });
}
