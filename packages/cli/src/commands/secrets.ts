import type { Command } from 'commander';
import type { ApiClient } from '../api.js';
import {
  firstInvalidUtf8Byte,
  isSecretKey,
  isSecretType,
  MAX_VALUE_BYTES,
  SECRET_KEY_RULE,
  SECRET_TYPES,
  VALUE_TOO_LARGE,
  valueProblem,
} from '@coffer/contract/rules';
import { CliError, EXIT } from '../errors.js';
import { formatTime, printJson, shown, style, table, useColour } from '../output.js';
import { requestedNotice, type RequestedAnswer } from './approvals.js';
import { Session } from '../session.js';
import { examples, readStdinBytes, withScope, type ScopeOptions } from './common.js';

interface SecretMeta {
  key: string;
  type: string;
  /** Absent from the answer to a write by a caller without read (see the README). */
  version: number;
  description?: string;
  deleted?: boolean;
  updatedAt?: string;
  updatedBy?: string;
  value?: string;
}

interface VersionMeta {
  version: number;
  type: string;
  description?: string;
  createdAt?: string;
  createdBy?: string;
}

/**
 * The key as given. An invalid one is named by its place, never echoed: it may be a value typed in
 * the wrong place (`coffer secrets set hunter2`), and would land in the terminal and its scrollback.
 */
function checkKey(key: string, where = 'the <key> argument'): string {
  if (!isSecretKey(key)) throw new CliError(`invalid key in ${where}: a key ${SECRET_KEY_RULE}`, EXIT.USAGE);
  return key;
}

function positiveInt(name: string) {
  return (value: string): number => {
    if (!/^[1-9][0-9]*$/.test(value)) throw new CliError(`${name} must be a positive whole number`, EXIT.USAGE);
    return Number(value);
  };
}

/** Refuses, before anything is sent, a value no secret can hold (NUL, too large), naming its key and never quoting it. */
function checkValue(key: string, value: string): string {
  const problem = valueProblem(value);
  if (problem) throw new CliError(`the value of ${key} ${problem}; nothing was written`, EXIT.INVALID);
  return value;
}

/**
 * The value of `key` from stdin, as bytes first: bytes that are not UTF-8 cannot be stored as they
 * are (they would come back as U+FFFD), so they are refused with the way to store them instead.
 * One trailing newline (from echo or an editor) is not part of the value.
 */
async function valueFromStdin(key: string): Promise<string> {
  // A line end beyond the limit is dropped below, so it may come on top.
  const bytes = await readStdinBytes(MAX_VALUE_BYTES + 2);
  if (!bytes) throw new CliError(`the value of ${key} ${VALUE_TOO_LARGE}; nothing was written`, EXIT.INVALID);
  const bad = firstInvalidUtf8Byte(bytes);
  if (bad >= 0) {
    throw new CliError(
      `the value of ${key} on stdin is not UTF-8 text (byte ${bad + 1}); store binary data base64-encoded, e.g. base64 -w0 < file | coffer secrets set ${key}`,
      EXIT.INVALID,
    );
  }
  return bytes.toString('utf8').replace(/\r?\n$/, '');
}

const out = (text: string) => process.stdout.write(text);
const keyPath = (scope: string, key: string, suffix = '') => `${scope}/secrets/${encodeURIComponent(checkKey(key))}${suffix}`;

/** What a write answers per key: with its version, or, for a caller without read, without (version 0 or none). */
const wrote = (key: string, version: number | undefined, created: boolean) =>
  version !== undefined && version > 0 ? `${created ? 'Created' : 'Updated'} ${shown(key)} (version ${shown(String(version))})\n` : `Wrote ${shown(key)}\n`;

interface PushAnswer extends RequestedAnswer {
  created: string[];
  /** `key` is null (and `entry`, 1-based, says which) when the key itself was invalid: it is never echoed. */
  errors: { key: string | null; entry?: number; message: string }[];
  written: { key: string; version: number }[];
}

/** Which entry an error is about: its key, or its position when the key is not one (the server does not echo it, nor do we). */
const entryLabel = (error: PushAnswer['errors'][number]) =>
  typeof error.key === 'string' && isSecretKey(error.key) ? error.key : `entry ${Number.isInteger(error.entry) ? error.entry : '?'}`;

