import { existsSync, lstatSync, readFileSync, statSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isJsonObject, isShowableName, isSlug, SLUG_RULE } from '@coffer/contract/rules';
import { parseJsonFile, unreadable, type SavedContext } from './config.js';
import { CliError, EXIT } from './errors.js';

/** The file that pins a repository to a project and environment. */
export const PIN_FILE = '.coffer.json';

export interface ScopeFlags {
  org?: string;
  project?: string;
  env?: string;
}

export interface ResolvedContext {
  org?: string;
  project?: string;
  env?: string;
  /** Where each part came from, for `coffer context show`. */
  sources: Record<'org' | 'project' | 'env', 'flag' | 'file' | 'saved' | undefined>;
  pinFile?: string;
}

/**
 * The nearest `.coffer.json` from `cwd` upwards. It may set `org`, `project` and `env` and
 * nothing else: in particular never the API URL or a token, so a cloned repository cannot send
 * your token to another server.
 */
export function findPinFile(cwd: string): { path: string; context: SavedContext } | undefined {
  let dir = resolve(cwd);
  for (;;) {
    const path = join(dir, PIN_FILE);
    if (existsSync(path)) {
      checkPinOwner(path);
      return { path, context: readPinFile(path) };
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Refuses a pin file that another user owns (root excepted) or may write: one dropped in a shared
 * directory such as /tmp must not steer `coffer run` or `push` to another environment.
 */
function checkPinOwner(path: string): void {
  if (process.platform === 'win32' || !process.getuid) return;
  const uid = process.getuid();
  const foreign = (stats: Stats) => stats.uid !== uid && stats.uid !== 0;
  // A link is judged by who made it as well as by what it points at: another user's link to one of
  // your own files would otherwise pass.
  const link = lstatSync(path);
  const target = link.isSymbolicLink() ? statSync(path) : link;
  if (foreign(link) || foreign(target))
    throw new CliError(`refusing ${path}: it belongs to another user; remove it or pass --org/--project/--env`, EXIT.CONFIG);
  if ((target.mode & 0o022) !== 0) throw new CliError(`refusing ${path}: others may write to it; fix it with: chmod go-w ${path}`, EXIT.CONFIG);
}

/**
 * The pin file comes with a repository, so it is read as input: a member given twice is refused
 * (exit 9, like the other pin files coffer will not trust), and no message quotes what it holds.
 */
function readPinFile(path: string): SavedContext {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw unreadable(path, err);
  }
  const value = parseJsonFile(path, text, EXIT.USAGE);
  if (!isJsonObject(value)) throw new CliError(`${path} must hold a JSON object`, EXIT.USAGE);
  const context: SavedContext = {};
  for (const [name, field] of Object.entries(value)) {
    if (name !== 'org' && name !== 'project' && name !== 'env') {
      const shown = isShowableName(name) ? `unknown field "${name}"` : 'a field that is not a name';
      throw new CliError(`${path}: ${shown} (allowed: org, project, env)`, EXIT.USAGE);
    }
    if (typeof field !== 'string' || !isSlug(field)) throw new CliError(`${path}: "${name}" must be a slug: it ${SLUG_RULE}`, EXIT.USAGE);
    context[name] = field;
  }
  return context;
}

/** Flags win over `.coffer.json`, which wins over the saved context; each part on its own. */
export function resolveContext(flags: ScopeFlags, saved: SavedContext | undefined, cwd = process.cwd()): ResolvedContext {
  // With every part given there is nothing to pin: a stray file must not get in the way.
  const pin = flags.org !== undefined && flags.project !== undefined && flags.env !== undefined ? undefined : findPinFile(cwd);
  const sources: ResolvedContext['sources'] = { org: undefined, project: undefined, env: undefined };
  const result: ResolvedContext = { sources, ...(pin ? { pinFile: pin.path } : {}) };
  for (const part of ['org', 'project', 'env'] as const) {
    const [value, source] =
      flags[part] !== undefined
        ? [flags[part], 'flag' as const]
        : pin?.context[part] !== undefined
          ? [pin.context[part], 'file' as const]
          : saved?.[part] !== undefined
            ? [saved[part], 'saved' as const]
            : [undefined, undefined];
    if (value !== undefined) {
      result[part] = value;
      sources[part] = source;
    }
  }
  return result;
}

/** The `/orgs/{org}/projects/{project}/envs/{env}` path; a usage error naming what is missing. */
export function scopePath(context: ResolvedContext): string {
  const missing = (['org', 'project', 'env'] as const).filter((part) => !context[part]);
  if (missing.length > 0) {
    throw new CliError(
      `no ${missing.join(', ')} selected: pass --${missing[0]}, run coffer context set --${missing[0]} ..., or add it to ${PIN_FILE}`,
      EXIT.USAGE,
    );
  }
  const e = encodeURIComponent;
  return `/orgs/${e(context.org!)}/projects/${e(context.project!)}/envs/${e(context.env!)}`;
}
