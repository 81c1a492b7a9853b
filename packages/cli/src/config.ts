import { randomBytes } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, readFileSync, writeFileSync, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { isJsonObject, JsonParseError, parseStrictJson, showPath } from '@coffer/contract/rules';
import { CliError, EXIT } from './errors.js';
import { replacePrivateFile } from './private-file.js';
import { isSealed, openSealed, sealText } from './sealed.js';

export interface SavedContext {
  org?: string;
  project?: string;
  env?: string;
}

/** What `config.json` holds. `token` is always sealed (`enc2:...`, see sealed.ts) once written by this version. */
export interface ConfigFile {
  apiUrl?: string;
  /** An API token, or the access token of a session (`coffer login` without a token). */
  token?: string;
  /** A session's refresh token, sealed like `token`; absent for an API token. */
  refreshToken?: string;
  /** When a session's access token expires (ISO 8601): it is refreshed shortly before. */
  tokenExpiresAt?: string;
  context?: SavedContext;
}

/** The tokens of a session, as `coffer login` (device flow) or a refresh stores them. */
export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
}

export interface ConfigPaths {
  dir: string;
  config: string;
  key: string;
}

/** `$XDG_CONFIG_HOME/coffer`, or `~/.config/coffer` when it is unset, empty or relative (as the XDG spec says). */
export function configPaths(env: NodeJS.ProcessEnv = process.env): ConfigPaths {
  const xdg = env.XDG_CONFIG_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.config');
  const dir = join(base, 'coffer');
  return { dir, config: join(dir, 'config.json'), key: join(dir, 'key') };
}

const KEY_BYTES = 32;
/** Binds a ciphertext to its use, so a sealed token cannot be passed off as anything else. */
const TOKEN_AAD = Buffer.from('coffer-cli:token:v1');
/** A refresh token is sealed for its own use: it cannot be swapped into `token`, nor the other way round. */
const REFRESH_TOKEN_AAD = Buffer.from('coffer-cli:refresh-token:v1');

/** Seals a token (see sealed.ts) with the additional authenticated data `coffer-cli:token:v1`. */
export function sealToken(token: string, key: Buffer): string {
  return sealText(token, key, TOKEN_AAD);
}

/**
 * Opens what {@link sealToken}, or an earlier version in the older layout (`legacy`: rewrite it),
 * produced; throws a CONFIG error when it was altered or the key changed.
 */
export function openToken(sealed: string, key: Buffer, where = 'config.json'): { token: string; legacy: boolean } {
  if (typeof sealed !== 'string' || !isSealed(sealed)) {
    throw new CliError(`the token in ${where} is malformed; run coffer login again`, EXIT.CONFIG);
  }
  const opened = openSealed(sealed, key, TOKEN_AAD);
  if (!opened) {
    throw new CliError(`the token in ${where} cannot be decrypted with the key file (was it replaced?); run coffer login again`, EXIT.CONFIG);
  }
  return { token: opened.text, legacy: opened.legacy };
}

/**
 * Writes again, in the current layout, a file that was read in the older one. That one stays
 * readable, so when the file cannot be written (a read-only mount) the command goes on and says so.
 */
export function rewriteLegacy(path: string, write: () => void): void {
  try {
    write();
  } catch (err) {
    process.stderr.write(`coffer: ${path} stays in the older format, which this version still reads: ${err instanceof Error ? err.message : String(err)}\n`);
  }
}

/**
 * A JSON file of coffer's (config.json, .coffer.json) with one meaning: a member given twice would
 * be read one way here and another way by another tool, so it is refused as unsafe (exit 9). Other
 * mistakes exit with `invalid`. Messages name the file and line, never what the file holds.
 */
export function parseJsonFile(path: string, text: string, invalid: number): unknown {
  try {
    return parseStrictJson(text);
  } catch (err) {
    if (!(err instanceof JsonParseError)) throw err;
    if (err.problem === 'duplicate') {
      throw new CliError(
        `refusing ${path}: line ${err.line} gives "${showPath(err.path)}" a second time, so it can be read two ways; fix or remove it`,
        EXIT.CONFIG,
      );
    }
    const what = err.problem === 'depth' ? 'is nested too deeply' : 'is not valid JSON';
    throw new CliError(`${path} ${what} (line ${err.line}); fix or remove it`, invalid);
  }
}

/** A file-system failure on the configuration, as the one-line CONFIG error (exit 9) it is for the user. */
export function unreadable(path: string, err: unknown): CliError {
  const error = err as NodeJS.ErrnoException;
  return new CliError(`cannot use ${path} (${error.code ?? error.message}); fix or remove it`, EXIT.CONFIG);
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw unreadable(path, err);
  }
}

