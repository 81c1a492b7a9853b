import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createCipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';
import { seedOrg, usePlatform } from '@coffer/test-kit/fixtures';
import type { Api, TestPlatform } from '@coffer/test-kit/platform';

export const COFFER_BIN = fileURLToPath(new URL('../../packages/cli/bin/coffer.js', import.meta.url));
const BUILD_SCRIPT = fileURLToPath(new URL('../../packages/cli/scripts/build.mjs', import.meta.url));

/** How people start `coffer` in the workspace: the bin, which runs the install-time bundle while it is current, else the sources. */
export const SOURCE_CLI: readonly string[] = [process.execPath, COFFER_BIN];

/** The TypeScript sources through tsx, whatever the state of the bundle. */
export const SOURCES_THROUGH_TSX: readonly string[] = [
  process.execPath,
  // tsx's loader by its URL (the package's only export), so it resolves from any working directory.
  '--import',
  new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href,
  fileURLToPath(new URL('../../packages/cli/src/main.ts', import.meta.url)),
];

export interface BuiltCli {
  /** `node coffer.cjs`, the bundle. */
  bundle: readonly string[];
  /** The single executable. */
  executable: readonly string[];
}

/** Runs the package's build script (`--sea`) into `outDir`, as a user following the README would. */
export async function buildCli(outDir: string): Promise<BuiltCli> {
  await promisify(execFile)(process.execPath, [BUILD_SCRIPT, '--sea', '--out', outDir], { timeout: 120_000 });
  return { bundle: [process.execPath, join(outDir, 'coffer.cjs')], executable: [join(outDir, 'coffer')] };
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliHome {
  /** A fresh HOME with its own XDG_CONFIG_HOME, so no test sees the developer's config. */
  home: string;
  configDir: string;
  env: Record<string, string>;
  run(args: string[], options?: { input?: string | Buffer; env?: Record<string, string>; cwd?: string }): Promise<CliResult>;
  start(args: string[], options?: { env?: Record<string, string>; cwd?: string }): ChildProcess;
  remove(): Promise<void>;
}

/** Runs the real `coffer` binary with a clean environment: only PATH, HOME and XDG_CONFIG_HOME. */
export async function cliHome(command: readonly string[] = SOURCE_CLI): Promise<CliHome> {
  const [file, ...prefix] = command as [string, ...string[]];
  const home = await mkdtemp(join(tmpdir(), 'coffer-cli-'));
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, XDG_CONFIG_HOME: join(home, 'config') };
  const start: CliHome['start'] = (args, options = {}) =>
    spawn(file, [...prefix, ...args], { cwd: options.cwd ?? home, env: { ...env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
  return {
    home,
    configDir: join(home, 'config', 'coffer'),
    env,
    start,
    run(args, options = {}) {
      return new Promise((resolve, reject) => {
        const child = start(args, options);
        let stdout = '';
        let stderr = '';
        // Decoded as a stream: a character whose bytes a pipe delivers in two chunks stays whole.
        child.stdout!.setEncoding('utf8');
        child.stderr!.setEncoding('utf8');
        child.stdout!.on('data', (chunk: string) => (stdout += chunk));
        child.stderr!.on('data', (chunk: string) => (stderr += chunk));
        child.on('error', reject);
        child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
        // The CLI may stop reading early (an input too large): the pipe then closes under us.
        child.stdin!.on('error', () => {});
        child.stdin!.end(options.input ?? '');
      });
    },
    remove: () => rm(home, { recursive: true, force: true }),
  };
}

/** Fresh CLI homes for the tests of one file, each made on demand and all removed after them. */
export function scratchHomes(): () => Promise<CliHome> {
  const homes: CliHome[] = [];
  afterAll(async () => {
    await Promise.all(homes.map((home) => home.remove()));
  });
  return async () => {
    const created = await cliHome();
    homes.push(created);
    return created;
  };
}

/** What every error path must look like: exactly one line on stderr, no stack trace. */
export function oneLine(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  if (lines.length !== 1 || /\n\s+at /.test(stderr)) throw new Error(`expected one line on stderr, got:\n${stderr}`);
  return lines[0]!;
}

/** A fresh CLI home logged in to `baseUrl` with `token`, its context set to project `api`, env `production`. */
export async function loggedInCli(baseUrl: string, token: string, command: readonly string[] = SOURCE_CLI): Promise<CliHome> {
  const cli = await cliHome(command);
  const login = await cli.run(['login', '--api-url', baseUrl, '--token-stdin'], { input: token });
  if (login.code !== 0) throw new Error(`coffer login failed: ${login.stderr}`);
  const context = await cli.run(['context', 'set', '--project', 'api', '--env', 'production']);
  if (context.code !== 0) throw new Error(`coffer context set failed: ${context.stderr}`);
  return cli;
}

/**
 * A fresh CLI home acting as a signed-in person: their session's access token as COFFER_TOKEN (it
 * works as an API token does), its context set to organisation acme, project api, env production.
 */
export async function personCli(baseUrl: string, accessToken: string): Promise<CliHome> {
  const cli = await cliHome();
  cli.env.COFFER_TOKEN = accessToken;
  cli.env.COFFER_API_URL = baseUrl;
  const context = await cli.run(['context', 'set', '--org', 'acme', '--project', 'api', '--env', 'production']);
  if (context.code !== 0) throw new Error(`coffer context set failed: ${context.stderr}`);
  return cli;
}

/** A prompt to wait for, what to type at it, and something to do just before typing. */
export type TerminalAnswer = [prompt: RegExp, keys: string, before?: () => Promise<void>];

/**
 * Runs `coffer args...` on a pseudo-terminal (script(1), from util-linux), as a person at a
 * keyboard would: each time the output matches the next prompt, its keys are typed. The output is
 * the terminal's (stdout and stderr together), so it shows whatever the program let it echo.
 */
export function inTerminal(
  cli: CliHome,
  args: string[],
  answers: TerminalAnswer[] = [],
  options: { env?: Record<string, string>; command?: readonly string[] } = {},
): Promise<{ code: number | null; output: string }> {
  const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
  const line = [...(options.command ?? SOURCE_CLI), ...args].map(quote).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', line, '/dev/null'], { cwd: cli.home, env: { ...cli.env, ...options.env } });
    let output = '';
    const pending = [...answers];
    let typing = false;
    const typeNext = () => {
      const next = pending[0];
      if (typing || !next || !next[0].test(output)) return;
      pending.shift();
      typing = true;
      (next[2] ?? (async () => {}))().then(() => {
        child.stdin.write(next[1]);
        typing = false;
        typeNext();
      }, reject);
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      typeNext();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Terminal output as a test compares it: no colours or cursor moves, plain newlines. */
export const plainText = (output: string) => output.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '').replace(/\r\n/g, '\n');

export interface CliPlatform {
  platform: TestPlatform;
  /** The REST API as the bootstrap admin of organisation `acme`. */
  api: Api;
  /** That admin's token. */
  token: string;
  /** A CLI home logged in with it, context project `api`, env `production`. */
  cli: CliHome;
}

/**
 * The platform on real PostgreSQL and Redis, bootstrapped (`acme`/`api`), and a logged-in CLI, for
 * the tests of one file: set up in beforeAll, torn down in afterAll. Read the fields inside tests.
 */
export function cliPlatform(): CliPlatform {
  const fixture = { platform: usePlatform() } as CliPlatform;
  beforeAll(async () => {
    const { token, api } = await seedOrg(fixture.platform, { org: 'acme', project: 'api' });
    Object.assign(fixture, { token, api, cli: await loggedInCli(fixture.platform.baseUrl, token) });
  });
  // Runs before the platform's own afterAll (hooks unwind in reverse).
  afterAll(async () => {
    await fixture.cli?.remove();
  });
  return fixture;
}

/**
 * A fixture in the layout earlier versions of the CLI wrote (token and snapshots), made with
 * node:crypto rather than the CLI's code: `enc:` + base64(12-byte nonce ‖ AES-256-GCM ciphertext ‖ 16-byte tag).
 */
export function legacySeal(text: string, key: Buffer, aad: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(aad));
  const ciphertext = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return `enc:${Buffer.concat([nonce, ciphertext, cipher.getAuthTag()]).toString('base64')}`;
}
