import type { Command } from 'commander';
import { isSlug, SLUG_RULE } from '@coffer/contract/rules';
import { CliError, EXIT } from '../errors.js';
import { printJson, shown, table } from '../output.js';
import { Session } from '../session.js';
import { examples, withCommon, withScope, type CommonOptions, type ScopeOptions } from './common.js';

export function registerContext(program: Command): void {
  const context = program.command('context').description('the default organisation, project and environment (works offline)');
  examples(context, [
    'coffer context set --org acme --project api --env production',
    'coffer context show',
    'echo \'{"project":"api","env":"development"}\' > .coffer.json   # pin a repository',
  ]);

  const set = withScope(context.command('set'))
    .description('save defaults; parts not given are kept')
    .action((options: ScopeOptions) => {
      const given = {
        ...(options.org ? { org: options.org } : {}),
        ...(options.project ? { project: options.project } : {}),
        ...(options.env ? { env: options.env } : {}),
      };
      if (Object.keys(given).length === 0) throw new CliError('nothing to set: pass --org, --project and/or --env', EXIT.USAGE);
      for (const [part, value] of Object.entries(given)) {
        if (!isSlug(value)) throw new CliError(`invalid --${part}: a slug ${SLUG_RULE}`, EXIT.USAGE);
      }
      const session = new Session();
      const file = session.store.update((current) => ({ ...current, context: { ...current.context, ...given } }));
      if (options.json) printJson(file.context);
      else process.stdout.write(`Context saved: ${describe(file.context ?? {})}\n`);
    });
  examples(set, ['coffer context set --org acme --project api --env staging', 'coffer context set --env production']);

  const show = withScope(context.command('show'))
    .description('show the context every command uses, and where each part comes from')
    .action((options: ScopeOptions) => {
      const session = new Session();
      const resolved = session.context(options);
      const apiUrl = process.env.COFFER_API_URL || session.store.load().apiUrl;
      if (options.json) {
        printJson({
          org: resolved.org ?? null,
          project: resolved.project ?? null,
          env: resolved.env ?? null,
          sources: resolved.sources,
          pinFile: resolved.pinFile ?? null,
          apiUrl: apiUrl ?? null,
        });
        return;
      }
      const origin = { flag: 'flag', file: resolved.pinFile ?? '.coffer.json', saved: 'saved context' } as const;
      // What the files and the environment say is shown escaped on a terminal, as the server's text is.
      const rows = (['org', 'project', 'env'] as const).map((part) => [
        part,
        shown(resolved[part] ?? '(not set)'),
        resolved.sources[part] ? shown(origin[resolved.sources[part]!]) : '',
      ]);
      rows.push(['api', shown(apiUrl ?? '(not set)'), process.env.COFFER_API_URL ? 'COFFER_API_URL' : apiUrl ? 'config' : '']);
      process.stdout.write(table(['', 'VALUE', 'FROM'], rows));
    });
  examples(show, ['coffer context show', 'coffer context show --env staging --json']);

  const clear = withCommon(context.command('clear'))
    .description('forget the saved context')
    .action((options: CommonOptions) => {
      const session = new Session();
      session.store.update(({ context: _context, ...rest }) => rest);
      if (options.json) printJson({ cleared: true });
      else process.stdout.write('Context cleared\n');
    });
  examples(clear, ['coffer context clear']);
}

function describe(context: { org?: string; project?: string; env?: string }): string {
  return (['org', 'project', 'env'] as const).map((part) => `${part}=${shown(context[part] ?? '-')}`).join(' ');
}