/**
 * Several KEY=VALUE at once go through the push endpoint as entries: one transaction, so either
 * every key is written or none is. `writeAll` makes each a new version, exactly as a single set
 * does, so create and update is enough. A refusal names each bad key (never its value).
 */
async function setSeveral(
  api: ApiClient,
  scope: string,
  pairs: [string, string][],
  attributes: { type?: string; description?: string },
  json: boolean,
): Promise<void> {
  const entries = pairs.map(([key, value]) => ({ key, value, ...attributes }));
  let answer: PushAnswer;
  try {
    answer = await api.request<PushAnswer>('POST', `${scope}/sync/push`, { entries, writeAll: true });
  } catch (err) {
    const errors = err instanceof CliError && err.code === EXIT.INVALID ? (err.data as Partial<PushAnswer> | undefined)?.errors : undefined;
    if (!Array.isArray(errors) || errors.length === 0) throw err;
    throw new CliError(`cannot set ${errors.map((error) => `${entryLabel(error)} (${error.message})`).join(', ')}: nothing was written`, EXIT.INVALID);
  }
  const requested = requestedNotice(answer);
  if (requested) return json ? printJson({ changeRequest: answer.changeRequest }) : void out(requested);
  const created = new Set(answer.created);
  // A caller without read is told no versions (0), nor which keys were new: only what it wrote.
  const results: { key: string; version?: number; created?: boolean }[] = answer.written.map(({ key, version }) =>
    version > 0 ? { key, version, created: created.has(key) } : { key },
  );
  if (json) return printJson(results);
  out(results.map((result) => wrote(result.key, result.version, Boolean(result.created))).join(''));
}