/**
 * Refuses a configuration directory that is not a real directory owned by this user, or that
 * others may write to: whoever can write there can swap config.json (and with it the server the
 * token is sent to) or plant files where coffer writes.
 */
export function checkPrivateDir(path: string): Stats | undefined {
  const stats = statOrUndefined(path);
  if (!stats || process.platform === 'win32') return stats;
  if (!stats.isDirectory()) throw new CliError(`refusing to use ${path}: it is not a directory (a symlink?); remove it`, EXIT.CONFIG);
  if (process.getuid && stats.uid !== process.getuid()) throw new CliError(`refusing to use ${path}: it belongs to another user`, EXIT.CONFIG);
  const mode = stats.mode & 0o777;
  if ((mode & 0o022) !== 0) {
    throw new CliError(
      `refusing to use ${path}: its mode is ${mode.toString(8).padStart(4, '0')}, writable by others; fix it with: chmod 700 ${path}`,
      EXIT.CONFIG,
    );
  }
  return stats;
}

/** {@link replacePrivateFile} for the configuration: a failure is the CONFIG error (exit 9). */
export function writePrivateFile(path: string, content: string | Buffer): void {
  try {
    replacePrivateFile(path, content);
  } catch (err) {
    throw unreadable(path, err);
  }
}

/**
 * Refuses a key file that anyone but its owner could read or write, that is not a plain file
 * (a symlink could point anywhere) or that does not hold exactly 32 bytes.
 */
export function checkKeyFile(path: string): Stats | undefined {
  const stats = statOrUndefined(path);
  if (!stats) return undefined;
  if (!stats.isFile()) throw new CliError(`refusing to use ${path}: it is not a regular file; remove it and run coffer login again`, EXIT.CONFIG);
  const mode = stats.mode & 0o777;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new CliError(
      `refusing to use ${path}: its mode is ${mode.toString(8).padStart(4, '0')}, broader than 0600; fix it with: chmod 600 ${path}`,
      EXIT.CONFIG,
    );
  }
  if (stats.size !== KEY_BYTES) throw new CliError(`refusing to use ${path}: it must hold exactly ${KEY_BYTES} bytes`, EXIT.CONFIG);
  return stats;
}

/** config.json as this CLI writes it; fields it does not know are kept (a newer version may have written them). */
function checkConfig(path: string, value: unknown): ConfigFile {
  if (!isJsonObject(value)) throw new CliError(`${path} must hold a JSON object`, EXIT.CONFIG);
  const file = value as Record<string, unknown>;
  const wrong = (field: string, what: string) => new CliError(`${path}: "${field}" must be ${what}; fix or remove it`, EXIT.CONFIG);
  if (file.apiUrl !== undefined && typeof file.apiUrl !== 'string') throw wrong('apiUrl', 'a string');
  if (file.token !== undefined && typeof file.token !== 'string') throw wrong('token', 'a string');
  if (file.refreshToken !== undefined && (typeof file.refreshToken !== 'string' || !isSealed(file.refreshToken)))
    throw wrong('refreshToken', 'a sealed string');
  if (file.tokenExpiresAt !== undefined && (typeof file.tokenExpiresAt !== 'string' || Number.isNaN(Date.parse(file.tokenExpiresAt)))) {
    throw wrong('tokenExpiresAt', 'a date');
  }
  const context = file.context;
  if (context !== undefined) {
    if (!isJsonObject(context)) throw wrong('context', 'an object');
    for (const part of ['org', 'project', 'env'] as const) {
      const slug = context[part];
      if (slug !== undefined && typeof slug !== 'string') throw wrong(`context.${part}`, 'a string');
    }
  }
  return file as ConfigFile;
}

