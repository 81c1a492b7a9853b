import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { Command } from 'commander';
import { hasNul, isJsonObject, isSecretKey } from '@coffer/contract/rules';
import { isDangerousName } from '@coffer/env-policy';
import { CliError, EXIT } from '../errors.js';
import { errorLine, note } from '../output.js';
import type { Conditional } from '../api.js';
import { Session } from '../session.js';
import { formatAge, isEntityTag, loadSnapshot, parseDuration, saveSnapshot, type LoadedSnapshot } from '../snapshot.js';
import { examples, withScope, type ScopeOptions } from './common.js';

interface RunOptions extends ScopeOptions {
  override?: boolean;
  shell?: boolean;
  /** false with --no-fallback */
  fallback: boolean;
  fallbackMaxAge?: number;
  timeout: number;
}

/** Shorter than other commands' 30 s: a hung server should not stall a start that has a snapshot to fall back on. */
const RUN_TIMEOUT = '10s';

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface ChildEnvironment {
  env: NodeJS.ProcessEnv;
  /** Names the parent already has with another value. */
  clashes: string[];
  /** Dangerous names, dropped. */
  removed: string[];
  /** Names whose value holds a NUL, which no environment variable can carry: left out. */
  withNul: string[];
  /** How many entries were not a secret at all (a name no key can have, a value that is not text): left out and not named. */
  malformed: number;
}

/**
 * The child's environment: the parent's, plus the secrets. A secret whose name the parent
 * already has loses unless `override`; dangerous names are dropped whatever the server sent.
 * The parent's COFFER_TOKEN is not passed on: the command gets the secrets, not the credential
 * that reads them (a secret stored under that name still is).
 *
 * `values` is what a server or a snapshot said, so it is checked as input: only names a secret can
 * have (`A=B` would set A; `__proto__` cannot be a property) with text values, and "the parent has
 * it" means an own property: `toString` or `constructor` are names like any other, not the
 * prototype's.
 */
export function childEnvironment(parent: NodeJS.ProcessEnv, values: Record<string, unknown>, override: boolean): ChildEnvironment {
  const { COFFER_TOKEN: _credential, ...inherited } = parent;
  const env: NodeJS.ProcessEnv = { ...inherited };
  const result: ChildEnvironment = { env, clashes: [], removed: [], withNul: [], malformed: 0 };
  for (const [name, value] of Object.entries(values)) {
    if (!isSecretKey(name) || typeof value !== 'string') {
      result.malformed++;
      continue;
    }
    if (isDangerousName(name)) {
      result.removed.push(name);
      continue;
    }
    // Node's spawn would refuse the whole environment with an error that quotes the value.
    if (hasNul(value)) {
      result.withNul.push(name);
      continue;
    }
    if (Object.hasOwn(inherited, name) && inherited[name] !== value) {
      result.clashes.push(name);
      if (!override) continue;
    }
    env[name] = value;
  }
  result.clashes.sort();
  result.withNul.sort();
  return result;
}

export function registerRun(program: Command): void {
  const run = withScope(program.command('run'))
    .alias('inject')
    .description("start a command with the environment's secrets added to its environment (nothing is written to disk)")
    .argument('[command...]', 'the command and its arguments, after --')
    .option('--override', "let secrets replace variables the parent environment already has (default: the parent's win)")
    .option('--shell', 'start $SHELL with the secrets loaded')
    .option('--no-fallback', 'neither keep nor use an offline snapshot: fail when the server cannot be reached')
    .option('--fallback-max-age <duration>', 'use the offline snapshot only when it is younger than this (e.g. 30s, 10m, 24h)', parseDuration)
    .option('--timeout <duration>', 'give up on the server after this long (then the snapshot is used)', parseDuration, parseDuration(RUN_TIMEOUT))
    .passThroughOptions()
    .action(async (command: string[], options: RunOptions) => {
      if (options.json) throw new CliError('coffer run prints nothing of its own: --json does not apply (use coffer secrets list --json)', EXIT.USAGE);
      if (options.shell && command.length > 0) throw new CliError('give either --shell or a command, not both', EXIT.USAGE);
      if (!options.shell && command.length === 0) throw new CliError('nothing to run: coffer run -- COMMAND [ARGS...], or coffer run --shell', EXIT.USAGE);
      const [file, ...args] = options.shell ? [process.env.SHELL || '/bin/sh'] : command;

      const session = new Session();
      const { api, scope } = session.scoped(options, options.timeout);
      // Before the snapshot is chosen: it is sealed for the access token in use.
      await session.freshen().catch((err: unknown) => {
        if (!(err instanceof CliError) || !err.cannotServe) throw err;
      });
      const data = await injectOrSnapshot(session, scope, (etag) => api.conditional<InjectAnswer>('POST', `${scope}/inject`, etag), options);
      const { env, clashes, removed, withNul, malformed } = childEnvironment(process.env, valuesOf(data), Boolean(options.override));
      // The server's own list is named only where it holds names a secret can have.
      const listed = Array.isArray(data.removed) ? data.removed : [];
      const withheld = [...new Set([...listed.filter((name) => typeof name === 'string' && isSecretKey(name)), ...removed])].sort();
      if (withheld.length > 0) note(`withheld names that could hijack the process: ${withheld.join(', ')}`);
      if (withNul.length > 0) note(`left out ${withNul.join(', ')}: an environment variable cannot hold a NUL character`);
      if (malformed > 0)
        note(`left out ${malformed} ${malformed === 1 ? 'entry' : 'entries'} the server sent that no secret can be (not a valid key, or not text)`);
      if (clashes.length > 0 && !options.override) {
        note(`kept the existing environment's value for ${clashes.join(', ')} (use --override to let the secrets win)`);
      }
      process.exitCode = await spawnChild(file!, args, env);
    });
  examples(run, [
    'coffer run -- npm start',
    'coffer run --env staging -- node server.js --port 3000',
    'coffer run --override -- ./migrate.sh',
    'coffer inject --shell',
    'coffer run --fallback-max-age 24h -- ./server   # cold-start from a snapshot of at most a day',
    'coffer run --no-fallback -- ./deploy.sh',
  ]);
}