export function registerSecrets(program: Command): void {
  const secrets = program.command('secrets').description('read and change the secrets of an environment');
  examples(secrets, ['coffer secrets list', 'coffer secrets set DATABASE_URL=postgres://... API_KEY=abc', 'coffer secrets get API_KEY --plain']);

  const list = withScope(secrets.command('list'))
    .description('list keys with type, version and last update (no values)')
    .option('--deleted', 'include soft-deleted secrets')
    .action(async (options: ScopeOptions & { deleted?: boolean }) => {
      const { api, scope } = new Session().scoped(options);
      const data = await api.request<{ secrets: SecretMeta[] }>('GET', `${scope}/secrets${options.deleted ? '?includeDeleted=true' : ''}`);
      if (options.json) return printJson(data.secrets);
      if (data.secrets.length === 0) return void out('No secrets\n');
      const { dim } = style(useColour());
      out(
        table(
          ['KEY', 'TYPE', 'VERSION', 'UPDATED'],
          data.secrets.map((s) => [
            s.deleted ? dim(`${shown(s.key)} (deleted)`) : shown(s.key),
            shown(s.type),
            shown(String(s.version)),
            shown(formatTime(s.updatedAt)),
          ]),
        ),
      );
    });
  examples(list, ['coffer secrets list', 'coffer secrets list --env staging --json | jq -r ".[].key"']);

  const get = withScope(secrets.command('get'))
    .description('show one secret with its value (the server audits it as a reveal); --meta for metadata only')
    .argument('<key>')
    .option('--plain', 'print only the value, exactly as stored (no newline added), for scripts')
    .option('--meta', 'metadata only: do not ask for the value (needs no reveal)')
    .option('--version <n>', 'an older version', positiveInt('--version'))
    .action(async (key: string, options: ScopeOptions & { plain?: boolean; meta?: boolean; version?: number }) => {
      if (options.plain && options.meta) throw new CliError('--plain prints the value, --meta leaves it out: choose one', EXIT.USAGE);
      const { api, scope } = new Session().scoped(options);
      const query = new URLSearchParams();
      if (!options.meta) query.set('reveal', 'true');
      if (options.version) query.set('version', String(options.version));
      const secret = await api.request<SecretMeta>('GET', keyPath(scope, key, query.size ? `?${query}` : ''));
      if (options.plain) return void out(secret.value ?? '');
      if (options.json) return printJson(secret);
      const { bold } = style(useColour());
      // Everything here is stored text: on a terminal its control characters show escaped, so a
      // description or value cannot move the cursor, recolour, retitle or clear the screen.
      const rows = [
        ['key', shown(secret.key)],
        ['type', shown(secret.type)],
        ['version', shown(String(secret.version))],
        ['updated', shown(`${formatTime(secret.updatedAt)}${secret.updatedBy ? ` by ${secret.updatedBy}` : ''}`)],
      ];
      if (secret.description) rows.push(['description', shown(secret.description)]);
      if (secret.deleted) rows.push(['deleted', 'yes']);
      out(rows.map(([name, value]) => `${bold(name!.padEnd(12))}${value}`).join('\n') + '\n');
      if (secret.value !== undefined) {
        // A value over several lines keeps them (a PEM key reads as one); everything else is escaped.
        const value = shown(secret.value, process.stdout, true);
        out(`${bold('value'.padEnd(12))}${value.includes('\n') ? `\n${value}${value.endsWith('\n') ? '' : '\n'}` : `${value}\n`}`);
      }
    });
  examples(get, [
    'coffer secrets get API_KEY',
    'export API_KEY="$(coffer secrets get API_KEY --plain)"',
    'coffer secrets get API_KEY --version 2 --json',
    'coffer secrets get API_KEY --meta',
  ]);

  const set = withScope(secrets.command('set'))
    .description('create or update secrets: KEY=VALUE ... (several at once: all or nothing), or KEY alone to read the value from stdin')
    .argument('<assignments...>', 'KEY=VALUE pairs, or one KEY')
    .option('--type <type>', `value type: ${SECRET_TYPES.join(', ')} (default text; kept on update when omitted)`)
    .option('--description <text>', 'a description')
    .action(async (assignments: string[], options: ScopeOptions & { type?: string; description?: string }) => {
      if (options.type !== undefined && !isSecretType(options.type)) throw new CliError(`invalid --type: one of ${SECRET_TYPES.join(', ')}`, EXIT.USAGE);
      const pairs: [string, string | undefined][] = assignments.map((arg, i) => {
        const at = arg.indexOf('=');
        const where = `argument ${i + 1}`;
        return at < 0 ? [checkKey(arg, where), undefined] : [checkKey(arg.slice(0, at), where), arg.slice(at + 1)];
      });
      if (pairs.some(([, value]) => value === undefined)) {
        if (pairs.length > 1) throw new CliError('a KEY without =VALUE reads its value from stdin, so it must be the only argument', EXIT.USAGE);
        if (process.stdin.isTTY) throw new CliError(`pipe the value of ${pairs[0]![0]} in, e.g. coffer secrets set ${pairs[0]![0]} < file`, EXIT.USAGE);
        pairs[0]![1] = await valueFromStdin(pairs[0]![0]);
      }
      for (const [key, value] of pairs) checkValue(key, value!);
      const { api, scope } = new Session().scoped(options);
      const attributes = {
        ...(options.type ? { type: options.type } : {}),
        ...(options.description !== undefined ? { description: options.description } : {}),
      };
      if (pairs.length > 1) return setSeveral(api, scope, pairs as [string, string][], attributes, Boolean(options.json));
      const [key, value] = pairs[0]!;
      const meta = await api.request<Partial<SecretMeta> & RequestedAnswer & { key: string }>('POST', keyPath(scope, key), { value, ...attributes });
      const requested = requestedNotice(meta);
      if (requested) return options.json ? printJson([meta]) : void out(requested);
      // A caller without read gets `{ key }` alone: passed on as it came.
      if (options.json) return printJson([meta.version === undefined ? meta : { ...meta, created: meta.version === 1 }]);
      out(wrote(meta.key, meta.version, meta.version === 1));
    });
  examples(set, [
    'coffer secrets set API_KEY=abc123',
    'coffer secrets set PORT=8080 DEBUG=false',
    'coffer secrets set RETRIES=3 --type integer',
    'coffer secrets set TLS_KEY < server.key        # value from stdin, out of shell history',
  ]);

  const del = withScope(secrets.command('delete'))
    .description('soft-delete a secret (coffer secrets restore brings it back)')
    .argument('<key>')
    .action(async (key: string, options: ScopeOptions) => {
      const { api, scope } = new Session().scoped(options);
      const meta = await api.request<SecretMeta & RequestedAnswer>('DELETE', keyPath(scope, key));
      if (options.json) return printJson(meta);
      const requested = requestedNotice(meta);
      if (requested) return void out(requested);
      out(`Deleted ${shown(meta.key)}; undo with: coffer secrets restore ${shown(meta.key)}\n`);
    });
  examples(del, ['coffer secrets delete OLD_TOKEN']);

  const restore = withScope(secrets.command('restore'))
    .description('bring back a soft-deleted secret')
    .argument('<key>')
    .action(async (key: string, options: ScopeOptions) => {
      const { api, scope } = new Session().scoped(options);
      const meta = await api.request<SecretMeta & RequestedAnswer>('POST', keyPath(scope, key, '/restore'));
      if (options.json) return printJson(meta);
      const requested = requestedNotice(meta);
      if (requested) return void out(requested);
      out(`Restored ${shown(meta.key)} (version ${shown(String(meta.version))})\n`);
    });
  examples(restore, ['coffer secrets restore OLD_TOKEN']);

  const history = withScope(secrets.command('history'))
    .description('list the versions of a secret, newest first (no values)')
    .argument('<key>')
    .action(async (key: string, options: ScopeOptions) => {
      const { api, scope } = new Session().scoped(options);
      const data = await api.request<{ key: string; versions: VersionMeta[] }>('GET', keyPath(scope, key, '/history'));
      if (options.json) return printJson(data);
      out(
        table(
          ['VERSION', 'TYPE', 'CREATED', 'BY', 'DESCRIPTION'],
          data.versions.map((v) => [
            shown(String(v.version)),
            shown(v.type),
            shown(formatTime(v.createdAt)),
            shown(v.createdBy ?? ''),
            shown(v.description ?? ''),
          ]),
        ),
      );
    });
  examples(history, ['coffer secrets history API_KEY']);

  const diff = withScope(secrets.command('diff'))
    .description('compare two versions of a secret; values only with --reveal')
    .argument('<key>')
    .requiredOption('--from <n>', 'older version', positiveInt('--from'))
    .requiredOption('--to <n>', 'newer version', positiveInt('--to'))
    .option('--reveal', 'also print both values')
    .action(async (key: string, options: ScopeOptions & { from: number; to: number; reveal?: boolean }) => {
      const { api, scope } = new Session().scoped(options);
      const query = new URLSearchParams({ from: String(options.from), to: String(options.to), ...(options.reveal ? { reveal: 'true' } : {}) });
      const data = await api.request<{
        key: string;
        from: VersionMeta;
        to: VersionMeta;
        valueChanged: boolean;
        typeChanged: boolean;
        descriptionChanged: boolean;
        fromValue?: string;
        toValue?: string;
      }>('GET', keyPath(scope, key, `/diff?${query}`));
      if (options.json) return printJson(data);
      const { red, green } = style(useColour());
      const said = (changed: boolean) => (changed ? 'changed' : 'unchanged');
      out(
        `${shown(`${data.key}: version ${data.from.version} -> ${data.to.version}`)}\n  value        ${said(data.valueChanged)}\n  type         ${data.typeChanged ? shown(`${data.from.type} -> ${data.to.type}`) : 'unchanged'}\n  description  ${said(data.descriptionChanged)}\n`,
      );
      if (data.fromValue !== undefined || data.toValue !== undefined) {
        // One line per side on a terminal: a line break in a value cannot pass itself off as a `+` line.
        out(`${red(`- ${shown(data.fromValue ?? '')}`)}\n${green(`+ ${shown(data.toValue ?? '')}`)}\n`);
      }
    });
  examples(diff, ['coffer secrets diff API_KEY --from 1 --to 2', 'coffer secrets diff API_KEY --from 1 --to 3 --reveal --json']);

  const rollback = withScope(secrets.command('rollback'))
    .description('write a new version holding the value of an older one')
    .argument('<key>')
    .requiredOption('--version <n>', 'the version to go back to', positiveInt('--version'))
    .action(async (key: string, options: ScopeOptions & { version: number }) => {
      const { api, scope } = new Session().scoped(options);
      const meta = await api.request<SecretMeta & RequestedAnswer>('POST', keyPath(scope, key, '/rollback'), { version: options.version });
      if (options.json) return printJson(meta);
      const requested = requestedNotice(meta);
      if (requested) return void out(requested);
      out(`Rolled ${shown(meta.key)} back to the value of version ${options.version} (now version ${shown(String(meta.version))})\n`);
    });
  examples(rollback, ['coffer secrets rollback API_KEY --version 2']);
}