/** The configuration directory and its files; nothing is read or created before it is needed. */
export class ConfigStore {
  readonly paths: ConfigPaths;
  private file: ConfigFile | undefined;
  private key: Buffer | undefined;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.paths = configPaths(env);
  }

  /**
   * Reads `config.json` (an absent file is an empty config), checks the key file's mode and
   * migrates a plaintext token to the sealed form.
   */
  load(): ConfigFile {
    if (this.file) return this.file;
    checkPrivateDir(this.paths.dir);
    checkKeyFile(this.paths.key);
    let text: string | undefined;
    try {
      text = readFileSync(this.paths.config, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw unreadable(this.paths.config, err);
    }
    let file: ConfigFile = {};
    if (text !== undefined && text.trim() !== '') file = checkConfig(this.paths.config, parseJsonFile(this.paths.config, text, EXIT.CONFIG));
    this.file = file;
    if (typeof file.token === 'string' && file.token !== '' && !isSealed(file.token)) {
      // An older config kept the token in clear: seal it now.
      this.save({ ...file, token: sealToken(file.token, this.keyMaterial(true)) });
      process.stderr.write(`coffer: encrypted the plaintext token in ${this.paths.config}\n`);
    }
    return this.file;
  }

  /** Writes `config.json` (mode 0600, replaced atomically). */
  save(file: ConfigFile): void {
    this.ensureDir();
    writePrivateFile(this.paths.config, JSON.stringify(file, null, 2) + '\n');
    this.file = file;
  }

  update(change: (file: ConfigFile) => ConfigFile): ConfigFile {
    const next = change({ ...this.load() });
    this.save(next);
    return next;
  }

  /** The stored token in clear, or undefined. One sealed in the older layout is rewritten in the current one. */
  token(): string | undefined {
    const sealed = this.load().token;
    if (!sealed) return undefined;
    const key = this.keyMaterial(false);
    const { token, legacy } = openToken(sealed, key, this.paths.config);
    if (legacy) rewriteLegacy(this.paths.config, () => this.update((file) => ({ ...file, token: sealToken(token, key) })));
    return token;
  }

  /** Stores an API token; a session's tokens stored before are dropped. */
  setToken(token: string): void {
    const sealed = sealToken(token, this.keyMaterial(true));
    this.update(({ refreshToken: _refresh, tokenExpiresAt: _expires, ...file }) => ({ ...file, token: sealed }));
  }

  /** Stores a session's tokens in one write: the access token as `token`, the refresh token sealed beside it. */
  setSession(session: StoredSession): void {
    const key = this.keyMaterial(true);
    const token = sealToken(session.accessToken, key);
    const refreshToken = sealText(session.refreshToken, key, REFRESH_TOKEN_AAD);
    this.update((file) => ({ ...file, token, refreshToken, tokenExpiresAt: session.expiresAt.toISOString() }));
  }

  /** The stored session's refresh token in clear, or undefined (an API token, or nobody logged in). */
  refreshToken(): string | undefined {
    const sealed = this.load().refreshToken;
    if (!sealed) return undefined;
    const opened = openSealed(sealed, this.keyMaterial(false), REFRESH_TOKEN_AAD);
    if (!opened)
      throw new CliError(
        `the refresh token in ${this.paths.config} cannot be decrypted with the key file (was it replaced?); run coffer login again`,
        EXIT.CONFIG,
      );
    return opened.text;
  }

  /** Removes every stored credential (the API URL and context stay). */
  clearCredentials(): void {
    this.update(({ token: _token, refreshToken: _refresh, tokenExpiresAt: _expires, ...rest }) => rest);
  }

  /** Forgets what was read, so the next read sees what another coffer process wrote since. */
  reload(): void {
    this.file = undefined;
  }

  /** The 32-byte key; created (0600, in a 0700 directory) when `create` and it does not exist yet. */
  keyMaterial(create: boolean): Buffer {
    if (this.key) return this.key;
    if (!checkKeyFile(this.paths.key)) {
      if (!create) throw new CliError(`${this.paths.key} is missing, so the stored token cannot be read; run coffer login again`, EXIT.CONFIG);
      this.ensureDir();
      try {
        writeFileSync(this.paths.key, randomBytes(KEY_BYTES), { mode: 0o600, flag: 'wx' });
      } catch (err) {
        // Another coffer created it at the same moment: use that one.
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw unreadable(this.paths.key, err);
      }
      checkKeyFile(this.paths.key);
    }
    try {
      this.key = readFileSync(this.paths.key);
    } catch (err) {
      throw unreadable(this.paths.key, err);
    }
    return this.key;
  }

  /** Creates the configuration directory (mode 0700) when it does not exist, and checks it when it does. */
  ensureDir(): void {
    ensurePrivateDir(this.paths.dir);
  }
}

/** {@link checkPrivateDir}, creating the directory (and its parents) with mode 0700 first if needed. */
export function ensurePrivateDir(path: string): void {
  if (!checkPrivateDir(path)) {
    try {
      mkdirSync(path, { recursive: true, mode: 0o700 });
      chmodSync(path, 0o700);
    } catch (err) {
      throw unreadable(path, err);
    }
    checkPrivateDir(path);
  }
}