/** The values of an inject answer or a snapshot: an object of them, or none. */
const valuesOf = (data: { values?: unknown }): Record<string, unknown> => (isJsonObject(data.values) ? data.values : {});

interface InjectAnswer {
  values: Record<string, string>;
  removed: string[];
}

/**
 * The snapshot this token may open, read before asking the server so that its tag can go with the
 * request. One that cannot be read is simply not offered: the online start does not depend on it
 * (the offline path reads it again and says what is wrong).
 */
function snapshotToOffer(session: Session, apiUrl: string, scope: string, token: string): LoadedSnapshot {
  try {
    return loadSnapshot(session.store, apiUrl, scope, token);
  } catch {
    return { found: false, reason: 'none' };
  }
}

/**
 * The environment's values from the server, kept as an encrypted snapshot after each success with
 * the answer's tag; the next start sends that tag (If-None-Match), and when the server answers that
 * nothing changed (304, no value sent or even decrypted) the snapshot is used as it is, without
 * being written again. When the server cannot be reached, the last snapshot sealed for this token
 * (only if it is younger than --fallback-max-age), with a warning that says how old it is.
 * --no-fallback neither keeps, offers nor uses one.
 */
async function injectOrSnapshot(
  session: Session,
  scope: string,
  inject: (etag: string | undefined) => Promise<Conditional<InjectAnswer>>,
  options: RunOptions,
): Promise<InjectAnswer> {
  const apiUrl = session.apiUrl();
  const token = session.token();
  const offered = options.fallback ? snapshotToOffer(session, apiUrl, scope, token) : undefined;
  const held = offered?.found ? offered.snapshot : undefined;
  let answer: Conditional<InjectAnswer>;
  try {
    answer = await inject(held?.etag);
  } catch (err) {
    if (!(err instanceof CliError) || !err.cannotServe || !options.fallback) throw err;
    return offlineSnapshot(offered?.found ? offered : loadSnapshot(session.store, apiUrl, scope, token), scope, err, options);
  }
  // A 304 answers only a request that sent a tag, which only a snapshot held.
  if (answer.notModified) return held!;
  const { data, etag } = answer;
  if (!options.fallback) return data;
  try {
    saveSnapshot(session.store, apiUrl, scope, token, {
      savedAt: new Date().toISOString(),
      values: data.values ?? {},
      removed: data.removed ?? [],
      ...(isEntityTag(etag) ? { etag } : {}),
    });
  } catch (err) {
    // The command still runs; only the next offline start loses out.
    const why = err instanceof CliError ? err.message : ((err as NodeJS.ErrnoException)?.code ?? 'unexpected error');
    errorLine(`could not keep the offline snapshot: ${why}`);
  }
  return data;
}

/** The server cannot be reached or cannot serve (`err`): the snapshot this token opened, if it is young enough, with a warning; else why not. */
function offlineSnapshot(loaded: LoadedSnapshot, scope: string, err: CliError, options: RunOptions): InjectAnswer {
  if (!loaded.found) {
    const why =
      loaded.reason === 'none'
        ? `no offline snapshot of ${scope} yet (one is kept after each successful coffer run)`
        : `the offline snapshot of ${scope} was kept for another token (or altered): not using it`;
    throw new CliError(`${err.message}; ${why}`, err.code, err.data);
  }
  const { snapshot } = loaded;
  const age = Date.now() - Date.parse(snapshot.savedAt);
  if (options.fallbackMaxAge !== undefined && !(age <= options.fallbackMaxAge)) {
    throw new CliError(
      `${err.message}; the offline snapshot of ${scope} is ${formatAge(age)} old, older than --fallback-max-age ${formatAge(options.fallbackMaxAge)}: refusing it`,
      err.code,
      err.data,
    );
  }
  // An error line, escaped always: the message may be the server's.
  errorLine(`${err.message}; using the offline snapshot of ${scope} from ${snapshot.savedAt} (${formatAge(age)} old)`);
  return snapshot;
}

/** Runs the child with the terminal, forwards signals, and resolves to the exit code to use. */
function spawnChild(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(file, args, { stdio: 'inherit', env });
    } catch (err) {
      // Thrown before anything runs (an argument Node refuses); its message would quote the arguments.
      note(`cannot start ${file}: ${(err as NodeJS.ErrnoException).code ?? 'invalid arguments'}`);
      return resolve(EXIT.GENERIC);
    }
    const forward = (signal: NodeJS.Signals) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    for (const signal of FORWARDED) process.on(signal, forward);
    const done = (code: number) => {
      for (const signal of FORWARDED) process.off(signal, forward);
      resolve(code);
    };
    child.on('error', (err: NodeJS.ErrnoException) => {
      // As a shell answers: 127 not found, 126 found but not executable.
      const code = err.code === 'ENOENT' ? 127 : err.code === 'EACCES' ? 126 : EXIT.GENERIC;
      const why = err.code === 'ENOENT' ? 'command not found' : err.code === 'EACCES' ? 'permission denied' : (err.code ?? 'error');
      note(`cannot start ${file}: ${why}`);
      done(code);
    });
    child.on('exit', (code, signal) => {
      // Killed by a signal: 128 + its number, as a shell reports it.
      done(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0));
    });
  });
}
