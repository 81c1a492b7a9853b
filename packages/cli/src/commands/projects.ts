import type { Command } from 'commander';
import { isSlug, SLUG_RULE } from '@coffer/contract/rules';
import type { ApiClient } from '../api.js';
import { CliError, EXIT } from '../errors.js';
import { formatTime, printJson, shown, table } from '../output.js';
import { Session } from '../session.js';
import { examples } from './common.js';
import { orgScoped, out, withOrg, type OrgOptions } from './members.js';

interface Project {
  id: string;
  orgId: string;
  slug: string;
  name: string;
  createdAt: string;
}

interface Environment {
  id: string;
  projectId: string;
  slug: string;
  name: string;
  createdAt: string;
  protected: boolean;
}

interface ProjectOptions extends OrgOptions {
  project?: string;
}

interface NameOptions {
  name?: string;
}

/** A slug argument, refused before anything is sent; the message never quotes what was typed (it may hold escapes). */
function slugArgument(what: string) {
  return (value: string): string => {
    if (!isSlug(value)) throw new CliError(`invalid ${what}: a slug ${SLUG_RULE}`, EXIT.USAGE);
    return value;
  };
}

/** The client and `/orgs/{org}/projects/{project}` of the project chosen by --project, `.coffer.json` or the saved context. */
function projectScoped(options: ProjectOptions): { api: ApiClient; project: string; path: string } {
  const { api, org } = orgScoped(options);
  const project = new Session().context({ ...(options.project !== undefined ? { project: options.project } : {}) }).project;
  if (!project) throw new CliError('no project selected: pass --project, or run coffer context set --project ...', EXIT.USAGE);
  if (!isSlug(project)) throw new CliError(`--project must be a slug: it ${SLUG_RULE}`, EXIT.USAGE);
  return { api, project, path: `${org}/projects/${project}` };
}

/** `--project`, defaulting to the context's, as on the commands that work in one environment. */
function withProject(command: Command): Command {
  return withOrg(command).option('--project <slug>', 'project (overrides context and .coffer.json)');
}

/** The body of a create: the name only when given (the server names it after its slug otherwise). */
const createBody = (slug: string, options: NameOptions) => ({ slug, ...(options.name !== undefined ? { name: options.name } : {}) });

/** `envs protect` and `envs unprotect`: one call, and the line saying what changes for writes there. */
async function setProtected(env: string, options: ProjectOptions, value: boolean): Promise<void> {
  const { api, project, path } = projectScoped(options);
  const updated = await api.request<Environment>('PATCH', `${path}/envs/${env}`, { protected: value });
  if (options.json) return printJson(updated);
  const place = `${shown(project)}/${shown(updated.slug)}`;
  out(
    updated.protected
      ? `Protected ${place}: changes there now become change requests that another member with approve must approve (coffer approvals list --project ${shown(project)} --env ${shown(updated.slug)})\n`
      : `Unprotected ${place}: changes there are written directly again\n`,
  );
}

/** `coffer projects` and `coffer envs`: the organisation's projects and their environments. */
export function registerProjects(program: Command): void {
  const projects = program.command('projects').description("the organisation's projects: list them or create one");
  examples(projects, ['coffer projects list', 'coffer projects create billing --name "Billing service"']);

  withOrg(projects.command('list'))
    .description('list the projects you may see')
    .action(async (options: OrgOptions) => {
      const { api, org } = orgScoped(options);
      const data = await api.request<{ projects: Project[] }>('GET', `${org}/projects`);
      if (options.json) return printJson(data.projects);
      if (data.projects.length === 0) return void out('No projects\n');
      out(
        table(
          ['SLUG', 'NAME', 'CREATED'],
          data.projects.map((p) => [shown(p.slug), shown(p.name), formatTime(p.createdAt)]),
        ),
      );
    });

  withOrg(projects.command('create'))
    .description('create a project (needs hierarchy:write organisation-wide)')
    .argument('<slug>', 'its slug, used in paths and --project', slugArgument('project slug'))
    .option('--name <name>', 'what people call it (default: the slug)')
    .action(async (slug: string, options: OrgOptions & NameOptions) => {
      const { api, org } = orgScoped(options);
      const created = await api.request<Project>('POST', `${org}/projects`, createBody(slug, options));
      if (options.json) return printJson(created);
      out(`Created project ${shown(created.slug)} (${shown(created.name)})\n`);
    });

  const envs = program.command('envs').description("a project's environments: list, create, protect or unprotect them");
  examples(envs, [
    'coffer envs list',
    'coffer envs create staging --project api --name Staging',
    'coffer envs protect production',
    'coffer envs unprotect production --project api',
  ]);

  withProject(envs.command('list'))
    .description("list the project's environments you may see, and which are protected")
    .action(async (options: ProjectOptions) => {
      const { api, path } = projectScoped(options);
      const data = await api.request<{ environments: Environment[] }>('GET', `${path}/envs`);
      if (options.json) return printJson(data.environments);
      if (data.environments.length === 0) return void out('No environments\n');
      out(
        table(
          ['SLUG', 'NAME', 'PROTECTED', 'CREATED'],
          data.environments.map((e) => [shown(e.slug), shown(e.name), e.protected ? 'yes' : '', formatTime(e.createdAt)]),
        ),
      );
    });

  withProject(envs.command('create'))
    .description('create an environment in the project (needs hierarchy:write on it)')
    .argument('<slug>', 'its slug, used in paths and --env', slugArgument('environment slug'))
    .option('--name <name>', 'what people call it (default: the slug)')
    .action(async (slug: string, options: ProjectOptions & NameOptions) => {
      const { api, project, path } = projectScoped(options);
      const created = await api.request<Environment>('POST', `${path}/envs`, createBody(slug, options));
      if (options.json) return printJson(created);
      out(`Created environment ${shown(project)}/${shown(created.slug)} (${shown(created.name)})\n`);
    });

  withProject(envs.command('protect'))
    .description('protect an environment: its changes become change requests that another member with approve must approve')
    .argument('<env>', 'the environment', slugArgument('environment'))
    .action((env: string, options: ProjectOptions) => setProtected(env, options, true));

  withProject(envs.command('unprotect'))
    .description('lift the protection: changes there are written directly again')
    .argument('<env>', 'the environment', slugArgument('environment'))
    .action((env: string, options: ProjectOptions) => setProtected(env, options, false));
}
