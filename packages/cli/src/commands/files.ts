import { readFileSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { DOCUMENT_FORMATS, firstInvalidUtf8Byte, lineOfByte, type DocumentFormat } from '@coffer/contract/rules';
import { Option, type Command } from 'commander';
import { CliError, EXIT } from '../errors.js';
import { note, printJson, shown, style, useColour } from '../output.js';
import { replacePrivateFile } from '../private-file.js';
import { Session } from '../session.js';
import { requestedNotice, type RequestedAnswer } from './approvals.js';
import { examples, withScope, type ScopeOptions } from './common.js';

type Format = DocumentFormat;

/** The keys of a plan, as the server takes them back in `expectedPlan`. */
interface PlanKeys {
  created: string[];
  updated: string[];
  unchanged: string[];
}

/** Why a key of a push cannot be written: `key` null when it could never be a secret key (never echoed), then `line` says which. */
interface PlanError {
  key: string | null;
  message: string;
  line?: number;
}

interface Plan extends PlanKeys, RequestedAnswer {
  errors: PlanError[];
}

interface DocumentDiff {
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: string[];
  withheld: string[];
  /** Lines whose key could never be a secret key. */
  invalid?: { line: number; message: string }[];
}

const FORMAT_HELP = [
  'document format (default: from the file name, .env files as env):',
  'env, a .env file a POSIX shell reads exactly (set -a; . ./.env);',
  'dotenv, a .env file the dotenv package reads exactly, which must never be sourced by a shell;',
  'json; yaml',
].join(' ');
const formatOption = () => new Option('--format <format>', FORMAT_HELP).choices([...DOCUMENT_FORMATS]);
const out = (text: string) => process.stdout.write(text);
/** Names and messages from the server, escaped on a terminal (never in --json output). */
const onStdout = (text: string) => shown(text, process.stdout);

/** `.env`, `.env.local`, `prod.env` are env; `.json`; `.yaml`/`.yml`. Anything else needs --format. */
export function formatOf(file: string, given: string | undefined): Format {
  if (given !== undefined) return given as Format;
  const name = basename(file).toLowerCase();
  const ext = extname(name);
  if (ext === '.json') return 'json';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  if (ext === '.env' || name === '.env' || name.startsWith('.env.')) return 'env';
  throw new CliError(`cannot tell the format of ${file} from its name: add --format ${DOCUMENT_FORMATS.join('|')}`, EXIT.USAGE);
}

/** The file as text, read as bytes: bytes that are not UTF-8 would reach the server as U+FFFD, not as what the file holds. */
function readDocument(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? 'unknown error')}`, EXIT.USAGE);
  }
  const bad = firstInvalidUtf8Byte(bytes);
  if (bad >= 0) {
    throw new CliError(
      `${file} is not UTF-8 text (line ${lineOfByte(bytes, bad)}); nothing was sent. A binary value must be stored base64-encoded (e.g. base64 -w0 < key.der)`,
      EXIT.INVALID,
    );
  }
  return bytes.toString('utf8');
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
    for (const key of keys) lines.push(paint(`  ${mark} ${onStdout(key)}`));
  };
  section('created', plan.created, green, '+');
  section('updated', plan.updated, yellow, '~');
  section('unchanged', plan.unchanged, dim, '=');
  if (plan.errors.length > 0) {
    lines.push(`errors (${plan.errors.length})`);
    for (const error of plan.errors) lines.push(red(`  ! ${onStdout(`${placeOf(error)}: ${error.message}`)}`));
  }
  out(lines.join('\n') + '\n');
}

/** Where an error is: its key when that is a valid key, else the line of the file (the key itself is never shown back). */
function placeOf(error: PlanError): string {
  if (error.key !== null) return error.key;
  return error.line === undefined ? 'an invalid key' : `line ${error.line}`;
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
    .description('write the keys of a .env (env or dotenv), JSON or YAML file to the environment: shows the plan, then asks')
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
        // A protected environment: nothing was written, the plan waits for another member's approval.
        const requested = requestedNotice(plan);
        if (requested) return options.json ? printJson({ plan, applied: false, changeRequest: plan.changeRequest }) : void out(requested);
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
    'coffer push .env --format dotenv  # a file written for the dotenv package',
  ]);

  const pull = withScope(program.command('pull'))
    .description('print the environment as a .env (env or dotenv), JSON or YAML document, or write it to a new 0600 file')
    .addOption(formatOption())
    .option('-o, --out <file>', 'write to this file (mode 0600) instead of stdout')
    .option('--force', 'let --out replace an existing file')
    .action(async (options: ScopeOptions & { format?: string; out?: string; force?: boolean }) => {
      const format: Format = options.format ? (options.format as Format) : options.out ? formatOf(options.out, undefined) : 'env';
      const { api, scope } = new Session().scoped(options);
      // A dotenv pull with a value dotenv cannot carry is refused whole (exit 8), before anything is written.
      const data = await api.request<{ format: Format; content: string; removed: string[]; dotenvMisreads?: string[] }>(
        'GET',
        `${scope}/sync/pull?format=${format}`,
      );
      const removed = data.removed ?? [];
      const misreads = data.dotenvMisreads ?? [];
      if (!options.json) {
        if (removed.length > 0) note(`withheld names that could hijack a process: ${removed.join(', ')}`);
        if (misreads.length > 0) {
          note(
            `warning: dotenv would not read back exactly the values of ${misreads.join(', ')} from this file (a shell reads them exactly); for dotenv, pull with --format dotenv`,
          );
        }
      }
      const listed = { removed, ...(data.dotenvMisreads ? { dotenvMisreads: misreads } : {}) };
      if (options.out) {
        writeOutFile(options.out, data.content, Boolean(options.force));
        if (options.json) return printJson({ file: options.out, format: data.format, ...listed });
        process.stderr.write(`coffer: wrote ${options.out} (${data.format}, mode 0600)\n`);
        return;
      }
      if (options.json) return printJson({ format: data.format, content: data.content, ...listed });
      out(data.content);
    });
  examples(pull, [
    'coffer pull > /dev/null  # check access',
    'coffer pull --format json | jq .',
    'coffer pull --out .env.local',
    'coffer pull --out .env.local --force',
    'coffer pull --format dotenv --out .env  # for the dotenv package; never source it in a shell',
  ]);

  const diff = withScope(program.command('diff'))
    .description('show which keys of a file differ from the environment (key names, and lines of invalid keys; changes nothing)')
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
      const section = (label: string, items: string[], paint: (s: string) => string, mark: string) => {
        lines.push(`${label} (${items.length})`);
        for (const item of items) lines.push(paint(`  ${mark} ${onStdout(item)}`));
      };
      section('added', data.added, green, '+');
      section('changed', data.changed, yellow, '~');
      section('removed', data.removed, red, '-');
      section('unchanged', data.unchanged, dim, '=');
      if (data.withheld.length > 0) section('withheld', data.withheld, dim, '?');
      const invalid = data.invalid ?? [];
      if (invalid.length > 0)
        section(
          'invalid',
          invalid.map(({ line, message }) => `line ${line}: ${message}`),
          red,
          '!',
        );
      out(lines.join('\n') + '\n');
    });
  examples(diff, ['coffer diff .env', 'coffer diff config.yaml --env staging --json', 'coffer diff .env --format dotenv']);
}
