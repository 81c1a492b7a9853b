import { readFileSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { Option, type Command } from 'commander';
import { CliError, EXIT } from '../errors.js';
import { printJson, style, useColour } from '../output.js';
import { replacePrivateFile } from '../private-file.js';
import { Session } from '../session.js';
import { examples, withScope, type ScopeOptions } from './common.js';

const FORMATS = ['env', 'json', 'yaml'] as const;
type Format = (typeof FORMATS)[number];

/** The keys of a plan, as the server takes them back in `expectedPlan`. */
interface PlanKeys {
  created: string[];
  updated: string[];
  unchanged: string[];
}

interface Plan extends PlanKeys {
  errors: { key: string; message: string }[];
}

interface DocumentDiff {
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: string[];
  withheld: string[];
}

const formatOption = () => new Option('--format <format>', 'document format (default: from the file name)').choices([...FORMATS]);
const out = (text: string) => process.stdout.write(text);

/** `.env`, `.env.local`, `prod.env` are env; `.json`; `.yaml`/`.yml`. Anything else needs --format. */
export function formatOf(file: string, given: string | undefined): Format {
  if (given !== undefined) return given as Format;
  const name = basename(file).toLowerCase();
  const ext = extname(name);
  if (ext === '.json') return 'json';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  if (ext === '.env' || name === '.env' || name.startsWith('.env.')) return 'env';
  throw new CliError(`cannot tell the format of ${file} from its name: add --format env|json|yaml`, EXIT.USAGE);
}

function readDocument(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? (err as Error).message)}`, EXIT.USAGE);
  }
}

/** The plan, by key names only: the server never sends values here and neither do we print any. */
/** `/orgs/acme/projects/api/envs/production` as people name it: `acme/api/production`. */
const scopeLabel = (scope: string) =>
  scope
    .split('/')
    .filter((_, i) => i % 2 === 0 && i > 0)
    .join('/');

function printPlan(plan: Plan, heading: string): void {
  const { green, yellow, red, dim } = style(useColour(process.stdout));
  const lines = [heading];
  const section = (label: string, keys: string[], paint: (s: string) => string, mark: string) => {
    lines.push(`${label} (${keys.length})`);
    for (const key of keys) lines.push(paint(`  ${mark} ${key}`));
  };
  section('created', plan.created, green, '+');
  section('updated', plan.updated, yellow, '~');
  section('unchanged', plan.unchanged, dim, '=');
  if (plan.errors.length > 0) {
    lines.push(`errors (${plan.errors.length})`);
    for (const error of plan.errors) lines.push(red(`  ! ${error.key}: ${error.message}`));
  }
  out(lines.join('\n') + '\n');
}

/** The plan of a refused push comes back with the 400: show it, then fail with the server's message. */
function planOfRefusal(err: unknown): Plan | undefined {
  if (!(err instanceof CliError) || err.code !== EXIT.INVALID) return undefined;
  const data = err.data as Partial<Plan> | undefined;
  return data && Array.isArray(data.errors) && Array.isArray(data.created) ? (data as Plan) : undefined;
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(question);
    return /^(y|yes)$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

/**
 * Creates `file` with mode 0600. Without `force` an existing file is refused (`wx`); with it the
 * content goes to a fresh 0600 temporary file in the same directory that then replaces it.
 */
export function writeOutFile(file: string, content: string, force: boolean): void {
  if (!force) {
    try {
      writeFileSync(file, content, { mode: 0o600, flag: 'wx' });
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new CliError(`refusing to overwrite ${file}: add --force`, EXIT.USAGE);
      throw new CliError(`cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, EXIT.GENERIC);
    }
  }
  try {
    replacePrivateFile(file, content);
  } catch (err) {
    throw new CliError(`cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, EXIT.GENERIC);
  }
}

export function registerFiles(program: Command): void {
  const push = withScope(program.command('push'))
    .description('write the keys of a .env, JSON or YAML file to the environment: shows the plan, then asks')
    .argument('<file>')
    .addOption(formatOption())
    .option('-y, --yes', 'apply without asking (needed when stdin is not a terminal)')
    .option('--dry-run', 'show the plan only; change nothing')
    .action(async (file: string, options: ScopeOptions & { format?: string; yes?: boolean; dryRun?: boolean }) => {
      const format = formatOf(file, options.format);
      if (options.yes && options.dryRun) throw new CliError('--yes applies, --dry-run does not: choose one', EXIT.USAGE);
      if (!options.dryRun && !options.yes && !process.stdin.isTTY) {
        throw new CliError('not a terminal, so coffer push cannot ask: add --yes to apply, or --dry-run to see the plan', EXIT.USAGE);
      }
      const content = readDocument(file);
      const { api, scope } = new Session().scoped(options);
      const where = scopeLabel(scope);
      const send = async (request: { dryRun: boolean; expectedPlan?: PlanKeys }): Promise<Plan> => {
        try {
          return await api.request<Plan>('POST', `${scope}/sync/push`, { format, content, ...request });
        } catch (err) {
          const refused = planOfRefusal(err);
          if (refused) {
            if (options.json) printJson({ plan: refused, applied: false });
            else printPlan(refused, `Refused: nothing was written`);
          }
          throw err;
        }
      };
      const changesIn = (plan: Plan) => plan.created.length + plan.updated.length;
      const applied = (plan: Plan) => {
        if (options.json) return printJson({ plan, applied: true });
        out(`Applied: ${plan.created.length} created, ${plan.updated.length} updated, ${plan.unchanged.length} unchanged\n`);
      };
      const nothingToChange = (plan: Plan, heading: string) => {
        if (options.json) return printJson({ plan, applied: false });
        printPlan(plan, heading);
      };

      if (options.yes) {
        // Nobody confirms anything, so one request: the plan it answers is exactly what was applied,
        // and no other writer can come in between a plan and its writes.
        const plan = await send({ dryRun: false });
        if (changesIn(plan) === 0) return nothingToChange(plan, 'Nothing to change');
        if (!options.json) printPlan(plan, `Plan for ${where}`);
        return applied(plan);
      }

      const plan = await send({ dryRun: true });
      const changes = changesIn(plan);
      if (options.dryRun || changes === 0) return nothingToChange(plan, options.dryRun ? 'Dry run: nothing was written' : 'Nothing to change');
      if (!options.json) printPlan(plan, `Plan for ${where}`);
      // Name the environment: a .coffer.json or saved context may point somewhere the person did not expect.
      if (!(await confirm(`Apply ${changes} change${changes === 1 ? '' : 's'} to ${where}? [y/N] `))) {
        throw new CliError('not applied', EXIT.GENERIC);
      }
      // The environment may have changed while the person read the plan: the server writes only the
      // plan confirmed here and answers 409 (exit 7), writing nothing, when it no longer holds.
      applied(await send({ dryRun: false, expectedPlan: { created: plan.created, updated: plan.updated, unchanged: plan.unchanged } }));
    });
  examples(push, [
    'coffer push .env --dry-run',
    'coffer push .env',
    'coffer push config.yaml --env staging --yes',
    'coffer push secrets.txt --format env --yes --json',
  ]);

  const pull = withScope(program.command('pull'))
    .description('print the environment as a .env, JSON or YAML document, or write it to a new 0600 file')
    .addOption(formatOption())
    .option('-o, --out <file>', 'write to this file (mode 0600) instead of stdout')
    .option('--force', 'let --out replace an existing file')
    .action(async (options: ScopeOptions & { format?: string; out?: string; force?: boolean }) => {
      const format: Format = options.format ? (options.format as Format) : options.out ? formatOf(options.out, undefined) : 'env';
      const { api, scope } = new Session().scoped(options);
      const data = await api.request<{ format: Format; content: string; removed: string[] }>('GET', `${scope}/sync/pull?format=${format}`);
      const removed = data.removed ?? [];
      if (removed.length > 0 && !options.json) process.stderr.write(`coffer: withheld names that could hijack a process: ${removed.join(', ')}\n`);
      if (options.out) {
        writeOutFile(options.out, data.content, Boolean(options.force));
        if (options.json) return printJson({ file: options.out, format: data.format, removed });
        process.stderr.write(`coffer: wrote ${options.out} (${data.format}, mode 0600)\n`);
        return;
      }
      if (options.json) return printJson({ format: data.format, content: data.content, removed });
      out(data.content);
    });
  examples(pull, [
    'coffer pull > /dev/null  # check access',
    'coffer pull --format json | jq .',
    'coffer pull --out .env.local',
    'coffer pull --out .env.local --force',
  ]);

  const diff = withScope(program.command('diff'))
    .description('show which keys of a file differ from the environment (key names only; changes nothing)')
    .argument('<file>')
    .addOption(formatOption())
    .action(async (file: string, options: ScopeOptions & { format?: string }) => {
      const format = formatOf(file, options.format);
      const content = readDocument(file);
      const { api, scope } = new Session().scoped(options);
      const data = await api.request<DocumentDiff>('POST', `${scope}/sync/diff`, { format, content });
      if (options.json) return printJson(data);
      const { green, yellow, red, dim } = style(useColour(process.stdout));
      const lines: string[] = [];
      const section = (label: string, keys: string[], paint: (s: string) => string, mark: string) => {
        lines.push(`${label} (${keys.length})`);
        for (const key of keys) lines.push(paint(`  ${mark} ${key}`));
      };
      section('added', data.added, green, '+');
      section('changed', data.changed, yellow, '~');
      section('removed', data.removed, red, '-');
      section('unchanged', data.unchanged, dim, '=');
      if (data.withheld.length > 0) section('withheld', data.withheld, dim, '?');
      out(lines.join('\n') + '\n');
    });
  examples(diff, ['coffer diff .env', 'coffer diff config.yaml --env staging --json']);
}
